"""When a reminder plan falls due: its moments in the person's own time zone, as aware datetimes.

Wall-clock time is what a person picks, so "07:30 on Mondays" stays 07:30 across a daylight-saving
change and its distance in UTC moves. A time the clocks skip (01:30 on the morning they go forward)
falls an hour later in wall-clock terms, as zoneinfo's fold=0 reads it; a time that happens twice
(the morning they go back) is due once, the first time.
"""

from datetime import UTC, datetime, timedelta


def moments_between(plan, start, end):
    """The plan's due moments after `start` and up to `end` (aware), in order, in UTC."""
    zone = plan.zone
    weekdays = set(plan.weekday_numbers)
    # A day either side: the two ends' local dates can differ from their UTC ones.
    day = start.astimezone(zone).date() - timedelta(days=1)
    last_day = end.astimezone(zone).date() + timedelta(days=1)
    moments = []
    while day <= last_day:
        if day.weekday() in weekdays:
            moment = datetime.combine(day, plan.time, tzinfo=zone).astimezone(UTC)
            if start < moment <= end:
                moments.append(moment)
        day += timedelta(days=1)
    return moments


def next_moments(plan, after, count=3):
    """The plan's next `count` due moments after `after`, in the plan's own time zone."""
    if not plan.weekday_numbers:
        return []
    moments = []
    start = after
    while len(moments) < count:
        end = start + timedelta(days=7)
        moments += moments_between(plan, start, end)
        start = end
    return [moment.astimezone(plan.zone) for moment in moments[:count]]


def first_local_start(plan, on_or_after):
    """The first local start on a chosen weekday on or after a date: the feed's DTSTART."""
    day = on_or_after
    while day.weekday() not in plan.weekday_numbers:
        day += timedelta(days=1)
    return datetime.combine(day, plan.time, tzinfo=plan.zone)
