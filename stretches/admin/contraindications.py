from django.contrib import admin

from stretches import revisions
from stretches.admin.history import HistoryViewMixin
from stretches.models import REVIEW_PERMISSION


class ContraindicationAdmin(HistoryViewMixin, admin.ModelAdmin):
    list_display = ["name", "urgency", "applies_to_all_routines"]
    list_filter = ["urgency", "applies_to_all_routines"]
    search_fields = ["name", "question", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.can_be_edited_by(request.user))

    def get_readonly_fields(self, request, obj=None):
        # A general red flag is asked before every published routine: only a reviewer sets one.
        if request.user.has_perm(REVIEW_PERMISSION):
            return []
        return ["applies_to_all_routines"]

    def history_entries(self, contraindication):
        return revisions.contraindication_history(contraindication)

    def revert(self, contraindication, *, to, by):
        revisions.revert_contraindication(contraindication, to=to, by=by)
