"""The period a progress report covers: two dates, checked so a bad pair is a form error."""

from datetime import date, timedelta

from django import forms

# Nothing in Limber is older; the floor also keeps date arithmetic far from year 1.
EARLIEST_DAY = date(2000, 1, 1)


def a_year_after(day):
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28) + timedelta(days=1)


def default_period(today):
    """This month and the two before it: three whole months on paper, the current one so far."""
    first_of_month = today.replace(day=1)
    for _ in range(2):
        first_of_month = (first_of_month - timedelta(days=1)).replace(day=1)
    return first_of_month, today


class ReportPeriodForm(forms.Form):
    start = forms.DateField(label="From", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="To", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        for field in self.fields.values():
            field.widget.attrs.update(min=EARLIEST_DAY.isoformat(), max=today.isoformat())

    def clean_start(self):
        start = self.cleaned_data["start"]
        if start < EARLIEST_DAY:
            raise forms.ValidationError(
                "Pick a start date in 2000 or later.", code="before_earliest"
            )
        return start

    def clean_end(self):
        end = self.cleaned_data["end"]
        if end > self.today:
            raise forms.ValidationError("Pick an end date no later than today.", code="future")
        return end

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(
                    "The end date must be on or after the start date.", code="end_before_start"
                )
            if end >= a_year_after(start):
                raise forms.ValidationError(
                    "A report covers at most 12 months: pick a shorter period.", code="too_long"
                )
        return cleaned
