"""The screening, the blocked page and its printable summary, and "Stop — this hurts".

Every page here shows or takes health data: never cached, answers only ever sent by POST, and
POST bodies hidden from error reports.
"""

from django.conf import settings
from django.contrib import messages
from django.db import IntegrityError
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import SimpleLazyObject
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django.views.generic import FormView

from config.throttling import throttle
from stretches.caching.openings import messages_html
from stretches.caching.screening import (
    UnsentScreening,
    person_notes_html,
    unsent_screening_form_html,
    unsent_screening_page_html,
)
from stretches.progress.triggers import pain_not_easing
from stretches.screening.forms import ScreeningForm, new_form_token
from stretches.screening.owners import owner_for_request
from stretches.screening.recording import record_pain_stop, record_screening
from stretches.screening.state import published_screening_state, safe_alternatives
from stretches.shortcuts import published_routine_or_404


class ScreeningView(FormView):
    """The start of a routine: asks what is unanswered plus every right-now question.

    Re-taking asks everything. A block sends the person to the blocked page instead.
    """

    template_name = "stretches/screening_form.html"
    form_class = ScreeningForm
    # Outermost first, as method_decorator would apply them. Applied once, to the view that
    # as_view() makes: method_decorator wraps `dispatch` in them again on every request (about
    # 0.05 ms, a few percent of this page once its markup is kept).
    view_decorators = (
        never_cache,
        sensitive_post_parameters(),
        throttle("screening_per_address", "ip"),
    )

    @classmethod
    def as_view(cls, **initkwargs):
        view = super().as_view(**initkwargs)
        for decorator in reversed(cls.view_decorators):
            view = decorator(view)
        return view

    def dispatch(self, request, *args, **kwargs):
        self.state = published_screening_state(owner_for_request(request), kwargs["slug"])
        self.routine = self.state.routine
        self.retake = request.GET.get("retake") == "1"
        if self.state.decision.has_nothing_to_ask:
            return render(
                request, "stretches/screening_unavailable.html", {"routine": self.routine}
            )
        self.questions = self.state.questions_for_this_start(retake=self.retake)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if not self.retake:
            if self.state.decision.is_blocked:
                return redirect("stretches:screening_blocked", slug=self.routine.slug)
            if not self.questions:
                # Nothing is asked at every start and the rest is answered: nothing to ask.
                return redirect("stretches:routine_steps", slug=self.routine.slug)
        # The unsent form's markup is kept (stretches.caching.screening): the form (eleven fields
        # and a signed token) is built only if something reads it, and the page does not.
        context = self.get_context_data(form=SimpleLazyObject(self.get_form))
        unsent = UnsentScreening(
            self.routine,
            tuple(self.questions),
            retake=self.retake,
            already_answered=context["already_answered"],
            standing_valid_hours=context["standing_valid_hours"],
            retention_days=context["retention_days"],
        )
        own = {
            "csrf_token": get_token(request),
            "form_token": new_form_token(),
            "person_notes": context["person_notes"],
        }
        if request.user.is_authenticated:
            context["unsent_form_html"] = unsent_screening_form_html(unsent, **own)
            return self.render_to_response(context)
        context["page_html"] = unsent_screening_page_html(
            unsent, **own, messages=messages_html(request)
        )
        return self.response_class(
            request=request,
            template="stretches/screening_form_kept.html",
            context=context,
            using=self.template_engine,
        )

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "routine": self.routine,
            "contraindications": self.questions,
        }

    def form_valid(self, form):
        try:
            _, decision = record_screening(
                owner=owner_for_request(self.request, create=True),
                state=self.state,
                answers=form.answers(),
                form_token=form.cleaned_data["form_token"],
            )
        except IntegrityError:
            # The same form sent twice at once: the first one won, this one stores nothing.
            form.add_error(None, form.error_messages["already_sent"])
            return self.form_invalid(form)
        if decision.is_cleared:
            messages.success(
                self.request,
                "Thank you. Your answers don't rule out this routine. Stop if anything hurts.",
            )
            return redirect("stretches:routine_steps", slug=self.routine.slug)
        return redirect("stretches:screening_blocked", slug=self.routine.slug)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            routine=self.routine,
            retake=self.retake,
            already_answered=0 if self.retake else self.state.already_answered,
            person_notes=person_notes_html(
                keeps_hurting=self.state.keeps_hurting,
                recent_pain_stops=self.state.recent_pain_stops,
                pain_not_easing=pain_not_easing(owner_for_request(self.request)),
            ),
            retention_days=settings.SCREENING_RETENTION_DAYS,
            standing_valid_hours=int(settings.SCREENING_VALID_FOR.total_seconds() // 3600),
        )
        return context


@method_decorator(never_cache, name="dispatch")
class BlockedView(View):
    template_name = "stretches/screening_blocked.html"

    def get(self, request, slug):
        state = published_screening_state(owner_for_request(request), slug)
        if not state.decision.is_blocked:
            return redirect("stretches:routine_steps", slug=slug)
        context = {
            "routine": state.routine,
            "decision": state.decision,
            "reasons": state.decision.reasons,
            "alternatives": safe_alternatives(state),
        }
        return render(request, self.template_name, context)


@method_decorator(never_cache, name="dispatch")
class ScreeningSummaryView(View):
    """A printable sheet to take to a doctor or physical therapist."""

    template_name = "stretches/screening_summary.html"

    def get(self, request, slug):
        state = published_screening_state(owner_for_request(request), slug)
        if not state.answers:
            return redirect("stretches:screening", slug=slug)
        answered = [
            (contraindication, state.answers[contraindication.pk].as_answer())
            for contraindication in state.contraindications
            if contraindication.pk in state.answers
        ]
        context = {
            "routine": state.routine,
            "answered": answered,
            "reasons": state.decision.reasons,
            "decision": state.decision,
        }
        return render(request, self.template_name, context)


@require_POST
def stop_routine(request, slug):
    """ "Stop — this hurts": always works, even with a missing or odd step number."""
    routine = published_routine_or_404(slug)
    step = routine.steps.filter(position=_positive_int(request.POST.get("step"))).first()
    record_pain_stop(owner=owner_for_request(request, create=True), routine=routine, step=step)
    return redirect("stretches:routine_stopped", slug=slug)


@never_cache
def routine_stopped(request, slug):
    routine = published_routine_or_404(slug)
    screening_url = reverse("stretches:screening", kwargs={"slug": slug})
    return render(
        request,
        "stretches/routine_stopped.html",
        {"routine": routine, "screening_url": screening_url},
    )


def _positive_int(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None
