"""Limber's admin site: Django's, with "View on site" kept to those who may view the object."""

from django.contrib import admin
from django.contrib.contenttypes import views as contenttype_views
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.urls import path


class LimberAdminSite(admin.AdminSite):
    def get_urls(self):
        # Listed first, so it answers for Django's own "view_on_site" address.
        view_on_site = path(
            "r/<path:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site),
            name="view_on_site",
        )
        return [view_on_site, *super().get_urls()]

    def view_on_site(self, request, content_type_id, object_id):
        """Django's redirect to an object's page, for staff who may view that kind of object.

        Without the check, any staff member could walk ids and learn the slugs of drafts.
        """
        try:
            model = ContentType.objects.get_for_id(int(content_type_id)).model_class()
        except (ValueError, ContentType.DoesNotExist) as error:
            raise Http404 from error
        if model is None:
            raise Http404
        opts = model._meta
        if not (
            request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
            or request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
        ):
            raise Http404
        return contenttype_views.shortcut(request, content_type_id, object_id)
