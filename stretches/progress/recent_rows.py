"""Everything the person's page shows about their recent weeks, read in one SQL statement.

The page needs: their time zone, their check-ins and finished routines over the charts' window,
their pain stops of the last PainReport.REPEATED_WINDOW, their last RECENT_SHOWN pain stops
and finished routines with the routine's title, and how many screenings they have (the history's
pager). As seven ORM queries, building them cost more CPU than the rest of an empty page put
together (docs/performance.md), so they are one hand-written UNION ALL, plain rows sorted out in
Python.

The SQL is the common subset of PostgreSQL and SQLite: a LIMIT sits in a subquery, which both
accept inside a compound (Django's ORM refuses one on SQLite). Every statement is scoped to one
user id, passed as a parameter; nothing from it is logged.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import connection

from stretches.models import (
    CheckIn,
    PainReport,
    ReminderPlan,
    Routine,
    RoutineCompletion,
    Screening,
)
from stretches.sql_dates import as_parameter, time_reader

RECENT_SHOWN = 20

_KINDS = range(7)
_CHECK_IN, _FINISHED, _PAIN_STOP, _LAST_PAIN_STOP, _LAST_FINISHED, _TIME_ZONE, _SCREENINGS = _KINDS

# Each part's columns: kind, when, two numbers, a text. A part fills in what it has; a NULL in a
# subquery is cast, as PostgreSQL would otherwise take it for text.
_SQL = f"""
SELECT {_CHECK_IN}, created_at, pain_before, pain_after, CAST(NULL AS TEXT)
  FROM {CheckIn._meta.db_table}
 WHERE user_id = %(user)s AND created_at >= %(since)s AND created_at < %(until)s
UNION ALL
SELECT {_FINISHED}, completed_at, NULL, NULL, NULL
  FROM {RoutineCompletion._meta.db_table}
 WHERE user_id = %(user)s AND completed_at >= %(since)s AND completed_at < %(until)s
UNION ALL
SELECT {_PAIN_STOP}, created_at, NULL, NULL, NULL
  FROM {PainReport._meta.db_table}
 WHERE user_id = %(user)s AND created_at > %(pain_stops_since)s
UNION ALL
SELECT * FROM (
  SELECT {_LAST_PAIN_STOP}, stop.created_at, stop.id, stop.step_position, routine.title
    FROM {PainReport._meta.db_table} stop
    JOIN {Routine._meta.db_table} routine ON routine.id = stop.routine_id
   WHERE stop.user_id = %(user)s
   ORDER BY stop.created_at DESC, stop.id DESC
   LIMIT {RECENT_SHOWN}
) last_pain_stops
UNION ALL
SELECT * FROM (
  SELECT {_LAST_FINISHED}, done.completed_at, done.id, CAST(NULL AS INTEGER), routine.title
    FROM {RoutineCompletion._meta.db_table} done
    JOIN {Routine._meta.db_table} routine ON routine.id = done.routine_id
   WHERE done.user_id = %(user)s
   ORDER BY done.completed_at DESC, done.id DESC
   LIMIT {RECENT_SHOWN}
) last_finished
UNION ALL
SELECT {_TIME_ZONE}, NULL, NULL, NULL, time_zone
  FROM {ReminderPlan._meta.db_table}
 WHERE user_id = %(user)s
UNION ALL
SELECT {_SCREENINGS}, NULL, COUNT(*), NULL, NULL
  FROM {Screening._meta.db_table}
 WHERE user_id = %(user)s
"""


@dataclass(frozen=True)
class PainStop:
    created_at: datetime
    step_position: int | None
    routine_title: str


@dataclass(frozen=True)
class Finished:
    completed_at: datetime
    routine_title: str


@dataclass(frozen=True)
class RecentRows:
    time_zone: str  # the reminder plan's, or "" without one
    check_ins: tuple[tuple[datetime, int | None, int | None], ...]  # oldest first
    completions: tuple[datetime, ...]
    pain_stops: int  # since pain_stops_since
    last_pain_stops: tuple[PainStop, ...]  # newest first
    last_finished: tuple[Finished, ...]  # newest first
    screenings: int  # all of them, for the history's pager


def recent_rows(user, *, since: datetime, until: datetime, now: datetime) -> RecentRows:
    """The person's rows: check-ins and finished routines from `since` to `until`, pain stops
    within PainReport.REPEATED_WINDOW of `now`, the last few of each with their routine, and the
    number of their screenings."""
    # As the ORM would pass them: SQLite compares its times as naive UTC text.
    params = {
        "user": user.pk,
        "since": as_parameter(since),
        "until": as_parameter(until),
        "pain_stops_since": as_parameter(now - PainReport.REPEATED_WINDOW),
    }
    as_time = time_reader()
    by_kind = {kind: [] for kind in _KINDS}
    with connection.cursor() as cursor:
        cursor.execute(_SQL, params)
        for kind, when, first, second, text in cursor.fetchall():
            by_kind[kind].append((as_time(when), first, second, text))
    check_ins = sorted(by_kind[_CHECK_IN], key=lambda row: row[0])
    return RecentRows(
        time_zone=next((text for *_, text in by_kind[_TIME_ZONE]), ""),
        check_ins=tuple((when, before, after) for when, before, after, _ in check_ins),
        completions=tuple(when for when, *_ in by_kind[_FINISHED]),
        pain_stops=len(by_kind[_PAIN_STOP]),
        last_pain_stops=tuple(
            PainStop(when, step, title)
            for when, _, step, title in _newest_first(by_kind[_LAST_PAIN_STOP])
        ),
        last_finished=tuple(
            Finished(when, title) for when, _, _, title in _newest_first(by_kind[_LAST_FINISHED])
        ),
        # An aggregate without GROUP BY is always one row.
        screenings=by_kind[_SCREENINGS][0][1],
    )


def _newest_first(rows):
    """By time, then id (the second column), newest first: the models' own ordering."""
    return sorted(rows, key=lambda row: (row[0], row[1]), reverse=True)
