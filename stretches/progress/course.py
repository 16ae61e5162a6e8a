"""A person's recent course in numbers: pain by day, sessions by week, the days they stretched.

Everything is counted in the database over a fixed window of whole weeks, so the person's page
runs the same few queries whether they have checked in three times or a thousand.
"""

import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Avg, Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from stretches.models import CheckIn, ReminderPlan, RoutineCompletion

WEEKS_SHOWN = 12


def person_zone(user):
    """The time zone a person's days are counted in: their own if they set one, else the site's."""
    name = ReminderPlan.objects.filter(user=user).values_list("time_zone", flat=True).first()
    try:
        return zoneinfo.ZoneInfo(name or settings.TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def start_of_day(day, zone):
    return datetime.combine(day, time.min, tzinfo=zone)


def pain_label(value):
    """A day's average pain as people say it: 4, or 4.5; never 4.0."""
    if value is None:
        return "—"
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else str(rounded)


@dataclass(frozen=True)
class PainDay:
    """One day's check-ins: how many, and their average pain before and after (None if unrated)."""

    day: date
    check_ins: int
    before: float | None
    after: float | None

    @property
    def before_label(self):
        return pain_label(self.before)

    @property
    def after_label(self):
        return pain_label(self.after)


@dataclass(frozen=True)
class Week:
    starts: date
    sessions: int


@dataclass(frozen=True)
class StretchDay:
    """A day with a finished routine or a check-in."""

    day: date
    sessions: int
    check_ins: int


@dataclass(frozen=True)
class Course:
    first_day: date  # a Monday, WEEKS_SHOWN weeks back
    today: date
    pain_days: tuple[PainDay, ...]
    weeks: tuple[Week, ...]
    stretch_days: tuple[StretchDay, ...]

    @property
    def last_day(self):
        """The Sunday that ends this week; the days after today have not happened yet."""
        return self.first_day + timedelta(weeks=WEEKS_SHOWN, days=-1)

    @property
    def days_so_far(self):
        return (self.today - self.first_day).days + 1

    @property
    def check_in_count(self):
        return sum(day.check_ins for day in self.pain_days)

    @property
    def session_count(self):
        return sum(week.sessions for week in self.weeks)

    @property
    def rated_days(self):
        return tuple(day for day in self.pain_days if (day.before, day.after) != (None, None))

    @property
    def is_empty(self):
        return not self.stretch_days


def course_of(user, *, today=None, zone=None):
    """The person's last WEEKS_SHOWN weeks (Monday to Sunday, this week last), in three queries."""
    zone = zone or person_zone(user)
    today = today or timezone.localdate(timezone=zone)
    first_day = today - timedelta(days=today.weekday(), weeks=WEEKS_SHOWN - 1)
    window = {
        "user": user,
        "since": start_of_day(first_day, zone),
        "until": start_of_day(today + timedelta(days=1), zone),
    }
    pain_days = tuple(
        PainDay(row["day"], row["check_ins"], row["before"], row["after"])
        for row in _check_ins_by_day(zone=zone, **window)
    )
    sessions_by_day = dict(_completions_by_day(zone=zone, **window))
    weeks = tuple(
        Week(
            starts=monday,
            sessions=sum(sessions_by_day.get(monday + timedelta(days=d), 0) for d in range(7)),
        )
        for monday in (first_day + timedelta(weeks=n) for n in range(WEEKS_SHOWN))
    )
    check_ins_by_day = {day.day: day.check_ins for day in pain_days}
    stretch_days = tuple(
        StretchDay(day, sessions_by_day.get(day, 0), check_ins_by_day.get(day, 0))
        for day in sorted(sessions_by_day.keys() | check_ins_by_day.keys())
    )
    return Course(first_day, today, pain_days, weeks, stretch_days)


def _check_ins_by_day(*, user, since, until, zone):
    return (
        CheckIn.objects.filter(user=user, created_at__gte=since, created_at__lt=until)
        .annotate(day=TruncDate("created_at", tzinfo=zone))
        .values("day")
        .annotate(check_ins=Count("id"), before=Avg("pain_before"), after=Avg("pain_after"))
        .order_by("day")
    )


def _completions_by_day(*, user, since, until, zone):
    return (
        RoutineCompletion.objects.filter(user=user, completed_at__gte=since, completed_at__lt=until)
        .annotate(day=TruncDate("completed_at", tzinfo=zone))
        .values_list("day")
        .annotate(sessions=Count("id"))
        .order_by("day")
    )
