from django import forms

from stretches.models import Routine

# Bootstrap's classes on the widgets themselves: the list renders its four fields directly,
# because crispy's field templates cost more than the rest of the page (docs/performance.md).
TEXT_INPUT = forms.TextInput(attrs={"class": "form-control"})
SELECT = forms.Select(attrs={"class": "form-select"})


class RoutineFilterForm(forms.Form):
    """The routine list's filters; read from the query string so a filtered list can be shared."""

    q = forms.CharField(label="Search", required=False, max_length=100, widget=TEXT_INPUT)
    body_area = forms.ChoiceField(
        label="Body area",
        required=False,
        choices=[("", "Any body area"), *Routine.BodyArea.choices],
        widget=SELECT,
    )
    position = forms.ChoiceField(
        label="Position",
        required=False,
        choices=[("", "Any position"), *Routine.Position.choices],
        widget=SELECT,
    )
    equipment = forms.ChoiceField(
        label="Equipment",
        required=False,
        choices=[("", "Any equipment"), *Routine.Equipment.choices],
        widget=SELECT,
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
