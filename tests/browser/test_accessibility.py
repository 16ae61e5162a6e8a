"""Zero axe-core WCAG 2.2 AA violations on every kind of page, in the states people meet them."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import run_axe
from tests.browser.journeys import answer_screening, open_path, sign_up, start_routine


def no_setup(page):
    pass


def screening_with_errors(page):
    page.problems.expect_status(400)
    start_routine(page, "chair-twist")
    page.get_by_role("button", name="Send my answers").click()
    page.get_by_role("heading", name="Please check your answers").wait_for()


def blocked(page):
    start_routine(page, "chair-twist")
    answer_screening(page, {"osteopenia": "Yes"})


def urgently_blocked(page):
    start_routine(page, "chair-twist")
    answer_screening(page, {"both of your legs": "Yes"})


def guided_steps(page):
    start_routine(page, "chair-twist")
    answer_screening(page)


def two_sided_step(page):
    guided_steps(page)
    page.goto(page.url.split("#")[0] + "#step-5")
    page.reload()
    page.get_by_role("button", name="Next: right side").wait_for()


def completion(page):
    guided_steps(page)
    for _ in range(4):
        page.get_by_role("button", name="Next step").click()
    page.get_by_role("button", name="Next: right side").click()  # the last step has two sides
    page.get_by_role("button", name="I've finished").click()


def signed_in_with_history(page):
    sign_up(page)
    start_routine(page, "chair-twist")
    answer_screening(page, {"osteopenia": "Not sure"})


def not_found(page):
    page.problems.expect_status(404)
    open_path(page, "/routines/no-such-routine/")


PAGES = {
    "home": ("/", no_setup),
    "routine list with filters": ("/routines/?body_area=whole_back&position=chair", no_setup),
    "routine detail": ("/routines/chair-twist/", no_setup),
    "safety": ("/safety/", no_setup),
    "screening form": ("/routines/chair-twist/screening/", no_setup),
    "screening form with errors": (None, screening_with_errors),
    "blocked page": (None, blocked),
    "blocked page, urgent": (None, urgently_blocked),
    "printable summary": ("/routines/chair-twist/screening/summary/", blocked),
    "guided steps": (None, guided_steps),
    "guided steps, a two-sided step": (None, two_sided_step),
    "completion": (None, completion),
    "sign in": ("/account/signin/", no_setup),
    "admin sign in": ("/admin/login/", no_setup),
    "sign up": ("/account/signup/", no_setup),
    "password reset": ("/account/password/reset/", no_setup),
    "the person's page": ("/account/me/", signed_in_with_history),
    "delete account": ("/account/me/delete/", signed_in_with_history),
    "404": (None, not_found),
}


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_accessibility_violations(site, seeded, name):
    path, set_up = PAGES[name]
    set_up(site)
    if path:
        open_path(site, path)

    assert run_axe(site) == []


@pytest.mark.parametrize("width", [360, 1280])
def test_guided_steps_have_no_violations_at_phone_and_desktop_widths(site, seeded, width):
    site.set_viewport_size({"width": width, "height": 800})
    guided_steps(site)

    assert run_axe(site) == []


def test_the_accessibility_check_does_find_violations(site):
    site.set_content('<html><body><main><input type="text"></main></body></html>')

    assert any(violation.startswith("label:") for violation in run_axe(site))


def test_the_admin_sign_in_page_has_a_level_one_heading(site, seeded):
    # axe's "page-has-heading-one" is a best practice, outside the WCAG tags run_axe checks.
    open_path(site, "/admin/login/")

    expect(site.get_by_role("heading", level=1)).to_have_text("Sign in to Django administration")
