from stretches.models.content import Contraindication, Routine, RoutineQuerySet, Step
from stretches.models.editorial import (
    CLINICAL_REVIEWERS,
    CONTENT_EDITORS,
    EDITOR_PERMISSIONS,
    REVIEW_PERMISSION,
    REVIEWER_PERMISSIONS,
)

__all__ = [
    "CLINICAL_REVIEWERS",
    "CONTENT_EDITORS",
    "EDITOR_PERMISSIONS",
    "REVIEWER_PERMISSIONS",
    "REVIEW_PERMISSION",
    "Contraindication",
    "Routine",
    "RoutineQuerySet",
    "Step",
]
