"""Routines in the admin: the list with its review queue, the change form and its steps."""

from django import forms
from django.contrib import admin
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from stretches import revisions
from stretches.admin.history import HistoryViewMixin
from stretches.admin.steps import StepInline, may_edit
from stretches.admin.workflow import WorkflowAdminMixin
from stretches.models import Contraindication, Routine


class ReviewQueueFilter(admin.SimpleListFilter):
    title = "review queue"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("waiting", "Waiting for review"), ("overdue", "Review overdue")]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.waiting_for_review()
        if self.value() == "overdue":
            return queryset.review_overdue()
        return queryset


class RoutineAdminForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None and "contraindications" in cleaned:
            general = Contraindication.objects.filter(applies_to_all_routines=True)
            listed = {c.pk for c in cleaned["contraindications"]}
            # Steps are checked by their formset; here only the conditions change.
            self.instance.check_change_keeps_it_whole(
                step_count=self.instance.steps.count(),
                asked_ids=listed | set(general.values_list("pk", flat=True)),
            )
        return cleaned


class RoutineAdmin(WorkflowAdminMixin, HistoryViewMixin, admin.ModelAdmin):
    form = RoutineAdminForm
    # Filtering routines by their screenings or pain reports would reveal health events to staff
    # without the screening-data permission.
    HEALTH_DATA_RELATIONS = ("screenings", "pain_reports", "completions")

    def lookup_allowed(self, lookup, value, request=None):
        if lookup.split("__")[0] in self.HEALTH_DATA_RELATIONS:
            return False
        return super().lookup_allowed(lookup, value, request)

    class Media:
        css = {"all": ["css/admin-editorial.css"]}

    list_display = [
        "title",
        "status",
        "last_change",
        "reviewed_by",
        "review_due_flagged",
        "position",
        "body_area",
    ]
    list_filter = [ReviewQueueFilter, "status", "position", "body_area", "equipment"]
    list_select_related = ["reviewed_by"]
    search_fields = ["title", "about", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["contraindications"]
    inlines = [StepInline]
    readonly_fields = ["status", "reviewed_by", "reviewed_at", "review_due", "review_comment"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "about", "sources"]}),
        (
            "How it is done",
            {
                "fields": [
                    "position",
                    "body_area",
                    "equipment",
                    "estimated_minutes",
                    "requires_partner",
                ]
            },
        ),
        ("Safety", {"fields": ["contraindications", "caution_notes"]}),
        (
            "Review",
            {"fields": ["status", "reviewed_by", "reviewed_at", "review_due", "review_comment"]},
        ),
    ]

    def get_queryset(self, request):
        history = Routine.history.filter(id=OuterRef("pk")).order_by("-history_date")
        return (
            super()
            .get_queryset(request)
            .annotate(
                last_changed_at=Subquery(history.values("history_date")[:1]),
                last_changed_by=Subquery(history.values("history_user__username")[:1]),
            )
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and may_edit(request, obj)

    def view_on_site(self, obj):
        if obj.status == Routine.Status.PUBLISHED:
            return obj.get_absolute_url()
        return reverse("stretches:routine_preview", args=[obj.slug])

    @admin.display(description="Last change", ordering="updated_at")
    def last_change(self, routine):
        when = getattr(routine, "last_changed_at", None) or routine.updated_at
        by = getattr(routine, "last_changed_by", None)
        moment = timezone.localtime(when).strftime("%d %b %Y %H:%M")
        return f"{moment} by {by}" if by else moment

    @admin.display(description="Review due", ordering="review_due")
    def review_due_flagged(self, routine):
        if not routine.is_review_overdue:
            return routine.review_due or "—"
        label = f"Overdue since {routine.review_due}" if routine.review_due else "Never reviewed"
        return format_html('<strong class="review-overdue">⚠ {}</strong>', label)

    def history_entries(self, routine):
        return revisions.routine_history(routine)

    def revert(self, routine, *, to, by):
        revisions.revert_routine(routine, to=to, by=by)
