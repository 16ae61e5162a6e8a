from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from stretches import revisions, screening_admin  # noqa: F401 - screening_admin registers the health-data admin
from stretches.models import REVIEW_PERMISSION, Contraindication, Routine, Step

STEP_POSITION_CONSTRAINT = "step_position_unique_per_routine"


class SendBackForm(forms.Form):
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        help_text="What needs to change before this routine can be published.",
    )


class StepInlineForm(forms.ModelForm):
    def validate_constraints(self):
        # While a reorder is validated the database still holds the old order, so checking one
        # step's position against it would refuse every swap. The formset compares the submitted
        # positions with each other instead (BaseModelFormSet.validate_unique).
        exclude = self._get_validation_exclusions()
        for model_class, constraints in self.instance.get_constraints():
            for constraint in constraints:
                if constraint.name == STEP_POSITION_CONSTRAINT:
                    continue
                try:
                    constraint.validate(model_class, self.instance, exclude=exclude)
                except ValidationError as error:
                    self._update_errors(error)


class StepFormSet(BaseInlineFormSet):
    """Steps of one routine, reorderable by editing positions, swaps included."""

    def save(self, commit=True):
        if commit:
            # Saved one by one, a swap would put two steps on one position for a moment.
            moving = [
                form.instance.pk
                for form in self.initial_forms
                if form in self.deleted_forms or "position" in form.changed_data
            ]
            targets = [
                form.cleaned_data["position"]
                for form in self.forms
                if form.cleaned_data.get("position") and form not in self.deleted_forms
            ]
            Step.objects.filter(pk__in=moving).park(above=max(targets, default=0))
        return super().save(commit)


class StepInline(admin.TabularInline):
    model = Step
    form = StepInlineForm
    formset = StepFormSet
    extra = 1
    ordering = ["position"]
    fields = ["position", "instruction", "hold_seconds", "repetitions", "side", "caution"]

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and _editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and _editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and _editable(request, obj)


def _moved_on(routine):
    message = f"“{routine}” is now {routine.get_status_display().lower()}."
    if routine.status == Routine.Status.PUBLISHED:
        message += f" Next clinical review due {routine.review_due:%d %b %Y}."
    return message


def _editable(request, routine):
    return routine is None or routine.can_be_edited_by(request.user)


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


class HistoryViewMixin:
    """The admin's History page as a readable diff, with a revert button for reviewers."""

    history_template = "admin/stretches/history.html"

    def history_entries(self, obj):
        raise NotImplementedError

    def revert(self, obj, *, to, by):
        raise NotImplementedError

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_permission(request, obj):
            raise Http404
        context = {
            **self.admin_site.each_context(request),
            "title": f"History: {obj}",
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "entries": self.history_entries(obj),
            "can_revert": request.user.has_perm(REVIEW_PERMISSION),
            "revert_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_revert", args=[obj.pk]
            ),
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.history_template, context)

    def revert_view(self, request, object_id):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_permission(request, obj):
            raise Http404
        record = revisions.find_record(obj, request.POST.get("version", ""))
        if record is None:
            messages.error(request, "That version does not belong to this history.")
        else:
            try:
                self.revert(obj, to=record.history_date, by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                self.log_change(request, obj, f"Reverted to the version of {record.history_date}")
                messages.success(request, f"“{obj}” is back to that version.")
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_history", args=[obj.pk])
        )

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_revert"
        view = self.admin_site.admin_view(require_POST(self.revert_view))
        return [path("<path:object_id>/revert/", view, name=name), *super().get_urls()]


