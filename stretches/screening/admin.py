"""Read-only admin for screening data, visible only to staff holding `view_screening_data`.

Content editors get model permissions on routines, never this one, so they cannot see health
data. `stretches.admin` registers these classes.
"""

from django.contrib import admin

from stretches.models import ScreeningAnswer
from stretches.screening.state import blocking_reasons

SCREENING_DATA_PERMISSION = "stretches.view_screening_data"


class HealthDataAdminMixin:
    """Only the explicit permission opens these pages, and nobody edits history here."""

    def has_module_permission(self, request):
        return request.user.has_perm(SCREENING_DATA_PERMISSION)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(SCREENING_DATA_PERMISSION)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ScreeningAnswerInline(HealthDataAdminMixin, admin.TabularInline):
    model = ScreeningAnswer
    fields = ["condition_name", "question_text", "answer"]
    readonly_fields = fields
    extra = 0


class ScreeningAdmin(HealthDataAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "routine_title", "outcome", "user"]
    list_filter = ["outcome", "created_at"]
    list_select_related = ["user"]
    fields = ["created_at", "routine", "routine_title", "outcome", "reasons", "user"]
    readonly_fields = fields
    inlines = [ScreeningAnswerInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("answers__contraindication")

    @admin.display(description="Blocking answers in this submission")
    def reasons(self, screening):
        return (
            ", ".join(
                f"{r.contraindication.name} ({r.answer_label})" for r in blocking_reasons(screening)
            )
            or "None"
        )


class PainReportAdmin(HealthDataAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "routine", "step_position", "user"]
    list_select_related = ["routine", "user"]
    fields = ["created_at", "routine", "step_position", "user"]
    readonly_fields = fields


class CheckInAdmin(HealthDataAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "routine", "pain_before", "pain_after", "compared", "user"]
    list_select_related = ["routine", "user"]
    fields = ["created_at", "routine", "pain_before", "pain_after", "compared", "user"]
    readonly_fields = fields
