"""The reminder settings form: days, a local time, a time zone and the email opt-in."""

import zoneinfo
from functools import cache

from django import forms
from django.conf import settings

from stretches.models import ReminderPlan


@cache
def time_zone_choices():
    # Region/City names (and UTC): the legacy aliases ("EST5EDT", "Factory") only confuse.
    names = sorted(
        name for name in zoneinfo.available_timezones() if "/" in name and "Etc/" not in name
    )
    return [("UTC", "UTC"), *((name, name.replace("_", " ")) for name in names)]


class ReminderPlanForm(forms.ModelForm):
    weekdays = forms.TypedMultipleChoiceField(
        label="Days",
        choices=ReminderPlan.Weekday.choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Pick at least one day.",
            "invalid_choice": "Pick days from the list.",
        },
    )
    time_zone = forms.ChoiceField(
        label="Time zone",
        choices=time_zone_choices,
        help_text="Your reminders follow this zone's clock, summer time included.",
        error_messages={"invalid_choice": "Pick a time zone from the list."},
    )

    class Meta:
        model = ReminderPlan
        fields = ["weekdays", "time", "time_zone", "email_reminders"]
        labels = {"time": "Time", "email_reminders": "Also send me an email at that time"}
        help_texts = {
            "time": "Your local time, for example 07:30.",
            "email_reminders": "Every email has a link that stops them in one click.",
        }
        widgets = {"time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}
        error_messages = {
            "time": {"required": "Pick a time.", "invalid": "Enter a time such as 07:30."}
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["weekdays"] = self.instance.weekday_numbers
        if not self.instance.time_zone:
            self.initial["time_zone"] = settings.TIME_ZONE

    def clean_weekdays(self):
        return ",".join(str(day) for day in sorted(set(self.cleaned_data["weekdays"])))

    def clean_time(self):
        # Reminders are to the minute; a posted 07:30:59 is 07:30.
        return self.cleaned_data["time"].replace(second=0, microsecond=0)
