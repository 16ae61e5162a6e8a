"""The safety rule: may this person start this routine? One pure function, asked from everywhere.

`decide` looks only at the contraindications relevant to the routine and the person's answers to
them. It is cleared only when every relevant question is answered "No"; any other answer blocks.
A routine that asks nothing is never cleared: with no question, nothing was checked.
"""

from dataclasses import dataclass
from enum import StrEnum

from stretches.models import Answer, Contraindication


@dataclass(frozen=True)
class Reason:
    """One relevant condition the person did not rule out, with what they answered."""

    contraindication: object
    answer: str

    @property
    def answer_label(self):
        try:
            return Answer(self.answer).label
        except ValueError:
            return "Unknown answer"


class DecisionStatus(StrEnum):
    CLEARED = "cleared"
    BLOCKED = "blocked"
    NEEDS_ANSWERS = "needs_answers"
    NOTHING_TO_ASK = "nothing_to_ask"


@dataclass(frozen=True)
class ScreeningDecision:
    status: DecisionStatus
    reasons: tuple[Reason, ...] = ()
    unanswered: tuple = ()

    @property
    def is_cleared(self):
        return self.status is DecisionStatus.CLEARED

    @property
    def is_blocked(self):
        return self.status is DecisionStatus.BLOCKED

    @property
    def needs_urgent_help(self):
        """A reason of the top tier: get medical help now, before anything else."""
        return any(
            reason.contraindication.urgency == Contraindication.Urgency.EMERGENCY
            for reason in self.reasons
        )

    @property
    def has_nothing_to_ask(self):
        return self.status is DecisionStatus.NOTHING_TO_ASK


def decide(contraindications, answers):
    """Decide from the routine's relevant contraindications and a {contraindication id: answer} map.

    Blocked as soon as one relevant answer is anything but "No" (a "Not sure" is not a "No"); else
    it needs answers while a relevant question is unanswered; else cleared. Answers to questions
    the routine does not need never count. Reasons come most urgent first. With no relevant
    question at all (content edited past the publishing checks) it is never cleared.
    """
    contraindications = list(contraindications)
    if not contraindications:
        return ScreeningDecision(DecisionStatus.NOTHING_TO_ASK)
    reasons = sorted(
        (
            Reason(contraindication, answers[contraindication.pk])
            for contraindication in contraindications
            if contraindication.pk in answers and answers[contraindication.pk] != Answer.NO
        ),
        key=lambda reason: (reason.contraindication.urgency_rank, reason.contraindication.name),
    )
    if reasons:
        return ScreeningDecision(DecisionStatus.BLOCKED, reasons=tuple(reasons))
    unanswered = tuple(c for c in contraindications if c.pk not in answers)
    if unanswered:
        return ScreeningDecision(DecisionStatus.NEEDS_ANSWERS, unanswered=unanswered)
    return ScreeningDecision(DecisionStatus.CLEARED)
