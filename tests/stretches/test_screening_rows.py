"""The gate's one query (stretches.screening.rows) reads what the ORM queries it replaced read."""

from datetime import timedelta

import pytest
from django.utils import timezone

from stretches.models import CheckIn
from stretches.progress.checkins import open_check_in
from stretches.screening.owners import ScreeningOwner
from stretches.screening.state import screening_state
from tests.factories import UserFactory, routine_with_steps

pytestmark = pytest.mark.django_db


@pytest.fixture
def routine(conditions, general_red_flag):
    return routine_with_steps(title="Chair twist", contraindications=[conditions["osteopenia"]])


@pytest.fixture(params=["account", "session"])
def owner(request):
    if request.param == "account":
        return ScreeningOwner(user=UserFactory())
    return ScreeningOwner(session_token="a-token")


def state_check_in(owner, routine, **kwargs):
    return screening_state(owner, routine, with_open_check_in=True, **kwargs).open_check_in


def make_check_in(owner, routine, *, minutes_ago=0, **fields):
    check_in = CheckIn.objects.create(**owner.as_fields(), routine=routine, **fields)
    CheckIn.objects.filter(pk=check_in.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes_ago)
    )
    return check_in


def test_the_open_check_in_is_the_newest_without_after_answers(owner, routine):
    make_check_in(owner, routine, minutes_ago=30, pain_before=2)
    newest = make_check_in(owner, routine, minutes_ago=5, pain_before=8)
    make_check_in(owner, routine, minutes_ago=1, pain_before=3, pain_after=2)

    found = state_check_in(owner, routine)

    assert found == open_check_in(owner, routine) == newest
    assert (found.pain_before, found.is_high_pain, found.high_pain_guidance_read_at) == (
        8,
        True,
        None,
    )


def test_the_guidance_read_time_comes_back_as_an_aware_date(owner, routine):
    read_at = timezone.now().replace(microsecond=0)
    make_check_in(owner, routine, pain_before=9, high_pain_guidance_read_at=read_at)

    assert state_check_in(owner, routine).high_pain_guidance_read_at == read_at


@pytest.mark.parametrize(
    "fields",
    [
        {"pain_before": 3, "compared": CheckIn.Compared.BETTER},
        {"pain_before": 3, "pain_after": 0},
    ],
)
def test_a_check_in_with_after_answers_is_not_open(owner, routine, fields):
    make_check_in(owner, routine, **fields)

    assert state_check_in(owner, routine) is None
    assert open_check_in(owner, routine) is None


def test_a_check_in_older_than_a_go_or_of_another_routine_or_person_is_not_open(owner, routine):
    other_routine = routine_with_steps(title="Neck roll")
    make_check_in(owner, routine, minutes_ago=4 * 60, pain_before=3)
    make_check_in(owner, other_routine, pain_before=3)
    make_check_in(ScreeningOwner(session_token="someone-else"), routine, pain_before=3)

    assert state_check_in(owner, routine) is None
    assert open_check_in(owner, routine) is None


def test_the_check_in_is_read_only_when_asked_for(owner, routine, django_assert_num_queries):
    make_check_in(owner, routine, pain_before=3)

    with django_assert_num_queries(1):
        state = screening_state(owner, routine, contraindications=())
    with django_assert_num_queries(1):
        asked = screening_state(owner, routine, contraindications=(), with_open_check_in=True)

    assert state.open_check_in is None
    assert asked.open_check_in.pain_before == 3
