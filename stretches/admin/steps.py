"""A routine's steps, edited inline on the routine: reorderable, swaps included."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.templatetags.static import static
from django.utils.html import format_html

from stretches.admin.picture_upload import PictureUploadField
from stretches.models import Step

STEP_POSITION_CONSTRAINT = "step_position_unique_per_routine"


def may_edit(request, routine):
    """A new routine is anyone's to fill in; an existing one follows its workflow state."""
    return routine is None or routine.can_be_edited_by(request.user)


class StepInlineForm(forms.ModelForm):
    class Meta:
        # Opens the upload before anything is stored, so a bad one is refused with its reason.
        field_classes = {"picture_upload": PictureUploadField}

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

    def clean(self):
        super().clean()
        if self.instance.pk is None:
            return
        kept = [
            form
            for form in self.forms
            if form not in self.deleted_forms and (form.instance.pk or form.has_changed())
        ]
        # Deleting every step of a published routine would leave its page with nothing to do.
        self.instance.check_change_keeps_it_whole(
            step_count=len(kept),
            asked_ids=set(self.instance.relevant_contraindications().values_list("pk", flat=True)),
        )

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
    fields = [
        "position",
        "instruction",
        "hold_seconds",
        "repetitions",
        "side",
        "caution",
        "shown_picture",
        "picture",
        "picture_upload",
        "picture_alt",
    ]
    readonly_fields = ["shown_picture"]

    @admin.display(description="Picture shown")
    def shown_picture(self, step):
        """What the steps page shows for this step, so an editor sees what an upload replaces."""
        if step.picture_upload:
            address = step.picture_small.url
        elif step.picture:
            address = static(step.picture)
        else:
            return "None"
        return format_html(
            '<img src="{}" alt="{}" width="120" class="step-picture-preview">',
            address,
            step.picture_alt,
        )

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and may_edit(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and may_edit(request, obj)
