"""Check-ins around a routine, and the stop that pain of 7 or more before it brings up.

Health data, so the rules of the screening hold here too: answers only by POST, pages never
cached, rows found through their owner (never an id in the URL), bodies hidden from error reports.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from stretches.progress.checkin_forms import AfterForm, PainBeforeForm
from stretches.progress.checkins import (
    mark_high_pain_guidance_read,
    needs_high_pain_guidance,
    open_check_in,
    record_after,
    record_pain_before,
)
from stretches.screening.gate import ScreeningRequiredMixin
from stretches.screening.owners import owner_for_request
from stretches.shortcuts import published_routine_or_404

private_post = [never_cache, sensitive_post_parameters()]


def _refused(request, form, *, back_to):
    """Tampered or missing values: say what is wrong, store nothing."""
    context = {"form": form, "back_to": back_to}
    return render(request, "progress/check_in_refused.html", context, status=400)


@method_decorator(private_post, name="dispatch")
class PainBeforeView(ScreeningRequiredMixin, View):
    """Pain before a routine, behind the same gate as its steps."""

    http_method_names = ["post"]

    def post(self, request, slug):
        form = PainBeforeForm(request.POST)
        if not form.is_valid():
            return _refused(request, form, back_to=reverse("stretches:routine_steps", args=[slug]))
        owner = owner_for_request(request, create=True)
        check_in = record_pain_before(
            owner=owner, routine=self.routine, pain=form.cleaned_data["pain"]
        )
        if needs_high_pain_guidance(check_in):
            return redirect("stretches:check_in_high_pain", slug=slug)
        messages.success(request, f"Saved: your pain before starting is {check_in.pain_before}.")
        return redirect("stretches:routine_steps", slug=slug)


@method_decorator(private_post, name="dispatch")
class HighPainView(ScreeningRequiredMixin, View):
    """Pain of CheckIn.HIGH_PAIN or more: the guidance first, and the steps only after it is read."""

    template_name = "progress/high_pain.html"

    def get(self, request, slug):
        check_in = open_check_in(owner_for_request(request), self.routine)
        if not needs_high_pain_guidance(check_in):
            return redirect("stretches:routine_steps", slug=slug)
        context = {"routine": self.routine, "check_in": check_in}
        return render(request, self.template_name, context)

    def post(self, request, slug):
        check_in = open_check_in(owner_for_request(request), self.routine)
        if needs_high_pain_guidance(check_in):
            mark_high_pain_guidance_read(check_in)
        return redirect("stretches:routine_steps", slug=slug)


@method_decorator(private_post, name="dispatch")
class AfterView(View):
    """Pain after and "compared with last time". Not behind the gate: a long routine may outlast
    the right-now answers, and telling us how it went must still work."""

    http_method_names = ["post"]

    def post(self, request, slug):
        routine = published_routine_or_404(slug)
        form = AfterForm(request.POST)
        if not form.is_valid():
            return _refused(request, form, back_to=reverse("stretches:routine_done", args=[slug]))
        record_after(
            owner=owner_for_request(request, create=True),
            routine=routine,
            pain=form.cleaned_data["pain"],
            compared=form.cleaned_data["compared"],
        )
        messages.success(request, "Thank you. Saved.")
        return redirect("stretches:routine_done", slug=slug)
