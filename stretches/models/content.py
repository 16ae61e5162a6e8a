from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import connections, models
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from stretches.models.editorial import REVIEW_PERMISSION, RoutineWorkflow, Transition
from stretches.models.pictures import UPLOAD_VALIDATORS, picture_spec, validate_drawing_path


class Contraindication(models.Model):
    """A condition that makes a routine unsafe, asked about in the screening."""

    class Urgency(models.TextChoices):
        # Declared from most to least urgent: reasons are shown in this order.
        EMERGENCY = "emergency", "Get medical help now"
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
    right_now = models.BooleanField(
        "right-now question",
        default=False,
        help_text=(
            "True only at the moment it is asked (pain now, an urgent sign): asked at every start "
            "of every routine and never carried over to another start. Standing conditions "
            "(osteopenia, say) count for the whole screening validity window instead."
        ),
    )
    sources = models.TextField(
        blank=True, help_text="Where the question and its guidance come from, one source per line."
    )

    # What an editor writes, as opposed to bookkeeping: the routine file and a revert carry these.
    CONTENT_FIELDS = (
        "name",
        "slug",
        "question",
        "explanation",
        "guidance",
        "urgency",
        "applies_to_all_routines",
        "right_now",
        "sources",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-applies_to_all_routines", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(right_now=False) | Q(applies_to_all_routines=True),
                name="contraindication_right_now_is_asked_everywhere",
                violation_error_message=(
                    "A right-now question is asked before every routine: tick “applies to all "
                    "routines” too."
                ),
            ),
        ]

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

    def check_may_stop_applying_to_all(self):
        """Refuse to stop asking a general red flag before routines that were published with it.

        A published routine keeps every condition it was reviewed with; one that does not list
        this condition itself would lose it.
        """
        stored = Contraindication.objects.filter(pk=self.pk, applies_to_all_routines=True)
        if self.pk is None or not stored.exists():
            return  # not a general red flag now, so no routine asks it as one
        losing = list(
            Routine.objects.published()
            .exclude(contraindications=self)
            .values_list("title", flat=True)[:3]
        )
        if losing:
            raise ValidationError(
                "“%(name)s” is asked before every routine, and published routines rely on it "
                "(%(routines)s). List it on those routines first, or unpublish them.",
                code="would_strip_published",
                params={"name": self.name, "routines": ", ".join(losing)},
            )

    def is_asked_by_published_routines(self):
        published = Routine.objects.published()
        if self.applies_to_all_routines:
            return published.exists()
        return published.filter(contraindications=self).exists()

    @property
    def source_list(self):
        return _lines(self.sources)

    @property
    def urgency_rank(self):
        """0 for the most urgent; sorts reasons so an emergency always comes first."""
        return list(self.Urgency.values).index(self.urgency)


SEARCH_CONFIG = "english"


def routine_search_vector():
    """What PostgreSQL's full-text search reads; the GIN index is built on the same expression."""
    return SearchVector("title", "about", config=SEARCH_CONFIG)


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
        # A subquery runs only for the rows a page shows; a join with GROUP BY would count the
        # steps of every matching routine before the page is cut (and again for the COUNT).
        steps = (
            Step.objects.filter(routine=OuterRef("pk"))
            .order_by()
            .values("routine")
            .annotate(count=models.Count("pk"))
            .values("count")
        )
        return self.annotate(step_count=Coalesce(Subquery(steps), 0))

    def search(self, text):
        """Routines whose title or about text match `text`.

        PostgreSQL searches words (stemmed, so "twisting" finds "twist") through the GIN index
        that migration 0010_perf_list_indexes builds on this very expression; other databases
        fall back to a case-insensitive substring match.
        """
        if connections[self.db].vendor != "postgresql":
            return self.filter(Q(title__icontains=text) | Q(about__icontains=text))
        # websearch accepts anything a person types: quotes, "or", a stray minus, never an error.
        query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
        return self.alias(search_text=routine_search_vector()).filter(search_text=query)

    def matching(self, *, q="", position="", body_area="", equipment=""):
        """Routines that pass every filter given; an empty filter does not narrow the list.

        `q` is the search text, named as the list's query-string parameter is.
        """
        queryset = self
        if q:
            queryset = queryset.search(q)
        exact_filters = {"position": position, "body_area": body_area, "equipment": equipment}
        return queryset.filter(**{field: value for field, value in exact_filters.items() if value})


