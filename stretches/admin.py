from django.contrib import admin

from stretches import screening_admin  # noqa: F401 - registers the health-data admin
from stretches.models import Contraindication, Routine, Step


class StepInline(admin.TabularInline):
    model = Step
    extra = 1
    ordering = ["position"]
    fields = ["position", "instruction", "hold_seconds", "repetitions", "side", "caution"]


@admin.register(Routine)
class RoutineAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "status",
        "position",
        "body_area",
        "equipment",
        "estimated_minutes",
        "updated_at",
    ]
    list_filter = ["status", "position", "body_area", "equipment"]
    search_fields = ["title", "summary", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["contraindications"]
    inlines = [StepInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "status", "source"]}),
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
    ]


@admin.register(Contraindication)
class ContraindicationAdmin(admin.ModelAdmin):
    list_display = ["name", "urgency", "applies_to_all_routines"]
    list_filter = ["urgency", "applies_to_all_routines"]
    search_fields = ["name", "question", "slug"]
    prepopulated_fields = {"slug": ["name"]}
