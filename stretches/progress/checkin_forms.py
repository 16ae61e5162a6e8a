"""The check-in forms: every field optional in spirit, so each form asks only one thing or two."""

from django import forms

from stretches.models import PAIN_SCALE, CheckIn

PAIN_CHOICES = [(value, str(value)) for value in PAIN_SCALE]
PAIN_HELP = "0 means no pain at all, 10 the worst pain you can imagine."


class PainBeforeForm(forms.Form):
    """One tap: each number is its own submit button, named `pain`."""

    pain = forms.TypedChoiceField(
        label="How much does your back hurt right now?",
        choices=PAIN_CHOICES,
        coerce=int,
        help_text=PAIN_HELP,
        error_messages={
            "required": "Choose a number from 0 to 10.",
            "invalid_choice": "Choose a number from 0 to 10.",
        },
    )


class AfterForm(forms.Form):
    """Two taps: a pain number (radio), then "Better", "The same" or "Worse" (submit buttons,
    named `compared`), or "Save" to skip the comparison."""

    pain = forms.TypedChoiceField(
        label="How much does your back hurt now?",
        choices=PAIN_CHOICES,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
        help_text=PAIN_HELP,
        error_messages={"invalid_choice": "Choose a number from 0 to 10."},
    )
    compared = forms.ChoiceField(
        label="Compared with last time",
        choices=CheckIn.Compared.choices,
        required=False,
        error_messages={"invalid_choice": "Choose better, the same or worse."},
    )

    def clean(self):
        cleaned = super().clean()
        if not self.errors and cleaned.get("pain") is None and not cleaned.get("compared"):
            raise forms.ValidationError(
                "Choose how much it hurts now, or whether it was better, the same or worse."
            )
        return cleaned
