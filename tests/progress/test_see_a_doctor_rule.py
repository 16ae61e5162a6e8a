"""The seeds' "see a doctor" rule over a person's own check-ins, at each of its edges."""

from datetime import datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from stretches.models import CheckIn
from stretches.personal_data import recent_course
from stretches.progress.course import WEEKS_SHOWN
from stretches.progress.triggers import LOOK_BACK, pain_not_easing, pain_not_easing_in
from stretches.screening.owners import ScreeningOwner
from tests.factories import UserFactory, routine_with_steps
from tests.helpers import url

START = datetime(2026, 10, 1, 8, 0, tzinfo=timezone.get_fixed_timezone(0))


def course(*points):
    """Ratings from (days after START, pain) pairs."""
    return [(START + timedelta(days=day), pain) for day, pain in points]


@pytest.mark.parametrize(("last_day", "prompts"), [(20, False), (21, False), (22, True)])
def test_it_needs_check_ins_spanning_more_than_three_weeks(last_day, prompts):
    assert (pain_not_easing_in(course((0, 5), (last_day, 5))) is not None) is prompts


@pytest.mark.parametrize(("down_by", "prompts"), [(0, True), (1, True), (2, False), (3, False)])
def test_pain_down_by_two_points_counts_as_coming_down(down_by, prompts):
    assert (pain_not_easing_in(course((0, 6), (22, 6 - down_by))) is not None) is prompts


def test_pain_that_went_up_prompts():
    assert pain_not_easing_in(course((0, 3), (30, 6))) is not None


def test_the_start_and_the_end_are_each_a_week_s_average():
    # 4, 4, 5 average 4.3 and 2, 2, 3 average 2.3: down by 2.0 exactly, which is coming down,
    # although 4.3 - 2.3 is 1.9999999999999998 in floating point.
    eased = course((0, 4), (1, 4), (2, 5), (28, 2), (29, 2), (30, 3))
    # The last rating alone (2) would say "down by 4"; the week says 4.7, down by 1.3.
    one_good_day = course((0, 6), (1, 6), (2, 6), (28, 6), (29, 6), (30, 2))

    assert pain_not_easing_in(eased) is None
    prompt = pain_not_easing_in(one_good_day)
    assert (prompt.pain_at_start, prompt.pain_at_end, prompt.ratings) == (6.0, 4.7, 6)


def test_no_pain_at_the_end_is_nothing_to_see_a_doctor_about():
    assert pain_not_easing_in(course((0, 0), (30, 0))) is None
    assert pain_not_easing_in(course((0, 1), (30, 1))) is not None


def test_it_says_the_dates_and_numbers_that_triggered_it():
    prompt = pain_not_easing_in(course((0, 5), (10, 6), (25, 5)))

    assert (prompt.first_day.isoformat(), prompt.last_day.isoformat()) == (
        "2026-10-01",
        "2026-10-26",
    )
    assert (prompt.span_days, prompt.pain_at_start, prompt.pain_at_end) == (25, 5.0, 5.0)


def test_no_check_ins_no_prompt():
    assert pain_not_easing_in([]) is None


@pytest.mark.django_db
def test_it_reads_before_ratings_then_after_ones_within_the_look_back(conditions):
    routine = routine_with_steps(contraindications=[conditions["osteopenia"]])
    user = UserFactory()
    now = timezone.now()

    def check_in(days_ago, **pain):
        CheckIn.objects.create(
            user=user, routine=routine, created_at=now - timedelta(days=days_ago), **pain
        )

    check_in(LOOK_BACK.days + 5, pain_before=9)  # too old to count
    check_in(30, pain_before=5, pain_after=1)  # before counts, not after
    check_in(1, pain_after=5)  # only after given
    check_in(0)  # nothing rated

    prompt = pain_not_easing(ScreeningOwner(user=user), now=now)

    assert (prompt.span_days, prompt.pain_at_start, prompt.pain_at_end) == (29, 5.0, 5.0)
    assert prompt.ratings == 2


def test_the_rule_looks_back_no_further_than_the_charts_first_monday():
    # The person's page hands the rule the charts' check-ins; the window starts 11 to 12 weeks back.
    assert timedelta(weeks=WEEKS_SHOWN - 1) > LOOK_BACK


@pytest.mark.django_db
def test_the_persons_page_applies_the_rule_to_the_same_check_ins(conditions):
    """The page reads the rule's check-ins with its charts' rows: the prompt must not change."""
    routine = routine_with_steps(contraindications=[conditions["osteopenia"]])
    user = UserFactory()
    now = timezone.now()
    for days_ago, pain in ((LOOK_BACK.days + 5, {"pain_before": 1}), (30, {"pain_before": 6})):
        CheckIn.objects.create(
            user=user, routine=routine, created_at=now - timedelta(days=days_ago), **pain
        )
    CheckIn.objects.create(user=user, routine=routine, created_at=now, pain_after=6)

    on_the_page = recent_course(user, now=now).pain_not_easing

    assert on_the_page == pain_not_easing(ScreeningOwner(user=user), now=now)
    assert (on_the_page.span_days, on_the_page.ratings) == (30, 2)


@pytest.fixture
def not_easing(conditions, general_red_flag):
    """A signed-in person whose pain stayed at 5 for 25 days, and the routine they did."""
    routine = routine_with_steps(contraindications=[conditions["osteopenia"]])
    user = UserFactory()
    for days_ago in (25, 0):
        CheckIn.objects.create(
            user=user,
            routine=routine,
            pain_before=5,
            created_at=timezone.now() - timedelta(days=days_ago),
        )
    browser = Client()
    browser.force_login(user)
    return browser, routine


def test_the_person_s_page_and_the_next_screening_show_the_guidance(not_easing):
    browser, routine = not_easing

    for address in (reverse("accounts:profile"), url("screening", routine)):
        content = browser.get(address).content.decode()
        assert "Your pain has not come down in 25 days" in content
        assert "averaged 5 out of 10 in the first week and 5 in the last week" in content
        assert "Back pain that persists beyond a few weeks should be evaluated by a doctor." in (
            content
        )


def test_nobody_else_sees_the_guidance(not_easing):
    _, routine = not_easing
    other = Client()
    other.force_login(UserFactory())

    assert "has not come down" not in other.get(url("screening", routine)).content.decode()
    assert "has not come down" not in other.get(reverse("accounts:profile")).content.decode()
