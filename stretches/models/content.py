from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse


class Contraindication(models.Model):
    """A condition that makes a routine unsafe, asked about in the screening."""

    class Urgency(models.TextChoices):
        # Declared from most to least urgent: reasons are shown in this order.
        EMERGENCY = "emergency", "Seek urgent care now"
        SEE_DOCTOR = "see_doctor", "See a doctor before stretching"
        CHECK_WITH_PT = "check_with_pt", "Check with a physical therapist"

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    question = models.CharField(
        max_length=300,
        help_text="The plain-language screening question, answered Yes / No / Not sure.",
    )
    explanation = models.CharField(
        max_length=300, help_text="One line that explains the term to someone who has not met it."
    )
    guidance = models.TextField(help_text="What the person should do when this applies to them.")
    urgency = models.CharField(max_length=20, choices=Urgency)
    applies_to_all_routines = models.BooleanField(
        default=False,
        help_text="A general red flag: asked before every routine, not only those that list it.",
    )

    class Meta:
        ordering = ["-applies_to_all_routines", "name"]

    def __str__(self):
        return self.name

    @property
    def urgency_rank(self):
        """0 for the most urgent; sorts reasons so an emergency always comes first."""
        return list(self.Urgency.values).index(self.urgency)


class RoutineQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Routine.Status.PUBLISHED)

    def with_step_count(self):
        return self.annotate(step_count=models.Count("steps"))

    def matching(self, *, text="", position="", body_area="", equipment=""):
        """Routines that pass every filter given; an empty filter does not narrow the list."""
        queryset = self
        if text:
            queryset = queryset.filter(Q(title__icontains=text) | Q(summary__icontains=text))
        exact_filters = {"position": position, "body_area": body_area, "equipment": equipment}
        return queryset.filter(**{field: value for field, value in exact_filters.items() if value})


class Routine(models.Model):
    class Position(models.TextChoices):
        FLOOR = "floor", "Sitting on the floor"
        CHAIR = "chair", "Sitting on a chair"
        STANDING = "standing", "Standing"
        LYING = "lying", "Lying down"
        PARTNER = "partner", "With a partner"

    class BodyArea(models.TextChoices):
        NECK = "neck", "Neck"
        UPPER_BACK = "upper_back", "Upper back"
        LOWER_BACK = "lower_back", "Lower back"
        WHOLE_BACK = "whole_back", "Whole back"

    class Equipment(models.TextChoices):
        NONE = "none", "No equipment"
        CHAIR = "chair", "Chair"
        FOAM_ROLLER = "foam_roller", "Foam roller"
        MASSAGE_BALL = "massage_ball", "Massage ball"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    summary = models.TextField()
    position = models.CharField(
        max_length=20, choices=Position, help_text="The body position the routine is done in."
    )
    body_area = models.CharField(max_length=20, choices=BodyArea)
    equipment = models.CharField(max_length=20, choices=Equipment, default=Equipment.NONE)
    estimated_minutes = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1, "Estimated minutes must be at least 1.")]
    )
    requires_partner = models.BooleanField(default=False)
    caution_notes = models.TextField(
        blank=True, help_text="One caution per line, shown before the steps."
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT)
    source = models.CharField(
        max_length=200, blank=True, help_text="The source document the content comes from."
    )
    contraindications = models.ManyToManyField(
        Contraindication,
        blank=True,
        related_name="routines",
        help_text="Conditions that make this routine unsafe. General red flags apply anyway.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RoutineQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(estimated_minutes__gt=0),
                name="routine_estimated_minutes_positive",
                violation_error_message="Estimated minutes must be at least 1.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("stretches:routine_detail", kwargs={"slug": self.slug})

    def relevant_contraindications(self):
        """Everything the screening asks about for this routine: its own and the general red flags."""
        return (
            Contraindication.objects.filter(Q(applies_to_all_routines=True) | Q(routines=self))
            .distinct()
            .order_by("-applies_to_all_routines", "name")
        )

    @property
    def cautions(self):
        return [line.strip() for line in self.caution_notes.splitlines() if line.strip()]


class Step(models.Model):
    class Side(models.TextChoices):
        NOT_APPLICABLE = "n/a", "Not applicable"
        LEFT = "left", "Left"
        RIGHT = "right", "Right"
        BOTH = "both", "Both sides"

    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="steps")
    # The validators repeat the check constraints below so that forms and the routine file name
    # the field at fault; the constraints keep the shell and raw SQL honest.
    position = models.PositiveSmallIntegerField(
        help_text="Steps are shown in this order, from 1.",
        validators=[MinValueValidator(1, "Step positions start at 1.")],
    )
    instruction = models.TextField()
    hold_seconds = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, "A hold must last at least 1 second; leave it empty for none.")
        ],
    )
    repetitions = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, "Repetitions must be at least 1; leave it empty for none.")
        ],
    )
    side = models.CharField(max_length=10, choices=Side, default=Side.NOT_APPLICABLE)
    caution = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["routine_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["routine", "position"],
                name="step_position_unique_per_routine",
                violation_error_message="Another step of this routine already has this position.",
            ),
            models.CheckConstraint(
                condition=Q(position__gt=0),
                name="step_position_positive",
                violation_error_message="Step positions start at 1.",
            ),
            models.CheckConstraint(
                condition=Q(hold_seconds__isnull=True) | Q(hold_seconds__gt=0),
                name="step_hold_seconds_positive",
                violation_error_message="A hold must last at least 1 second; leave it empty for none.",
            ),
            models.CheckConstraint(
                condition=Q(repetitions__isnull=True) | Q(repetitions__gt=0),
                name="step_repetitions_positive",
                violation_error_message="Repetitions must be at least 1; leave it empty for none.",
            ),
        ]

    def __str__(self):
        return f"{self.routine} — step {self.position}"
