"""What a person did and how it felt: finished routines and the check-ins around them.

Check-ins are data about someone's health, owned like screenings: by an account, or before sign-in
by one browser session (see models.screening), and seen by nobody else.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from stretches.models.content import Routine
from stretches.models.screening import OwnedQuerySet, owner_constraint

PAIN_SCALE = range(0, 11)
pain_validators = [MinValueValidator(PAIN_SCALE.start), MaxValueValidator(PAIN_SCALE.stop - 1)]


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


class CheckIn(models.Model):
    """How one go at a routine felt: pain 0-10 before and after, and after it, "compared with
    last time". Every part is optional; a row exists once any part is given."""

    class Compared(models.TextChoices):
        BETTER = "better", "Better"
        SAME = "same", "The same"
        WORSE = "worse", "Worse"

    # Pain this high before a routine stops the person to read the guidance first (issue 14).
    HIGH_PAIN = 7

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="check_ins",
    )
    session_token = models.CharField(max_length=64, blank=True, db_index=True)
    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="check_ins")
    pain_before = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=pain_validators
    )
    pain_after = models.PositiveSmallIntegerField(null=True, blank=True, validators=pain_validators)
    compared = models.CharField(max_length=10, choices=Compared, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Set when the person has read the guidance that pain of HIGH_PAIN or more brings up.
    high_pain_guidance_read_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "created_at"], name="checkin_user_created")]
        constraints = [
            owner_constraint("checkin"),
            models.CheckConstraint(
                condition=Q(pain_before__lte=10) & Q(pain_after__lte=10),
                name="checkin_pain_0_to_10",
                violation_error_message="Pain is rated from 0 to 10.",
            ),
        ]

    def __str__(self):
        return f"Check-in for {self.routine} on {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_high_pain(self):
        return self.pain_before is not None and self.pain_before >= self.HIGH_PAIN
