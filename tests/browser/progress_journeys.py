"""A person with a few weeks of check-ins and finished routines, signed in: for the chart journeys,
accessibility checks and screenshots."""

from datetime import timedelta

from playwright.sync_api import expect

from stretches.models import Routine
from tests.browser.journeys import open_path
from tests.factories import PASSWORD, UserFactory
from tests.progress.records import check_in, days_ago, finished

EMAIL = "robin@example.com"
# Five weeks, most days, with a rest day now and then; pain easing as the weeks go by.
DAYS = [day for day in range(35) if day % 6 != 5]


def a_few_weeks_of_stretching(user):
    twist, flexion = (
        Routine.objects.get(slug="chair-twist"),
        Routine.objects.get(slug="neck-flexion"),
    )
    for day in DAYS:
        routine = twist if day % 2 else flexion
        when = days_ago(day, hour=8)
        before = 3 + day // 10
        compared = "better" if day % 3 == 0 else "same"
        check_in(
            user, routine, when=when, before=before, after=max(before - 2, 0), compared=compared
        )
        finished(user, routine, when=when + timedelta(minutes=10))
    return len(DAYS)


def sign_in(page, email=EMAIL):
    open_path(page, "/account/signin/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your page")


def signed_in_with_a_few_weeks(page):
    a_few_weeks_of_stretching(UserFactory(email=EMAIL, username=EMAIL))
    sign_in(page)
