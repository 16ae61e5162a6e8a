"""Where a person stands with a routine: the answers that still count, and what they leave open."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils import timezone

from stretches.caching import published_routine_content
from stretches.models import Answer, CheckIn, PainReport, Routine
from stretches.progress.checkins import OPEN_FOR
from stretches.screening.owners import ScreeningOwner
from stretches.screening.rows import owner_rows
from stretches.screening.rule import ScreeningDecision, decide


@dataclass(frozen=True)
class RoutineScreeningState:
    """Where one person stands with one routine right now."""

    routine: Routine
    contraindications: tuple
    # contraindication id -> the answer that currently counts, as its row (rows.AnswerRow): a
    # page that shows it makes it a ScreeningAnswer (as_answer()); the gate only needs its value.
    answers: dict
    decision: ScreeningDecision
    stopped_for_pain_at: datetime | None
    recent_pain_stops: int = 0  # anywhere, within PainReport.REPEATED_WINDOW
    open_check_in: CheckIn | None = None  # only when asked for: see screening_state()

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
    owner: ScreeningOwner,
    routine: Routine,
    *,
    now=None,
    contraindications=None,
    with_open_check_in=False,
) -> RoutineScreeningState:
    """The person's standing with a routine, in one query (none for a visitor without a token).

    Standing answers (osteopenia, say) count while they are younger than the validity window and
    their question still reads the same; after a pain stop in this routine, only a newer screening
    for this routine counts.

    Right-now answers (pain now, urgent signs) are true only when given. A "No" counts only for
    the start it was given for: a screening for this routine, younger than RIGHT_NOW_VALID_FOR,
    after the person's last pain stop anywhere and after they last finished this routine. A "Yes"
    or "Not sure" blocks every routine for that time, since it is just as true for them.

    The newest answer to each question wins.

    `contraindications`, when given, are the routine's relevant contraindications as the caller
    already has them (`stretches.caching.published_routine_content`). `with_open_check_in` reads
    the go in progress (`stretches.progress.checkins.open_check_in`) in the same query.
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
    repeated_start = now - PainReport.REPEATED_WINDOW
    rows = owner_rows(
        owner,
        routine.pk,
        [c.pk for c in contraindications],
        answered_since=min(window_start, right_now_start),
        stopped_since=min(window_start, right_now_start, repeated_start),
        check_ins_since=now - OPEN_FOR if with_open_check_in else None,
    )
    pain_stops = rows.pain_stops
    stopped_here = max(
        (at for at, routine_id in pain_stops if routine_id == routine.pk and at > window_start),
        default=None,
    )
    stopped_anywhere = max((at for at, _ in pain_stops if at > right_now_start), default=None)
    right_now_cutoff = max(
        moment
        for moment in (right_now_start, stopped_anywhere, rows.last_finished)
        if moment is not None
    )

    def counts(row):
        if row.contraindication_id in right_now:
            return row.screened_at > right_now_cutoff and (
                row.screened_for == routine.pk or row.answer != Answer.NO
            )
        if row.screened_at <= window_start:
            return False
        # After "Stop — this hurts" only a new screening for this very routine lifts the block.
        return stopped_here is None or (
            row.screened_at > stopped_here and row.screened_for == routine.pk
        )

    right_now = {c.pk for c in contraindications if c.right_now}
    current_questions = {c.pk: c.question for c in contraindications}
    answers = {}
    for row in sorted(
        rows.answers, key=lambda row: (row.screened_at, row.screening_id), reverse=True
    ):
        # An answer to a question worded differently since is an answer to another question.
        if counts(row) and row.question_text == current_questions[row.contraindication_id]:
            answers.setdefault(row.contraindication_id, row)
    decision = decide(contraindications, {pk: row.answer for pk, row in answers.items()})
    return RoutineScreeningState(
        routine,
        contraindications,
        answers,
        decision,
        stopped_for_pain_at=stopped_here,
        recent_pain_stops=sum(1 for at, _ in pain_stops if at > repeated_start),
        open_check_in=rows.open_check_in,
    )


def published_screening_state(owner: ScreeningOwner, slug, *, now=None) -> RoutineScreeningState:
    """screening_state() for the published routine `slug` (a 404 for any other), its content
    read from the cache that content changes replace."""
    content = published_routine_content(slug)
    return screening_state(
        owner, content.routine, now=now, contraindications=content.contraindications
    )


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
