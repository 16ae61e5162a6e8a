from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from stretches.models.editorial import REVIEW_PERMISSION, Transition, add_months


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

    history = HistoricalRecords()

    class Meta:
        ordering = ["-applies_to_all_routines", "name"]

    def __str__(self):
        return self.name

    def can_be_edited_by(self, user):
        """Reviewers may change any condition; editors only one that no reviewed routine relies on.

        A condition is shared: changing the guidance of one that a published routine lists, or a
        general red flag (asked before every routine), changes public content without review.
        """
        if user.has_perm(REVIEW_PERMISSION):
            return True
        if not user.has_perm("stretches.change_contraindication"):
            return False
        if self.pk is None:
            return True
        return not (
            self.applies_to_all_routines
            or self.routines.exclude(status=Routine.Status.DRAFT).exists()
        )

    @property
    def urgency_rank(self):
        """0 for the most urgent; sorts reasons so an emergency always comes first."""
        return list(self.Urgency.values).index(self.urgency)


class RoutineQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Routine.Status.PUBLISHED)

    def waiting_for_review(self):
        return self.filter(status=Routine.Status.IN_REVIEW)

    def review_overdue(self, *, today=None):
        """Published routines whose review is due, including any never reviewed in Limber."""
        today = today or timezone.localdate()
        return self.published().filter(Q(review_due__lt=today) | Q(review_due__isnull=True))

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
        IN_REVIEW = "in_review", "In review"
        PUBLISHED = "published", "Published"
        UNPUBLISHED = "unpublished", "Unpublished (archived)"

    # The workflow's rules in one table: the transition methods check it and the admin offers
    # only what it allows. Keyed by method name.
    TRANSITIONS = {
        "submit_for_review": Transition(
            "Submit for review", "submit for review", (Status.DRAFT,), "stretches.change_routine"
        ),
        "publish": Transition("Publish", "publish", (Status.IN_REVIEW,), REVIEW_PERMISSION),
        "confirm_review": Transition(
            "Confirm review", "confirm the review of", (Status.PUBLISHED,), REVIEW_PERMISSION
        ),
        "send_back": Transition(
            "Send back to draft",
            "send back to draft",
            (Status.IN_REVIEW, Status.UNPUBLISHED),
            REVIEW_PERMISSION,
            needs_comment=True,
        ),
        "unpublish": Transition("Unpublish", "unpublish", (Status.PUBLISHED,), REVIEW_PERMISSION),
    }

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
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The clinical reviewer who last published or confirmed this routine.",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_due = models.DateField(
        null=True,
        blank=True,
        help_text="When a published routine comes back for clinical review.",
    )
    review_comment = models.TextField(
        blank=True, help_text="The reviewer's note when the routine was last sent back to draft."
    )
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
    history = HistoricalRecords(m2m_fields=[contraindications])

    class Meta:
        ordering = ["title"]
        permissions = [("review_routine", "Can review, publish and unpublish routines")]
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

    @property
    def is_review_overdue(self):
        """A published routine past its review date, or never reviewed in Limber at all."""
        return self.status == self.Status.PUBLISHED and (
            self.review_due is None or self.review_due < timezone.localdate()
        )

    def can_be_edited_by(self, user):
        """Editors change drafts; reviewers change anything, since their edit is a review."""
        if user.has_perm(REVIEW_PERMISSION):
            return True
        return self.status == self.Status.DRAFT and user.has_perm("stretches.change_routine")

    def submit_for_review(self, *, by):
        self._check_transition("submit_for_review", by)
        self._check_content_is_complete()
        self.status = self.Status.IN_REVIEW
        self._save_transition(by, "Submitted for review")

    submit_for_review.alters_data = True

    def publish(self, *, by):
        """Publish with the reviewer's sign-off; the routine comes back for review on schedule."""
        self._check_transition("publish", by)
        self._check_content_is_complete()
        self.status = self.Status.PUBLISHED
        self._record_review(by)
        self._save_transition(by, "Reviewed and published")

    publish.alters_data = True

    def confirm_review(self, *, by):
        """A reviewer re-reads a published routine and confirms it stays as it is."""
        self._check_transition("confirm_review", by)
        self._check_content_is_complete()
        self._record_review(by)
        self._save_transition(by, "Review confirmed")

    confirm_review.alters_data = True

    def send_back(self, *, by, comment):
        """Return a routine to its editors with a comment saying what needs to change."""
        self._check_transition("send_back", by)
        comment = (comment or "").strip()
        if not comment:
            raise ValidationError(
                "Say what needs to change: a routine goes back to draft with a comment.",
                code="comment_required",
            )
        self.status = self.Status.DRAFT
        self.review_comment = comment
        self._save_transition(by, "Sent back to draft")

    send_back.alters_data = True

    def unpublish(self, *, by):
        self._check_transition("unpublish", by)
        self.status = self.Status.UNPUBLISHED
        self._save_transition(by, "Unpublished")

    unpublish.alters_data = True

    def available_transitions(self, user):
        """The names of the transitions `user` may make from the routine's current state."""
        return [
            name
            for name, transition in self.TRANSITIONS.items()
            if self.status in transition.sources and user.has_perm(transition.permission)
        ]

    def _check_transition(self, name, user):
        transition = self.TRANSITIONS[name]
        if not user.has_perm(transition.permission):
            needs_reviewer = transition.permission == REVIEW_PERMISSION
            raise ValidationError(
                "You may not %(verb)s “%(routine)s”%(reason)s.",
                code="not_permitted",
                params={
                    "verb": transition.verb,
                    "routine": self.title,
                    "reason": ": that takes a clinical reviewer" if needs_reviewer else "",
                },
            )
        if self.status not in transition.sources:
            allowed = " or ".join(
                str(self.Status(source).label).lower() for source in transition.sources
            )
            raise ValidationError(
                "Cannot %(verb)s “%(routine)s” while it is %(status)s, only when it is %(allowed)s.",
                code="wrong_state",
                params={
                    "verb": transition.verb,
                    "routine": self.title,
                    "status": self.get_status_display().lower(),
                    "allowed": allowed,
                },
            )

    def _check_content_is_complete(self):
        """Nobody can be shown a routine without steps, or with two steps in one place."""
        positions = self._step_positions()
        if not positions:
            raise ValidationError(
                "“%(routine)s” has no steps; add its steps first.",
                code="no_steps",
                params={"routine": self.title},
            )
        duplicates = sorted({p for p in positions if positions.count(p) > 1})
        if duplicates:
            raise ValidationError(
                "“%(routine)s” has more than one step at position %(positions)s.",
                code="duplicate_step_position",
                params={"routine": self.title, "positions": ", ".join(map(str, duplicates))},
            )

    def _step_positions(self):
        return list(self.steps.values_list("position", flat=True))

    def _record_review(self, reviewer):
        self.reviewed_by = reviewer
        self.reviewed_at = timezone.now()
        self.review_due = add_months(
            timezone.localdate(), settings.EDITORIAL_REVIEW_INTERVAL_MONTHS
        )

    def _save_transition(self, user, reason):
        self._history_user = user
        self._change_reason = reason
        self.save()


class StepQuerySet(models.QuerySet):
    def park(self, *, above=0):
        """Move these steps to positions no step uses, so that a reorder can reuse their places.

        Saving a reordered routine step by step would otherwise put two steps on one position
        for a moment, and the unique constraint is checked per statement. Parking is not
        recorded in the history: the step's final save is.
        """
        top = max(Step.objects.aggregate(top=models.Max("position"))["top"] or 0, above)
        for offset, pk in enumerate(self.values_list("pk", flat=True), start=1):
            Step.objects.filter(pk=pk).update(position=top + offset)


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

    objects = StepQuerySet.as_manager()
    history = HistoricalRecords()

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
