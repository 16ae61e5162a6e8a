from stretches.models.content import Contraindication, Routine, RoutineQuerySet, Step
from stretches.models.editorial import (
    CLINICAL_REVIEWERS,
    CONTENT_EDITORS,
    EDITOR_PERMISSIONS,
    REVIEW_PERMISSION,
    REVIEWER_PERMISSIONS,
)
from stretches.models.progress import PAIN_SCALE, CheckIn, RoutineCompletion
from stretches.models.reminders import ReminderDelivery, ReminderPlan
from stretches.models.screening import Answer, PainReport, Screening, ScreeningAnswer

__all__ = [
    "CLINICAL_REVIEWERS",
    "CONTENT_EDITORS",
    "EDITOR_PERMISSIONS",
    "PAIN_SCALE",
    "REVIEWER_PERMISSIONS",
    "REVIEW_PERMISSION",
    "Answer",
    "CheckIn",
    "Contraindication",
    "PainReport",
    "ReminderDelivery",
    "ReminderPlan",
    "Routine",
    "RoutineCompletion",
    "RoutineQuerySet",
    "Screening",
    "ScreeningAnswer",
    "Step",
]
