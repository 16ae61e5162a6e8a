from django.conf import settings
from django.db import models
from django.utils import timezone

from stretches.models.content import Routine


class RoutineCompletion(models.Model):
    """A signed-in person finished a routine; shown in their history."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="routine_completions"
    )
    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="completions")
    completed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-completed_at", "-id"]

    def __str__(self):
        return f"{self.routine} completed on {self.completed_at:%Y-%m-%d %H:%M}"
