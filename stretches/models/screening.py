"""Screenings, their answers and pain reports: data about someone's health.

Rows belong either to an account or, before sign-in, to one browser session (an opaque token kept
in that session). Nobody else sees them; staff need the `view_screening_data` permission.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from stretches.models.content import Contraindication, Routine, Step


class Answer(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_SURE = "not_sure", "Not sure"


class OwnedQuerySet(models.QuerySet):
    def owned_by(self, owner):
        """Rows of one person: their account's, or their browser session's before sign-in."""
        if owner.user is not None:
            return self.filter(user=owner.user)
        if owner.session_token:
            return self.filter(user__isnull=True, session_token=owner.session_token)
        return self.none()


def owner_constraint(model_name):
    return models.CheckConstraint(
        condition=Q(user__isnull=False) | ~Q(session_token=""),
        name=f"{model_name}_has_an_owner",
        violation_error_message="It must belong to an account or a browser session.",
    )


class Screening(models.Model):
    """One submission of the screening form, kept so the history shows what was answered when."""

    class Outcome(models.TextChoices):
        CLEARED = "cleared", "Cleared"
        BLOCKED = "blocked", "Blocked"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="screenings",
    )
    session_token = models.CharField(max_length=64, blank=True, db_index=True)
    routine = models.ForeignKey(
        Routine, null=True, on_delete=models.SET_NULL, related_name="screenings"
    )
    routine_title = models.CharField(
        max_length=120, help_text="The routine's title when screened, kept if it is deleted."
    )
    outcome = models.CharField(
        max_length=10,
        choices=Outcome,
        help_text="The decision for this routine when the screening was sent.",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    form_token = models.CharField(  # noqa: DJ001 - NULL keeps it unique for rows without one
        max_length=64,
        unique=True,
        null=True,
        editable=False,
        help_text="The single-use token of the form that sent it; a replay is refused.",
    )

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        permissions = [("view_screening_data", "Can view screening data (health data)")]
        constraints = [owner_constraint("screening")]

    def __str__(self):
        return f"Screening for {self.routine_title} on {self.created_at:%Y-%m-%d %H:%M}"


class ScreeningAnswer(models.Model):
    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="answers")
    contraindication = models.ForeignKey(
        Contraindication, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The question as it was asked: an edited or deleted contraindication must not rewrite history.
    condition_name = models.CharField(max_length=120)
    question_text = models.CharField(max_length=300)
    answer = models.CharField(max_length=10, choices=Answer)

    class Meta:
        ordering = ["screening", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["screening", "contraindication"],
                name="screening_answers_one_per_question",
                violation_error_message="A screening answers each question once.",
            ),
        ]

    def __str__(self):
        return f"{self.question_text} {self.get_answer_display()}"


class PainReport(models.Model):
    """A "Stop — this hurts" press: it ends the routine and blocks it until a new screening."""

    # The person who keeps hurting is told to get help, not just asked again: this many stops
    # within this window show the seeds' guidance (see a doctor; a physical therapist).
    REPEATED_STOPS = 2
    REPEATED_WINDOW = timedelta(days=14)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="pain_reports",
    )
    session_token = models.CharField(max_length=64, blank=True, db_index=True)
    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="pain_reports")
    step = models.ForeignKey(
        Step, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    step_position = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [owner_constraint("painreport")]

    def __str__(self):
        return f"Pain stop in {self.routine} on {self.created_at:%Y-%m-%d %H:%M}"

    @classmethod
    def are_repeated(cls, recent_count):
        """Whether this many stops within REPEATED_WINDOW call for the seeds' guidance."""
        return recent_count >= cls.REPEATED_STOPS
