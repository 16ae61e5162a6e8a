"""The admin's History page as a readable diff, with a revert button for reviewers."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from stretches import revisions
from stretches.models import REVIEW_PERMISSION


class HistoryViewMixin:
    """Give a model admin the readable history and revert; subclasses say how for their model."""

    history_template = "admin/stretches/history.html"

    def history_entries(self, obj):
        raise NotImplementedError

    def revert(self, obj, *, to, by):
        raise NotImplementedError

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_permission(request, obj):
            raise Http404
        context = {
            **self.admin_site.each_context(request),
            "title": f"History: {obj}",
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "entries": self.history_entries(obj),
            "can_revert": request.user.has_perm(REVIEW_PERMISSION),
            "revert_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_revert", args=[obj.pk]
            ),
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.history_template, context)

    def revert_view(self, request, object_id):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_permission(request, obj):
            raise Http404
        record = revisions.find_record(obj, request.POST.get("version", ""))
        if record is None:
            messages.error(request, "That version does not belong to this history.")
        else:
            try:
                self.revert(obj, to=record.history_date, by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                self.log_change(request, obj, f"Reverted to the version of {record.history_date}")
                messages.success(request, f"“{obj}” is back to that version.")
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_history", args=[obj.pk])
        )

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_revert"
        view = self.admin_site.admin_view(require_POST(self.revert_view))
        return [path("<path:object_id>/revert/", view, name=name), *super().get_urls()]
