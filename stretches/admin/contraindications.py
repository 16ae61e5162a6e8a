from django import forms
from django.contrib import admin

from stretches import revisions
from stretches.admin.history import HistoryViewMixin
from stretches.models import REVIEW_PERMISSION


class ContraindicationAdminForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        if cleaned.get("applies_to_all_routines") is False:
            self.instance.check_may_stop_applying_to_all()
        return cleaned


class ContraindicationAdmin(HistoryViewMixin, admin.ModelAdmin):
    form = ContraindicationAdminForm
    # No bulk delete: it cannot tell which conditions published routines rely on.
    actions = None
    list_display = ["name", "urgency", "applies_to_all_routines", "right_now"]
    list_filter = ["urgency", "applies_to_all_routines", "right_now"]
    search_fields = ["name", "question", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.can_be_edited_by(request.user))

    def has_delete_permission(self, request, obj=None):
        # Deleting a condition a published routine asks about would strip that routine.
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or not obj.is_asked_by_published_routines())

    def get_readonly_fields(self, request, obj=None):
        # A general red flag is asked before every published routine: only a reviewer sets one.
        if request.user.has_perm(REVIEW_PERMISSION):
            return []
        return ["applies_to_all_routines"]

    def history_entries(self, contraindication):
        return revisions.contraindication_history(contraindication)

    def revert(self, contraindication, *, to, by):
        revisions.revert_contraindication(contraindication, to=to, by=by)
