from stretches.models.content import Contraindication, Routine, RoutineQuerySet, Step
from stretches.models.progress import RoutineCompletion
from stretches.models.screening import Answer, PainReport, Screening, ScreeningAnswer

__all__ = [
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
