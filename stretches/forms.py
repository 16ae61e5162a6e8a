from functools import lru_cache

from django import forms
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from stretches.models import Routine


class RoutineFilterForm(forms.Form):
    """The routine list's filters; read from the query string so a filtered list can be shared."""

    q = forms.CharField(label="Search", required=False, max_length=100)
    body_area = forms.ChoiceField(
        label="Body area",
        required=False,
        choices=[("", "Any body area"), *Routine.BodyArea.choices],
    )
    position = forms.ChoiceField(
        label="Position", required=False, choices=[("", "Any position"), *Routine.Position.choices]
    )
    equipment = forms.ChoiceField(
        label="Equipment",
        required=False,
        choices=[("", "Any equipment"), *Routine.Equipment.choices],
    )

    @classmethod
    def valid_filters(cls, data):
        """The filters in `data` (a query string) that pass validation; an unknown value is
        dropped, never an error page.

        Each of the class's fields cleans its own value, as `is_valid()` would: this form has no
        `clean()` or `clean_<field>()` of its own (a test holds the two equal). A form instance
        deep-copies its fields first, which cost the list more than its cards did
        (docs/performance.md).
        """
        filters = {}
        for name, field in cls.base_fields.items():
            try:
                filters[name] = field.clean(field.widget.value_from_datadict(data, {}, name))
            except forms.ValidationError:
                filters[name] = ""
        return filters


def filter_selects(filters):
    """The filter form's three selects as HTML, with the accepted values of `filters` chosen.

    Rendered per request, one `<option>` at a time, they were most of the list's own template
    time once its cards came ready-made (docs/performance.md). Their markup depends on nothing
    but these three values (the choices are code, not content): each combination is rendered
    once per process.
    """
    return _filter_selects(filters["body_area"], filters["position"], filters["equipment"])


# Bounded: only values from the choices get here (150 combinations).
@lru_cache(maxsize=256)
def _filter_selects(body_area, position, equipment):
    form = RoutineFilterForm(
        initial={"body_area": body_area, "position": position, "equipment": equipment}
    )
    # Rendered by the template engine, with its autoescaping, from our own template.
    return mark_safe(render_to_string("includes/_routine_filter_selects.html", {"form": form}))
