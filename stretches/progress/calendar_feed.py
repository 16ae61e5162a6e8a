"""A person's reminder plan as an iCalendar feed: one weekly event at their own local time.

The feed says when, and nothing else: no routine, no pain, no check-in, no name or email. Its
address is the only secret; a new one (ReminderPlan.revoke_feed) ends the old at once.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from icalendar import Calendar, Event, vRecur

from stretches.progress.schedule import first_local_start

SESSION_LENGTH = timedelta(minutes=15)
ICAL_WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]  # Python's weekday() order
EVENT_SUMMARY = "Stretch with Limber"


def event_uid(plan):
    # Stable for the plan's life, so calendar apps update one series rather than add another.
    return f"limber-reminder-{plan.pk}@{urlsplit(settings.SITE_URL).hostname}"


def plan_calendar(plan, *, site_url):
    """The feed as an icalendar Calendar: the event, and the VTIMEZONE its TZID names."""
    start = first_local_start(plan, plan.created_at.astimezone(plan.zone).date())
    event = Event.new(
        uid=event_uid(plan),
        summary=EVENT_SUMMARY,
        description=f"Time for your stretch routine. Open Limber: {site_url}",
        url=site_url,
        start=start,
        end=start + SESSION_LENGTH,
        stamp=plan.updated_at,
        last_modified=plan.updated_at,
    )
    event.add(
        "rrule",
        vRecur(freq="WEEKLY", byday=[ICAL_WEEKDAYS[day] for day in plan.weekday_numbers]),
    )
    calendar = Calendar.new(
        prodid="-//Limber//Stretch reminders//EN",
        name="Limber stretches",
        uid=f"limber-calendar-{plan.pk}@{urlsplit(settings.SITE_URL).hostname}",
        refresh_interval=timedelta(hours=12),
        subcomponents=[event],
    )
    # The zone's rules from a year before the series starts: enough for any app, far shorter.
    calendar.add_missing_timezones(first_date=start.date() - timedelta(days=366))
    return calendar


def feed_bytes(plan, *, site_url):
    return plan_calendar(plan, site_url=site_url).to_ical()
