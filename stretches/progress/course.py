"""A person's recent course in numbers: pain by day, sessions by week, the days they stretched.

The window's rows are read in one query over a fixed window of whole weeks and counted in Python,
so the person's page runs the same few queries whether they have checked in three times or a
thousand.
"""

import zoneinfo
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from statistics import fmean

from django.conf import settings
from django.db.models import IntegerField, Value
from django.utils import timezone

from stretches.models import CheckIn, PainReport, ReminderPlan, RoutineCompletion

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
    # (when, pain before, pain after) of every check-in in the window, oldest first.
    check_ins: tuple[tuple[datetime, int | None, int | None], ...] = ()
    # Pain stops within PainReport.REPEATED_WINDOW of now, anywhere: not drawn, but counted here.
    pain_stops_lately: int = 0

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


def course_of(user, *, today=None, zone=None, now=None):
    """The person's last WEEKS_SHOWN weeks (Monday to Sunday, this week last), in one query.

    `zone` is looked up (one more query) when not given. The check-ins come back as rows too,
    for the "see a doctor" rule, and so does the number of pain stops lately.
    """
    zone = zone or person_zone(user)
    now = now or timezone.now()
    today = today or timezone.localdate(now, timezone=zone)
    first_day = today - timedelta(days=today.weekday(), weeks=WEEKS_SHOWN - 1)
    records = _records(
        user,
        since=start_of_day(first_day, zone),
        until=start_of_day(today + timedelta(days=1), zone),
        pain_stops_since=now - PainReport.REPEATED_WINDOW,
    )
    pain_days = _pain_days(records.check_ins, zone)
    sessions_by_day = Counter(when.astimezone(zone).date() for when in records.completions)
    weeks = tuple(
        Week(
            starts=monday,
            sessions=sum(sessions_by_day[monday + timedelta(days=d)] for d in range(7)),
        )
        for monday in (first_day + timedelta(weeks=n) for n in range(WEEKS_SHOWN))
    )
    check_ins_by_day = {day.day: day.check_ins for day in pain_days}
    stretch_days = tuple(
        StretchDay(day, sessions_by_day.get(day, 0), check_ins_by_day.get(day, 0))
        for day in sorted(sessions_by_day.keys() | check_ins_by_day.keys())
    )
    return Course(
        first_day,
        today,
        pain_days,
        weeks,
        stretch_days,
        check_ins=records.check_ins,
        pain_stops_lately=records.pain_stops,
    )


def _mean(values):
    return fmean(values) if values else None


def _pain_days(check_ins, zone):
    """Check-ins by day in `zone`, each day's pain averaged over the check-ins that rated it."""
    by_day = defaultdict(list)
    for when, before, after in check_ins:
        by_day[when.astimezone(zone).date()].append((before, after))
    return tuple(
        PainDay(
            day,
            len(ratings),
            _mean([before for before, _ in ratings if before is not None]),
            _mean([after for _, after in ratings if after is not None]),
        )
        for day, ratings in sorted(by_day.items())
    )


@dataclass(frozen=True)
class _Records:
    check_ins: tuple[tuple[datetime, int | None, int | None], ...]  # in time order
    completions: tuple[datetime, ...]
    pain_stops: int


_CHECK_IN, _COMPLETION, _PAIN_STOP = 0, 1, 2


def _records(user, *, since, until, pain_stops_since):
    """The window's check-ins and finished routines, and the pain stops since then, as plain rows
    of one UNION ALL query, grouped by day in Python.

    Three ORM queries that grouped by day in the database, and the model machinery to build them,
    cost more than the rows themselves (docs/performance.md); the rows also serve the "see a
    doctor" rule, whose look-back lies inside the window.
    """
    nothing = Value(None, output_field=IntegerField())
    check_ins = CheckIn.objects.filter(
        user=user, created_at__gte=since, created_at__lt=until
    ).values_list(Value(_CHECK_IN), "created_at", "pain_before", "pain_after")
    completions = RoutineCompletion.objects.filter(
        user=user, completed_at__gte=since, completed_at__lt=until
    ).values_list(Value(_COMPLETION), "completed_at", nothing, nothing)
    pain_stops = PainReport.objects.filter(user=user, created_at__gt=pain_stops_since).values_list(
        Value(_PAIN_STOP), "created_at", nothing, nothing
    )
    # No ORDER BY anywhere: SQLite refuses one in a compound's parts, and the models' default
    # ordering would otherwise name a column the union does not have.
    rows = (
        check_ins.order_by()
        .union(completions.order_by(), pain_stops.order_by(), all=True)
        .order_by()
    )
    by_kind = defaultdict(list)
    for kind, *row in rows:
        by_kind[kind].append(row)
    return _Records(
        check_ins=tuple(sorted(map(tuple, by_kind[_CHECK_IN]), key=lambda row: row[0])),
        completions=tuple(when for when, _, _ in by_kind[_COMPLETION]),
        pain_stops=len(by_kind[_PAIN_STOP]),
    )
