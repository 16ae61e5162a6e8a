"""The precondition of every view that shows a routine's instructions, declared in one place."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from stretches.caching import published_routine_content
from stretches.screening.owners import owner_for_request
from stretches.screening.state import screening_state


@method_decorator(never_cache, name="dispatch")
class ScreeningRequiredMixin:
    """Let the view run only when a valid, cleared screening covers the routine in the URL.

    Otherwise send the person to the blocked page or to the screening, with a message. The check
    runs on every request, so typing the URL, going back or reusing an old link gains nothing.

    A view that shows the go in progress sets `reads_open_check_in`: the gate's one query then
    reads it too, as `self.screening.open_check_in`.
    """

    reads_open_check_in = False

    def dispatch(self, request, *args, **kwargs):
        content = published_routine_content(kwargs["slug"])
        self.content = content
        self.routine = content.routine
        self.screening = screening_state(
            owner_for_request(request),
            self.routine,
            contraindications=content.contraindications,
            with_open_check_in=self.reads_open_check_in,
        )
        decision = self.screening.decision
        if decision.is_blocked:
            messages.error(
                request, "This routine is not safe for you right now, so its steps are not shown."
            )
            return redirect("stretches:screening_blocked", slug=self.routine.slug)
        if not decision.is_cleared:
            if self.screening.stopped_for_pain_at:
                messages.warning(
                    request,
                    "You stopped this routine because it hurt. Please answer the safety questions "
                    "again before you go on.",
                )
            else:
                messages.info(request, "Before you start, please answer a few safety questions.")
            return redirect("stretches:screening", slug=self.routine.slug)
        return super().dispatch(request, *args, **kwargs)
