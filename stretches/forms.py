from django import forms

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
