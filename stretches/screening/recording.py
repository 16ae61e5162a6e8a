"""Recording what a person tells Limber: a screening with its answers, and a pain stop."""

from django.db import transaction

from stretches.models import PainReport, Routine, Screening, ScreeningAnswer, Step
from stretches.screening.owners import ScreeningOwner
from stretches.screening.rule import ScreeningDecision, decide
from stretches.screening.state import RoutineScreeningState


@transaction.atomic
def record_screening(
    *,
    owner: ScreeningOwner,
    state: RoutineScreeningState,
    answers: dict,
    form_token: str | None = None,
) -> tuple[Screening, ScreeningDecision]:
    """Store one submission: a screening row and one row per question asked, all or nothing.

    `answers` maps each asked Contraindication to "yes", "no" or "not_sure". The outcome is the
    rule's decision over the person's answers that still count plus these newer ones.
    """
    combined = state.answer_values() | {c.pk: value for c, value in answers.items()}
    decision = decide(state.contraindications, combined)
    screening = Screening.objects.create(
        **owner.as_fields(),
        routine=state.routine,
        routine_title=state.routine.title,
        outcome=Screening.Outcome.CLEARED if decision.is_cleared else Screening.Outcome.BLOCKED,
        form_token=form_token,
    )
    ScreeningAnswer.objects.bulk_create(
        ScreeningAnswer(
            screening=screening,
            contraindication=contraindication,
            condition_name=contraindication.name,
            question_text=contraindication.question,
            answer=value,
        )
        for contraindication, value in answers.items()
    )
    return screening, decision


def record_pain_stop(*, owner: ScreeningOwner, routine: Routine, step: Step | None) -> PainReport:
    return PainReport.objects.create(
        **owner.as_fields(),
        routine=routine,
        step=step,
        step_position=step.position if step else None,
    )
