"""Where a person stands with a routine: the answers that still count, and what they leave open."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Count, Max, Q
from django.utils import timezone

from stretches.caching import published_routine_content
from stretches.models import (
    Answer,
    PainReport,
    Routine,
    RoutineCompletion,
    Screening,
    ScreeningAnswer,
)
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
    recent_pain_stops: int = 0  # anywhere, within PainReport.REPEATED_WINDOW

    def answer_values(self):
        return {pk: answer.answer for pk, answer in self.answers.items()}

    @property
    def keeps_hurting(self):
        return PainReport.are_repeated(self.recent_pain_stops)

    def questions_for_this_start(self, *, retake=False):
        """What a new start asks: every question when re-taking; else every right-now question
        (no earlier start can answer those) and whatever else is unanswered."""
        if retake:
            return self.contraindications
        return tuple(c for c in self.contraindications if c.right_now or c.pk not in self.answers)

    @property
    def already_answered(self):
        """How many standing questions earlier screenings still answer for this routine."""
        return sum(1 for c in self.contraindications if not c.right_now and c.pk in self.answers)


def screening_state(
    owner: ScreeningOwner, routine: Routine, *, now=None, contraindications=None
) -> RoutineScreeningState:
    """The person's standing with a routine, in a fixed number of queries.

    Standing answers (osteopenia, say) count while they are younger than the validity window and
    their question still reads the same; after a pain stop in this routine, only a newer screening
    for this routine counts.

    Right-now answers (pain now, urgent signs) are true only when given. A "No" counts only for
    the start it was given for: a screening for this routine, younger than RIGHT_NOW_VALID_FOR,
    after the person's last pain stop anywhere and after they last finished this routine. A "Yes"
    or "Not sure" blocks every routine for that time, since it is just as true for them.

    The newest answer to each question wins.

    `contraindications`, when given, are the routine's relevant contraindications as the caller
    already has them (`stretches.caching.published_routine_content`).
    """
    now = now or timezone.now()
    if contraindications is None:
        contraindications = routine.relevant_contraindications()
    contraindications = tuple(contraindications)
    if owner.user is None and not owner.session_token:
        # Nothing was ever stored for a visitor without a token: no query can find an answer or
        # a pain stop, so none is built (this is every first visit to a screening).
        return RoutineScreeningState(
            routine, contraindications, {}, decide(contraindications, {}), stopped_for_pain_at=None
        )
    window_start = now - settings.SCREENING_VALID_FOR
    right_now_start = now - settings.RIGHT_NOW_VALID_FOR
    pain_stops = PainReport.objects.owned_by(owner).aggregate(
        here=Max("created_at", filter=Q(routine=routine, created_at__gt=window_start)),
        anywhere=Max("created_at", filter=Q(created_at__gt=right_now_start)),
        recent=Count("pk", filter=Q(created_at__gt=now - PainReport.REPEATED_WINDOW)),
    )
    right_now_cutoff = max(
        moment
        for moment in (right_now_start, pain_stops["anywhere"], _last_finished(owner, routine))
        if moment is not None
    )

    standing = Q(
        contraindication__in=[c.pk for c in contraindications if not c.right_now],
        screening__created_at__gt=window_start,
    )
    if pain_stops["here"]:
        # After "Stop — this hurts" only a new screening for this very routine lifts the block.
        standing &= Q(screening__created_at__gt=pain_stops["here"], screening__routine=routine)
    right_now = Q(
        contraindication__in=[c.pk for c in contraindications if c.right_now],
        screening__created_at__gt=right_now_cutoff,
    ) & (Q(screening__routine=routine) | ~Q(answer=Answer.NO))

    current_questions = {c.pk: c.question for c in contraindications}
    answers = {}
    newest_first = (
        ScreeningAnswer.objects.filter(screening__in=Screening.objects.owned_by(owner))
        .filter(standing | right_now)
        .select_related("screening")
        .order_by("-screening__created_at", "-screening_id")
    )
    for answer in newest_first:
        # An answer to a question worded differently since is an answer to another question.
        if answer.question_text == current_questions[answer.contraindication_id]:
            answers.setdefault(answer.contraindication_id, answer)
    decision = decide(contraindications, {pk: answer.answer for pk, answer in answers.items()})
    return RoutineScreeningState(
        routine,
        contraindications,
        answers,
        decision,
        stopped_for_pain_at=pain_stops["here"],
        recent_pain_stops=pain_stops["recent"],
    )


def published_screening_state(owner: ScreeningOwner, slug, *, now=None) -> RoutineScreeningState:
    """screening_state() for the published routine `slug` (a 404 for any other), its content
    read from the cache that content changes replace."""
    content = published_routine_content(slug)
    return screening_state(
        owner, content.routine, now=now, contraindications=content.contraindications
    )


def _last_finished(owner, routine):
    """When a signed-in person last finished this routine: the end of that start."""
    if owner.user is None:
        return None
    finished = RoutineCompletion.objects.filter(user=owner.user, routine=routine)
    return finished.aggregate(last=Max("completed_at"))["last"]


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
