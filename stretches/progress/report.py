"""A progress report for a physical therapist: what the person did and felt, month by month.

Four kinds of record over one period, each fetched in one query (screenings with their answers in
three), then grouped by calendar month in the person's time zone: one printed page a month.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import fmean

from django.utils import timezone

from stretches.models import CheckIn, PainReport, RoutineCompletion, Screening
from stretches.progress.course import pain_label, person_zone, start_of_day
from stretches.screening.state import blocking_reasons


@dataclass
class ReportMonth:
    first_day: date  # within the period: the 1st, or the period's start
    last_day: date
    completions: list = field(default_factory=list)
    check_ins: list = field(default_factory=list)
    pain_stops: list = field(default_factory=list)
    screenings: list = field(default_factory=list)  # (screening, the rule's reasons)

    @property
    def is_empty(self):
        return not (self.completions or self.check_ins or self.pain_stops or self.screenings)

    @property
    def blocked_screenings(self):
        return sum(1 for screening, _ in self.screenings if screening.outcome == "blocked")

    def _average(self, attribute):
        ratings = [getattr(c, attribute) for c in self.check_ins]
        ratings = [rating for rating in ratings if rating is not None]
        return pain_label(fmean(ratings)) if ratings else None

    @property
    def average_pain_before(self):
        return self._average("pain_before")

    @property
    def average_pain_after(self):
        return self._average("pain_after")


@dataclass(frozen=True)
class ProgressReport:
    start: date
    end: date
    zone: object
    months: tuple[ReportMonth, ...]

    def _total(self, kind):
        return sum(len(getattr(month, kind)) for month in self.months)

    @property
    def completion_count(self):
        return self._total("completions")

    @property
    def check_in_count(self):
        return self._total("check_ins")

    @property
    def pain_stop_count(self):
        return self._total("pain_stops")

    @property
    def screening_count(self):
        return self._total("screenings")


def months_between(start, end):
    """{(year, month): ReportMonth} for every calendar month the period touches, in order."""
    months = {}
    first = start
    while first <= end:
        next_first = (first.replace(day=1) + timedelta(days=32)).replace(day=1)
        months[first.year, first.month] = ReportMonth(
            first_day=first, last_day=min(end, next_first - timedelta(days=1))
        )
        first = next_first
    return months


def progress_report(user, *, start, end, zone=None):
    zone = zone or person_zone(user)
    since, until = start_of_day(start, zone), start_of_day(end + timedelta(days=1), zone)
    months = months_between(start, end)

    def file_under(attribute, moment, item):
        local = timezone.localtime(moment, zone)
        getattr(months[local.year, local.month], attribute).append(item)

    for completion in (
        RoutineCompletion.objects.filter(user=user, completed_at__gte=since, completed_at__lt=until)
        .select_related("routine")
        .order_by("completed_at", "id")
    ):
        file_under("completions", completion.completed_at, completion)
    for kind, model in (("check_ins", CheckIn), ("pain_stops", PainReport)):
        for row in (
            model.objects.filter(user=user, created_at__gte=since, created_at__lt=until)
            .select_related("routine")
            .order_by("created_at", "id")
        ):
            file_under(kind, row.created_at, row)
    for screening in (
        Screening.objects.filter(user=user, created_at__gte=since, created_at__lt=until)
        .prefetch_related("answers__contraindication")
        .order_by("created_at", "id")
    ):
        file_under("screenings", screening.created_at, (screening, blocking_reasons(screening)))
    return ProgressReport(start=start, end=end, zone=zone, months=tuple(months.values()))
