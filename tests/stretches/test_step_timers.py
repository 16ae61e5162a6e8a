"""A timer on every step: a countdown only where a hold time is given; no duration is invented."""

import pytest
from django.core.management import call_command

from stretches.models import Routine, Step
from tests.helpers import screen, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(db):
    call_command("load_routines", verbosity=0)


def test_no_seed_step_has_a_hold_time_because_the_sources_give_none(seeded):
    assert list(Step.objects.exclude(hold_seconds=None)) == []


def test_every_step_of_a_seed_routine_has_a_timer_counting_time_in_the_position(client, seeded):
    routine = Routine.objects.get(slug="lying-on-a-ball")
    screen(client, routine)

    html = client.get(url("routine_steps", routine)).content.decode()

    assert html.count('data-step-timer data-seconds=""') == 3
    assert html.count("Time in this position") == 3
    assert "Hold timer" not in html
    # "A few minutes" stays words in the step, never a number on a timer.
    assert "Be patient: it might take a few minutes." in html


def test_a_step_with_a_hold_time_gets_a_countdown(client, seeded):
    routine = Routine.objects.get(slug="neck-flexion")
    routine.steps.filter(position=2).update(hold_seconds=20)
    screen(client, routine)

    html = client.get(url("routine_steps", routine)).content.decode()

    assert 'data-step-timer data-seconds="20"' in html
    assert "Hold timer" in html


def test_only_a_repeat_on_the_other_side_step_shows_the_sides(client, seeded):
    routine = Routine.objects.get(slug="chair-twist")
    screen(client, routine)

    html = client.get(url("routine_steps", routine)).content.decode()

    assert html.count("data-step-sides") == 1
    assert html.index('id="step-5"') < html.index("data-step-sides")
    assert '<li class="list-inline-item step-side" data-side="left" aria-current="step">' in html
