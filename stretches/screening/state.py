"""Where a person stands with a routine: the answers that still count, and what they leave open."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils import timezone

from stretches.models import PainReport, Routine, Screening, ScreeningAnswer
from stretches.screening.owners import ScreeningOwner
from stretches.screening.rule import ScreeningDecision, decide


@dataclass(frozen=True)
class RoutineScreeningState:
    """Where one person stands with one routine right now."""

    routine: Routine
    contraindications: tuple
    answers: dict  # contraindication id -> the ScreeningAnswer that currently counts
    decision: ScreeningDecision
    stopped_for_pain_at: datetime | None

    def answer_values(self):
        return {pk: answer.answer for pk, answer in self.answers.items()}


def screening_state(owner: ScreeningOwner, routine: Routine, *, now=None) -> RoutineScreeningState:
    """The person's standing with a routine, in a fixed number of queries.

    Answers count while they are younger than the validity window and their question still reads
    the same; after a pain stop in this routine, only a newer screening for this routine counts.
    The newest answer to each question wins.
    """
    now = now or timezone.now()
    contraindications = tuple(routine.relevant_contraindications())
    window_start = now - settings.SCREENING_VALID_FOR
    last_pain_stop = (
        PainReport.objects.owned_by(owner)
        .filter(routine=routine, created_at__gt=window_start)
        .values_list("created_at", flat=True)
        .first()
    )
    answers_that_count = ScreeningAnswer.objects.filter(
        screening__in=Screening.objects.owned_by(owner),
        screening__created_at__gt=window_start,
        contraindication__in=[c.pk for c in contraindications],
    )
    if last_pain_stop:
        # After "Stop — this hurts" only a new screening for this very routine lifts the block.
        answers_that_count = answers_that_count.filter(
            screening__created_at__gt=last_pain_stop, screening__routine=routine
        )
    current_questions = {c.pk: c.question for c in contraindications}
    answers = {}
    newest_first = answers_that_count.select_related("screening").order_by(
        "-screening__created_at", "-screening_id"
    )
    for answer in newest_first:
        # An answer to a question worded differently since is an answer to another question.
        if answer.question_text == current_questions[answer.contraindication_id]:
            answers.setdefault(answer.contraindication_id, answer)
    decision = decide(contraindications, {pk: answer.answer for pk, answer in answers.items()})
    return RoutineScreeningState(routine, contraindications, answers, decision, last_pain_stop)


def blocking_reasons(screening):
    """The rule's reasons, over one screening's own answers (answers must be prefetched)."""
    answered = [a for a in screening.answers.all() if a.contraindication is not None]
    decision = decide(
        [a.contraindication for a in answered],
        {a.contraindication_id: a.answer for a in answered},
    )
    return decision.reasons


def safe_alternatives(state: RoutineScreeningState):
    """Published routines that none of the person's non-"No" answers rule out.

    A general red flag applies to every routine, so once one of those blocks there is none.
    """
    blocking = [reason.contraindication for reason in state.decision.reasons]
    if any(contraindication.applies_to_all_routines for contraindication in blocking):
        return Routine.objects.none()
    return (
        Routine.objects.published()
        .exclude(pk=state.routine.pk)
        .exclude(contraindications__in=[c.pk for c in blocking])
        .order_by("title")
    )
