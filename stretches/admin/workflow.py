"""The editorial workflow in the admin: bulk actions, the change form's buttons, and "send back".

Admin actions and the change form's buttons both end in the routine's own methods, so the
workflow's rules are checked the same way whichever way a person asks.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from stretches.models import REVIEW_PERMISSION, Routine


class SendBackForm(forms.Form):
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        help_text="What needs to change before this routine can be published.",
    )


def moved_on(routine):
    message = f"“{routine}” is now {routine.get_status_display().lower()}."
    if routine.status == Routine.Status.PUBLISHED:
        message += f" Next clinical review due {routine.review_due:%d %b %Y}."
    return message


class WorkflowAdminMixin:
    """Transitions for RoutineAdmin: actions over a selection, and buttons on one routine."""

    actions = ["submit_for_review", "publish", "confirm_review", "unpublish"]

    def has_review_permission(self, request):
        return request.user.has_perm(REVIEW_PERMISSION)

    @admin.action(description="Submit selected routines for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._bulk_transition(request, queryset, "submit_for_review")

    @admin.action(description="Publish selected routines", permissions=["review"])
    def publish(self, request, queryset):
        self._bulk_transition(request, queryset, "publish")

    @admin.action(description="Confirm review of selected routines", permissions=["review"])
    def confirm_review(self, request, queryset):
        self._bulk_transition(request, queryset, "confirm_review")

    @admin.action(description="Unpublish selected routines", permissions=["review"])
    def unpublish(self, request, queryset):
        self._bulk_transition(request, queryset, "unpublish")

    def _bulk_transition(self, request, queryset, name):
        """All or nothing: one refused routine leaves every selected routine as it was."""
        refusals = []
        with transaction.atomic():
            for routine in Routine.objects.select_for_update().filter(
                pk__in=list(queryset.values_list("pk", flat=True))
            ):
                try:
                    getattr(routine, name)(by=request.user)
                except ValidationError as error:
                    refusals.extend(error.messages)
                else:
                    self.log_change(request, routine, Routine.TRANSITIONS[name].label)
            if refusals:
                transaction.set_rollback(True)
        if refusals:
            messages.error(request, "Nothing was changed. " + " ".join(refusals))
        else:
            for routine in queryset:
                messages.success(request, moved_on(routine))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        routine = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if routine is not None:
            extra_context["transitions"] = [
                (name, Routine.TRANSITIONS[name])
                for name in routine.available_transitions(request.user)
            ]
        return super().change_view(request, object_id, form_url, extra_context)

    def transition_view(self, request, object_id, name):
        routine = self.get_object(request, object_id)
        if routine is None or name not in Routine.TRANSITIONS:
            raise Http404
        if not self.has_view_permission(request, routine):
            raise PermissionDenied
        transition = Routine.TRANSITIONS[name]
        form = SendBackForm(request.POST) if transition.needs_comment else None
        if form is not None and not form.is_valid():
            return self._send_back_page(request, routine, form)
        try:
            with transaction.atomic():
                # Locked, so two people pressing buttons at once cannot both move it on.
                routine = Routine.objects.select_for_update().get(pk=routine.pk)
                if form is not None:
                    routine.send_back(by=request.user, comment=form.cleaned_data["comment"])
                else:
                    getattr(routine, name)(by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            self.log_change(request, routine, transition.label)
            messages.success(request, moved_on(routine))
        return HttpResponseRedirect(reverse("admin:stretches_routine_change", args=[routine.pk]))

    def send_back_view(self, request, object_id):
        routine = self.get_object(request, object_id)
        if routine is None or not self.has_view_permission(request, routine):
            raise Http404
        try:
            routine.check_transition("send_back", request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(
                reverse("admin:stretches_routine_change", args=[routine.pk])
            )
        return self._send_back_page(request, routine, SendBackForm())

    def _send_back_page(self, request, routine, form):
        context = {
            **self.admin_site.each_context(request),
            "title": f"Send “{routine}” back to draft",
            "subtitle": None,
            "opts": self.opts,
            "original": routine,
            "form": form,
        }
        return TemplateResponse(request, "admin/stretches/routine/send_back.html", context)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/transition/<slug:name>/",
                wrap(require_POST(self.transition_view)),
                name="stretches_routine_transition",
            ),
            path(
                "<path:object_id>/send-back/",
                wrap(self.send_back_view),
                name="stretches_routine_send_back",
            ),
            *super().get_urls(),
        ]
