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

    def valid_filters(self):
        """The filters that passed validation; an unknown value is dropped, never an error page."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            "q": cleaned.get("q", "").strip(),
            "body_area": cleaned.get("body_area", ""),
            "position": cleaned.get("position", ""),
            "equipment": cleaned.get("equipment", ""),
        }


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