@admin.register(Routine)
class RoutineAdmin(HistoryViewMixin, admin.ModelAdmin):
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
    search_fields = ["title", "summary", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["contraindications"]
    inlines = [StepInline]
    readonly_fields = ["status", "reviewed_by", "reviewed_at", "review_due", "review_comment"]
    actions = ["submit_for_review", "publish", "confirm_review", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "source"]}),
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
        return super().has_change_permission(request, obj) and _editable(request, obj)

    def has_review_permission(self, request):
        return request.user.has_perm(REVIEW_PERMISSION)

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

    # Admin actions and the change form's buttons both end in the routine's own methods, so the
    # workflow's rules are checked the same way whichever way a person asks.

    @admin.action(description="Submit selected routines for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._bulk_transition(request, queryset, "submit_for_review")

    @admin.action(description="Publish selected routines", permissions=["review"])
    def publish(self, request, queryset):
        self._bulk_transition(request, queryset, "publish")

    @admin.action(description="Confirm review of selected routines", permissions=["review"])
    def confirm_review(self, request, queryset):
        self._bulk_transition(request, queryset, "confirm_review")

    @admin.action(description="Unpublish selected routines", permissions=["review"])
    def unpublish(self, request, queryset):
        self._bulk_transition(request, queryset, "unpublish")

    def _bulk_transition(self, request, queryset, name):
        """All or nothing: one refused routine leaves every selected routine as it was."""
        refusals = []
        with transaction.atomic():
            for routine in Routine.objects.select_for_update().filter(
                pk__in=list(queryset.values_list("pk", flat=True))
            ):
                try:
                    getattr(routine, name)(by=request.user)
                except ValidationError as error:
                    refusals.extend(error.messages)
                else:
                    self.log_change(request, routine, Routine.TRANSITIONS[name].label)
            if refusals:
                transaction.set_rollback(True)
        if refusals:
            messages.error(request, "Nothing was changed. " + " ".join(refusals))
        else:
            for routine in queryset:
                messages.success(request, _moved_on(routine))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        routine = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if routine is not None:
            extra_context["transitions"] = [
                (name, Routine.TRANSITIONS[name])
                for name in routine.available_transitions(request.user)
            ]
        return super().change_view(request, object_id, form_url, extra_context)

    def transition_view(self, request, object_id, name):
        routine = self.get_object(request, object_id)
        if routine is None or name not in Routine.TRANSITIONS:
            raise Http404
        if not self.has_view_permission(request, routine):
            raise PermissionDenied
        transition = Routine.TRANSITIONS[name]
        form = SendBackForm(request.POST) if transition.needs_comment else None
        if form is not None and not form.is_valid():
            return self._send_back_page(request, routine, form)
        try:
            with transaction.atomic():
                # Locked, so two people pressing buttons at once cannot both move it on.
                routine = Routine.objects.select_for_update().get(pk=routine.pk)
                if form is not None:
                    routine.send_back(by=request.user, comment=form.cleaned_data["comment"])
                else:
                    getattr(routine, name)(by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            self.log_change(request, routine, transition.label)
            messages.success(request, _moved_on(routine))
        return HttpResponseRedirect(reverse("admin:stretches_routine_change", args=[routine.pk]))

    def send_back_view(self, request, object_id):
        routine = self.get_object(request, object_id)
        if routine is None or not self.has_view_permission(request, routine):
            raise Http404
        try:
            routine.check_transition("send_back", request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(
                reverse("admin:stretches_routine_change", args=[routine.pk])
            )
        return self._send_back_page(request, routine, SendBackForm())

    def _send_back_page(self, request, routine, form):
        context = {
            **self.admin_site.each_context(request),
            "title": f"Send “{routine}” back to draft",
            "subtitle": None,
            "opts": self.opts,
            "original": routine,
            "form": form,
        }
        return TemplateResponse(request, "admin/stretches/routine/send_back.html", context)

    def history_entries(self, routine):
        return revisions.routine_history(routine)

    def revert(self, routine, *, to, by):
        revisions.revert_routine(routine, to=to, by=by)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/transition/<slug:name>/",
                wrap(require_POST(self.transition_view)),
                name="stretches_routine_transition",
            ),
            path(
                "<path:object_id>/send-back/",
                wrap(self.send_back_view),
                name="stretches_routine_send_back",
            ),
            *super().get_urls(),
        ]


@admin.register(Contraindication)
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
