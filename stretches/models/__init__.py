from stretches.models.content import Contraindication, Routine, RoutineQuerySet, Step
from stretches.models.editorial import (
    CLINICAL_REVIEWERS,
    CONTENT_EDITORS,
    EDITOR_PERMISSIONS,
    REVIEW_PERMISSION,
    REVIEWER_PERMISSIONS,
)
from stretches.models.progress import RoutineCompletion
from stretches.models.screening import Answer, PainReport, Screening, ScreeningAnswer

__all__ = [
    "CLINICAL_REVIEWERS",
    "CONTENT_EDITORS",
    "EDITOR_PERMISSIONS",
    "REVIEWER_PERMISSIONS",
    "REVIEW_PERMISSION",
    "Answer",
    "Contraindication",
    "PainReport",
    "Routine",
    "RoutineCompletion",
    "RoutineQuerySet",
    "Screening",
    "ScreeningAnswer",
    "Step",
]