class Routine(RoutineWorkflow, models.Model):
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

    # What an editor writes, as opposed to workflow state and bookkeeping: the routine file and a
    # revert carry these (contraindications and steps travel alongside).
    CONTENT_FIELDS = (
        "title",
        "slug",
        "about",
        "position",
        "body_area",
        "equipment",
        "estimated_minutes",
        "requires_partner",
        "caution_notes",
        "sources",
    )

    title = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    about = models.TextField(
        help_text=(
            "The public description: what the routine is for, how it feels, whom it suits. Never "
            "how to do it: every movement belongs in the steps, which only a cleared screening shows."
        )
    )
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
    sources = models.TextField(
        blank=True,
        help_text="Where the method and its safety rules come from, one source per line.",
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
        # The public list reads published routines in title order, narrowed by at most these
        # filters; each index serves one of them without a sort. (The search index is
        # PostgreSQL-only and lives in migration 0010_perf_list_indexes alone.)
        indexes = [
            models.Index(fields=["status", "title", "id"], name="routine_status_title"),
            models.Index(fields=["status", "body_area", "title"], name="routine_status_body_area"),
            models.Index(fields=["status", "position", "title"], name="routine_status_position"),
            models.Index(fields=["status", "equipment", "title"], name="routine_status_equipment"),
        ]
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
        # The routine's own links as a subquery: a join on the link table with DISTINCT made
        # PostgreSQL read every routine's links on each gated page.
        own = Routine.contraindications.through.objects.filter(routine=self)
        return Contraindication.objects.filter(
            Q(applies_to_all_routines=True) | Q(pk__in=own.values("contraindication_id"))
        ).order_by("-right_now", "-applies_to_all_routines", "name")

    @property
    def cautions(self):
        return _lines(self.caution_notes)

    @property
    def source_list(self):
        return _lines(self.sources)


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

    # The uploaded picture is not content of the routine file: it lives in media storage, and the
    # file names a drawing shipped with the code instead.
    CONTENT_FIELDS = (
        "position",
        "instruction",
        "hold_seconds",
        "repetitions",
        "side",
        "caution",
        "picture",
        "picture_alt",
    )

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
    picture = models.CharField(
        max_length=200,
        blank=True,
        validators=[validate_drawing_path],
        help_text="A drawing shipped with Limber, by its static path (stretches/steps/….svg).",
    )
    picture_upload = models.ImageField(
        "replacement picture",
        upload_to="steps/",
        blank=True,
        validators=UPLOAD_VALIDATORS,
        help_text=(
            "Shown instead of the drawing. PNG, JPEG or WebP, at most 2 MB, from 300 to 4000 "
            "pixels a side. SVG files are refused: they can carry script."
        ),
    )
    picture_alt = models.CharField(
        "picture description",
        max_length=300,
        blank=True,
        help_text="The position in words, for people who cannot see the picture. Required with one.",
    )

    # Responsive copies of an upload, made by django-imagekit when the upload is saved.
    picture_small_webp = picture_spec(360, "WEBP")
    picture_large_webp = picture_spec(720, "WEBP")
    picture_small = picture_spec(360)
    picture_large = picture_spec(720)

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
            models.CheckConstraint(
                condition=(Q(picture="") & Q(picture_upload="")) | ~Q(picture_alt=""),
                name="step_picture_has_alt_text",
                violation_error_message="A picture needs a description of the position in words.",
            ),
        ]

    def __str__(self):
        return f"{self.routine} — step {self.position}"

    @property
    def has_picture(self):
        return bool(self.picture_upload or self.picture)

    @property
    def walks_both_sides(self):
        """A "repeat on the other side" step: the guided view walks it left, then right."""
        return self.side == self.Side.BOTH


def _lines(text):
    """The non-blank lines of a one-item-per-line text field, stripped."""
    return [line.strip() for line in text.splitlines() if line.strip()]
