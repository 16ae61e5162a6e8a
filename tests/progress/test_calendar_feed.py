from datetime import UTC, date, datetime, time

import pytest
import recurring_ical_events
from django.urls import reverse
from icalendar import Calendar

from stretches.models import CheckIn, ReminderPlan
from stretches.progress.schedule import moments_between, next_moments
from tests.factories import RoutineFactory
from tests.progress.reminder_helpers import make_person, make_plan

pytestmark = pytest.mark.django_db

SOME_TIME_BEFORE_MARCH = datetime(2026, 2, 20, 12, 0, tzinfo=UTC)


@pytest.fixture
def person(django_user_model):
    return make_person(django_user_model)


def feed_url(plan):
    return reverse("stretches:reminder_feed", kwargs={"token": plan.feed_token})


def fetch_calendar(client, plan):
    response = client.get(feed_url(plan))
    assert response.status_code == 200
    return Calendar.from_ical(response.content)


def local_and_utc(events):
    return [
        (event.start.strftime("%a %d %b %H:%M"), event.start.astimezone(UTC).strftime("%H:%M"))
        for event in events
    ]


def test_london_mondays_stay_at_0730_local_across_the_clocks_going_forward(client, person):
    # British Summer Time starts on Sunday 29 March 2026: 07:30 moves from 07:30 to 06:30 UTC.
    plan = make_plan(person, weekdays="0", created_at=SOME_TIME_BEFORE_MARCH)

    calendar = fetch_calendar(client, plan)
    events = recurring_ical_events.of(calendar).between(date(2026, 3, 20), date(2026, 4, 10))

    assert local_and_utc(events) == [
        ("Mon 23 Mar 07:30", "07:30"),
        ("Mon 30 Mar 07:30", "06:30"),
        ("Mon 06 Apr 07:30", "06:30"),
    ]


def test_new_york_evenings_across_both_changes_of_the_year(client, person):
    # Eastern time: summer time from Sunday 8 March to Sunday 1 November 2026.
    plan = make_plan(
        person,
        weekdays="2,5",
        time=time(18, 15),
        time_zone="America/New_York",
        created_at=SOME_TIME_BEFORE_MARCH,
    )
    calendar = fetch_calendar(client, plan)

    march = recurring_ical_events.of(calendar).between(date(2026, 3, 4), date(2026, 3, 12))
    november = recurring_ical_events.of(calendar).between(date(2026, 10, 28), date(2026, 11, 5))

    assert local_and_utc(march) == [
        ("Wed 04 Mar 18:15", "23:15"),
        ("Sat 07 Mar 18:15", "23:15"),
        ("Wed 11 Mar 18:15", "22:15"),
    ]
    assert local_and_utc(november) == [
        ("Wed 28 Oct 18:15", "22:15"),
        ("Sat 31 Oct 18:15", "22:15"),
        ("Wed 04 Nov 18:15", "23:15"),
    ]


def test_feed_is_one_weekly_event_with_its_time_zone_and_a_stable_uid(client, person):
    plan = make_plan(person, weekdays="0,2,4", created_at=SOME_TIME_BEFORE_MARCH)

    calendar = fetch_calendar(client, plan)

    [event] = calendar.events
    [zone] = calendar.timezones
    assert zone["TZID"] == "Europe/London"
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event.start == datetime(2026, 2, 20, 7, 30, tzinfo=plan.zone)  # the first Friday
    assert event["RRULE"]["FREQ"] == ["WEEKLY"]
    assert event["RRULE"]["BYDAY"] == ["MO", "WE", "FR"]
    assert str(event["SUMMARY"]) == "Stretch with Limber"
    assert str(event["URL"]) == "http://testserver/"
    plan.revoke_feed()
    assert fetch_calendar(client, plan).events[0]["UID"] == event["UID"]


def test_feed_holds_no_health_data_and_nothing_that_names_the_person(client, person):
    plan = make_plan(person, created_at=SOME_TIME_BEFORE_MARCH)
    CheckIn.objects.create(user=person, routine=RoutineFactory(), pain_before=8, pain_after=6)

    response = client.get(feed_url(plan))
    calendar = Calendar.from_ical(response.content)

    body = response.content.decode().lower()
    assert [
        word for word in ("kim", "example.com", "pain", "check", "routine 0") if word in body
    ] == []
    [event] = calendar.events
    assert sorted(event) == [
        "DESCRIPTION",
        "DTEND",
        "DTSTAMP",
        "DTSTART",
        "LAST-MODIFIED",
        "RRULE",
        "SUMMARY",
        "UID",
        "URL",
    ]
    assert str(event["DESCRIPTION"]) == (
        "Time for your stretch routine. Open Limber: http://testserver/"
    )


def test_feed_is_a_private_uncached_calendar(client, person):
    plan = make_plan(person)

    response = client.get(feed_url(plan))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_revoked_unknown_and_deleted_addresses_are_404(client, person):
    plan = make_plan(person)
    revoked = feed_url(plan)

    plan.revoke_feed()

    assert client.get(revoked).status_code == 404
    assert client.get("/calendar/not-a-real-token.ics").status_code == 404
    current = feed_url(plan)
    ReminderPlan.objects.all().delete()
    assert client.get(current).status_code == 404


def test_schedule_due_moments_follow_local_time_across_the_change(person):
    plan = make_plan(person, weekdays="0")
    moments = moments_between(
        plan, datetime(2026, 3, 22, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC)
    )

    assert moments == [
        datetime(2026, 3, 23, 7, 30, tzinfo=UTC),
        datetime(2026, 3, 30, 6, 30, tzinfo=UTC),
    ]
    assert [m.strftime("%a %H:%M %Z") for m in next_moments(plan, moments[0], count=2)] == [
        "Mon 07:30 BST",
        "Mon 07:30 BST",
    ]


def test_a_skipped_local_time_is_due_once_an_hour_later_and_a_repeated_one_once(person):
    # 01:30 does not exist in London on 29 March 2026, and happens twice on 25 October.
    plan = make_plan(person, weekdays="6", time=time(1, 30))

    spring = moments_between(
        plan, datetime(2026, 3, 28, tzinfo=UTC), datetime(2026, 3, 30, tzinfo=UTC)
    )
    autumn = moments_between(
        plan, datetime(2026, 10, 24, tzinfo=UTC), datetime(2026, 10, 26, tzinfo=UTC)
    )

    assert spring == [datetime(2026, 3, 29, 1, 30, tzinfo=UTC)]  # 02:30 BST
    assert autumn == [datetime(2026, 10, 25, 0, 30, tzinfo=UTC)]  # the first 01:30, BST
