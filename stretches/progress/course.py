"""A person's recent course in numbers: pain by day, sessions by week, the days they stretched.

The window's rows are read in one statement (recent_rows.py) over a fixed window of whole weeks
and counted in Python, so the person's page runs the same queries whether they have checked in
three times or a thousand.
"""

import zoneinfo
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from statistics import fmean

from django.conf import settings
from django.utils import timezone

from stretches.models import ReminderPlan
from stretches.progress.recent_rows import Finished, PainStop, recent_rows

WEEKS_SHOWN = 12


def person_zone(user):
    """The time zone a person's days are counted in: their own if they set one, else the site's."""
    return zone_named(
        ReminderPlan.objects.filter(user=user).values_list("time_zone", flat=True).first()
    )


def zone_named(name):
    """The zone `name`, or the site's when there is none or it is not one (a plan from an
    older tz database, say)."""
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
    # The person's last pain stops and finished routines, newest first, read with the rest.
    last_pain_stops: tuple[PainStop, ...] = ()
    last_finished: tuple[Finished, ...] = ()
    # All their screenings, however old: the person's page pages through them.
    screening_count: int = 0

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

    The same statement brings their time zone (unless `zone` is given), their check-ins as rows
    for the "see a doctor" rule, their pain stops lately and their last pain stops and finished
    routines, and how many screenings they have: everything the person's page shows of their
    recent weeks, and its screenings' count (recent_rows.py).
    """
    now = now or timezone.now()
    # Read a few days either side of the weeks in UTC, for the person's day may be a day off
    # UTC's and their zone comes with the rows; only the days inside the weeks are kept.
    around = today or now.astimezone(UTC).date()
    rows = recent_rows(
        user,
        since=start_of_day(around - timedelta(weeks=WEEKS_SHOWN, days=2), UTC),
        until=start_of_day(around + timedelta(days=3), UTC),
        now=now,
    )
    zone = zone or zone_named(rows.time_zone)
    today = today or timezone.localdate(now, timezone=zone)
    first_day = today - timedelta(days=today.weekday(), weeks=WEEKS_SHOWN - 1)
    # In UTC, as the rows come: times in one zone compare without looking up the person's offset
    # for every row, which was most of the time of a thousand check-ins' filtering.
    since = start_of_day(first_day, zone).astimezone(UTC)
    until = start_of_day(today + timedelta(days=1), zone).astimezone(UTC)
    check_ins = tuple(row for row in rows.check_ins if since <= row[0] < until)
    pain_days = _pain_days(check_ins, zone)
    sessions_by_day = Counter(
        when.astimezone(zone).date() for when in rows.completions if since <= when < until
    )
    # Each day counted into its week, rather than each of the weeks' 84 days looked up.
    sessions_by_week = Counter()
    for day, sessions in sessions_by_day.items():
        sessions_by_week[(day - first_day).days // 7] += sessions
    weeks = tuple(
        Week(starts=first_day + timedelta(weeks=n), sessions=sessions_by_week[n])
        for n in range(WEEKS_SHOWN)
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
        check_ins=check_ins,
        pain_stops_lately=rows.pain_stops,
        last_pain_stops=rows.last_pain_stops,
        last_finished=rows.last_finished,
        screening_count=rows.screenings,
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
