"""A check-in on a phone: one tap before the routine, two after it, and the pain-of-7 stop."""

import re

import pytest
from playwright.sync_api import expect

from stretches.models import CheckIn
from tests.browser.conftest import run_axe, watch_page
from tests.browser.journeys import answer_screening, expect_path, start_routine

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def phone(browser, live_server):
    """A touch screen the size of a small phone, watched like every other test's page."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.base = live_server.url
    page.problems = watch_page(page)
    page.set_default_timeout(10_000)
    yield page
    context.close()
    assert page.problems == [], "\n".join(page.problems)


def test_a_check_in_on_a_phone_takes_one_tap_before_and_two_after(phone, seeded):
    start_routine(phone, "chair-twist")
    answer_screening(phone)
    expect_path(phone, "/routines/chair-twist/steps/")
    assert run_axe(phone) == []

    tap = phone.get_by_role("button", name="Pain 3 out of 10")
    box = tap.bounding_box()
    # WCAG 2.5.5's comfortable target: 44 by 44 CSS pixels.
    assert box["width"] >= 44
    assert box["height"] >= 44
    tap.tap()

    expect(
        phone.get_by_text("Before you started, you rated your pain 3 out of 10.")
    ).to_be_visible()
    next_step = phone.locator("[data-guided-next]")  # "Next step" or "Next: right side"
    while next_step.is_visible():
        next_step.tap()
    phone.get_by_role("button", name="I've finished").tap()
    expect_path(phone, "/routines/chair-twist/done/")
    assert run_axe(phone) == []

    phone.locator("label.pain-choice").filter(has_text=re.compile(r"^1$")).tap()
    expect(phone.get_by_role("radio", name="1", exact=True)).to_be_checked()
    phone.get_by_role("button", name="Better", exact=True).tap()

    expect(phone.get_by_text("Pain after: 1 out of 10.")).to_be_visible()
    expect(phone.get_by_text("Compared with last time: better.")).to_be_visible()
    check_in = CheckIn.objects.get()
    assert (check_in.pain_before, check_in.pain_after, check_in.compared) == (3, 1, "better")


def test_pain_of_8_before_a_routine_stops_for_the_guidance_first(phone, seeded):
    start_routine(phone, "chair-twist")
    answer_screening(phone)

    phone.get_by_role("button", name="Pain 8 out of 10").tap()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Your pain is 8 out of 10 right now")
    expect(phone.get_by_text("Step 1 of")).to_have_count(0)
    assert run_axe(phone) == []
    phone.get_by_role("button", name="I have read this: show the steps").tap()
    expect_path(phone, "/routines/chair-twist/steps/")
    expect(phone.get_by_text("Step 1 of").first).to_be_visible()
