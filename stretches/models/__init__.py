from stretches.models.content import Contraindication, Routine, RoutineQuerySet, Step

__all__ = ["Contraindication", "Routine", "RoutineQuerySet", "Step"]
