"""Subscribing to the calendar: a person sets reminders, copies the address, and a calendar app
can read it."""

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from tests.browser.conftest import run_axe
from tests.browser.journeys import expect_path, sign_up


@pytest.fixture
def browser_context_args(browser_context_args):
    # A person in Chicago, whose browser may put the copied address on the clipboard.
    return {
        **browser_context_args,
        "timezone_id": "America/Chicago",
        "permissions": ["clipboard-read", "clipboard-write"],
    }


def fetch_calendar(page, address):
    response = page.request.get(address)
    assert response.status == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.body())


def test_set_reminders_and_subscribe_to_the_calendar(site, transactional_db):
    sign_up(site)
    site.get_by_role("link", name="Reminders").click()
    expect_path(site, "/progress/reminders/$")
    expect(site.get_by_role("heading", level=1)).to_have_text("Reminders")
    # The browser's own zone is offered first.
    expect(site.get_by_label("Time zone")).to_have_value("America/Chicago")

    site.get_by_label("Monday").check()
    site.get_by_label("Thursday").check()
    site.locator("#id_time").fill("07:30")
    site.get_by_label("Time zone").select_option("Europe/London")
    site.get_by_label("Also send me an email at that time").check()
    site.get_by_role("button", name="Set my reminders").click()

    expect(site.get_by_role("status").filter(has_text="saved")).to_have_text(
        "Your reminders are saved."
    )
    address_field = site.get_by_label("Your private calendar address")
    address = address_field.input_value()
    assert address.startswith(site.base + "/calendar/")
    assert address.endswith(".ics")
    assert run_axe(site) == []

    site.get_by_role("button", name="Copy address").click()
    expect(site.get_by_role("status").filter(has_text="copied")).to_have_text("Address copied.")
    assert site.evaluate("navigator.clipboard.readText()") == address

    [event] = fetch_calendar(site, address).events
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event.start.strftime("%a %H:%M") in ("Mon 07:30", "Thu 07:30")
    assert event["RRULE"]["BYDAY"] == ["MO", "TH"]
    assert str(event["SUMMARY"]) == "Stretch with Limber"

    site.get_by_role("button", name="Get a new address").click()
    new_address = address_field.input_value()
    assert new_address != address
    assert site.request.get(address).status == 404
    assert fetch_calendar(site, new_address).events[0]["UID"] == event["UID"]


def test_reminder_form_errors_are_shown_and_accessible(site, transactional_db):
    site.problems.expect_status(400)
    sign_up(site)
    site.goto(site.base + "/progress/reminders/")

    site.get_by_role("button", name="Set my reminders").click()

    expect(site.get_by_role("alert")).to_contain_text("Nothing was saved.")
    expect(site.get_by_text("Pick at least one day.")).to_be_visible()
    expect(site.get_by_text("Pick a time.")).to_be_visible()
    assert run_axe(site) == []
