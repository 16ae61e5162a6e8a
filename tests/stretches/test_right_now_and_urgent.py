"""The gate without holes: right-now questions, pain stops, urgent red flags, nothing to ask."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from stretches.models import Contraindication, PainReport, Routine, Screening
from stretches.screening.owners import ScreeningOwner
from stretches.screening.rule import DecisionStatus, decide
from stretches.screening.state import screening_state
from tests.factories import (
    ContraindicationFactory,
    RoutineFactory,
    UserFactory,
    routine_with_steps,
)
from tests.helpers import answers_for, screen, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def routine(conditions):
    return routine_with_steps(
        title="Chair twist", contraindications=[conditions["osteopenia"]], slug="chair-twist"
    )


@pytest.fixture
def other(conditions):
    return routine_with_steps(title="Floor twist", contraindications=[conditions["osteopenia"]])


@pytest.fixture
def urgent(db):
    return ContraindicationFactory(
        name="New numbness or tingling around the genitals or buttocks",
        slug="urgent-numbness",
        question="Do you have new numbness or tingling around your genitals or buttocks?",
        guidance="Do not start any routine. Get medical help now.",
        urgency=Contraindication.Urgency.EMERGENCY,
        applies_to_all_routines=True,
        right_now=True,
    )


def asked(response):
    return [name for name in response.context["form"].fields if name.startswith("question-")]


def steps_status(client, routine):
    """Where the steps page sends the person: "steps" when shown, else the page it redirects to."""
    response = client.get(url("routine_steps", routine))
    if response.status_code == 200:
        return "steps"
    return {url("screening", routine): "screening", url("screening_blocked", routine): "blocked"}[
        response.url
    ]


def age_screenings(by):
    for screening in Screening.objects.all():
        screening.created_at -= by
        screening.save()


# Right now is only true when it is said.


def test_a_right_now_no_stops_counting_after_the_right_now_window(client, routine, settings):
    screen(client, routine)
    assert steps_status(client, routine) == "steps"

    age_screenings(settings.RIGHT_NOW_VALID_FOR + timedelta(minutes=1))

    assert steps_status(client, routine) == "screening"
    assert asked(client.get(url("screening", routine))) == ["question-pain-right-now"]


def test_a_right_now_no_is_never_carried_to_another_routine(client, routine, other):
    screen(client, routine)

    assert steps_status(client, other) == "screening"
    assert asked(client.get(url("screening", other))) == ["question-pain-right-now"]


def test_a_right_now_yes_blocks_every_routine(client, routine, other):
    screen(client, routine, {"pain-right-now": "yes"})

    assert steps_status(client, routine) == "blocked"
    assert steps_status(client, other) == "blocked"
    assert client.get(url("screening", other)).url == url("screening_blocked", other)


def test_a_newer_right_now_no_for_a_routine_lifts_an_older_yes_for_that_routine_only(
    client, routine, other
):
    screen(client, routine, {"pain-right-now": "yes"})
    screen(client, other, retake=True)

    assert steps_status(client, other) == "steps"
    assert steps_status(client, routine) == "blocked"


def test_finishing_a_routine_ends_that_start(client, routine):
    client.force_login(UserFactory())
    screen(client, routine)
    client.post(url("routine_complete", routine))

    assert steps_status(client, routine) == "screening"
    assert asked(client.get(url("screening", routine))) == ["question-pain-right-now"]


def test_a_pain_stop_anywhere_voids_every_right_now_answer(client, routine, other):
    screen(client, routine)
    screen(client, other, retake=True)

    client.post(url("routine_stop", other), {"step": "1"})

    assert steps_status(client, routine) == "screening"
    assert asked(client.get(url("screening", routine))) == ["question-pain-right-now"]
    screen(client, routine, retake=True)
    assert steps_status(client, routine) == "steps"
    # The routine where it hurt stays blocked until a new screening for it, as before.
    assert steps_status(client, other) == "screening"
    assert len(asked(client.get(url("screening", other)))) == 3


def test_the_state_splits_right_now_from_standing_answers(client, routine, conditions):
    screen(client, routine)
    owner = ScreeningOwner(session_token=client.session["screening_owner_token"])

    later = screening_state(owner, routine, now=timezone.now() + timedelta(hours=2))

    assert set(later.answers) == {conditions["weeks"].pk, conditions["osteopenia"].pk}
    assert later.already_answered == 2
    assert later.questions_for_this_start() == (conditions["pain"],)


# Two pain stops in 14 days: the person who keeps hurting is told, not just asked again.


def stop(client, routine, *, days_ago=0):
    client.post(url("routine_stop", routine), {"step": "1"})
    report = PainReport.objects.order_by("-id").first()
    report.created_at -= timedelta(days=days_ago)
    report.save()


REPEATED_PAIN = b"If you feel the need to constantly crack your back due to pain, see a doctor"


def test_two_pain_stops_within_14_days_show_the_seeds_guidance_on_the_screening(
    client, routine, other
):
    stop(client, routine, days_ago=13)
    assert REPEATED_PAIN not in client.get(url("screening", other)).content

    stop(client, other)

    page = client.get(url("screening", other)).content
    assert REPEATED_PAIN in page
    assert b"stopped because it hurt 2 times in the last 14 days" in page


def test_pain_stops_further_apart_than_14_days_do_not_count_as_repeated(client, routine, other):
    stop(client, routine, days_ago=15)
    stop(client, other)

    assert REPEATED_PAIN not in client.get(url("screening", other)).content


def test_two_pain_stops_show_the_guidance_on_the_persons_page(client, routine):
    client.force_login(UserFactory())
    profile = reverse("accounts:profile")
    stop(client, routine)
    assert REPEATED_PAIN not in client.get(profile).content

    stop(client, routine, days_ago=3)

    assert REPEATED_PAIN in client.get(profile).content


# Urgent red flags: "Get medical help now".


@pytest.mark.parametrize("answer", ["yes", "not_sure"])
def test_an_urgent_sign_blocks_every_routine_with_urgent_guidance_first_and_no_alternatives(
    client, routine, other, urgent, answer
):
    safe = routine_with_steps(title="Unrelated")

    response = screen(client, routine, {urgent.slug: answer})

    assert response.url == url("screening_blocked", routine)
    blocked = client.get(response.url)
    assert blocked.context["decision"].needs_urgent_help
    assert blocked.context["reasons"][0].contraindication == urgent
    page = blocked.content.decode()
    assert page.index("Get medical help now") < page.index("Why</h2>")
    assert "Call your local emergency number." in page
    assert "Routines your answers don't rule out" not in page
    assert safe.title not in page
    assert steps_status(client, other) == "blocked"
    assert steps_status(client, safe) == "blocked"
    summary = client.get(url("screening_summary", routine)).content.decode()
    assert "Get medical help now" in summary


def test_the_emergency_number_setting_is_named_on_the_urgent_page(
    client, routine, urgent, settings
):
    settings.EMERGENCY_NUMBER = "112"
    screen(client, routine, {urgent.slug: "yes"})

    page = client.get(url("screening_blocked", routine)).content.decode()

    assert "Call your local emergency number: 112." in page


def test_urgent_questions_are_asked_at_every_start_in_their_own_group(client, routine, urgent):
    screen(client, routine)

    again = client.get(url("screening", routine))

    assert asked(again) == [f"question-{urgent.slug}", "question-pain-right-now"]
    assert '<h2 class="h4 mt-2">Right now</h2>' in again.content.decode()


def test_urgent_outranks_every_other_reason_in_the_rule(conditions, urgent):
    decision = decide(
        [conditions["osteopenia"], conditions["weeks"], urgent],
        {conditions["osteopenia"].pk: "yes", conditions["weeks"].pk: "yes", urgent.pk: "not_sure"},
    )

    assert [reason.contraindication for reason in decision.reasons] == [
        urgent,
        conditions["weeks"],
        conditions["osteopenia"],
    ]
    assert decision.needs_urgent_help


def test_a_see_a_doctor_block_is_not_urgent(conditions):
    decision = decide([conditions["weeks"]], {conditions["weeks"].pk: "yes"})

    assert decision.is_blocked
    assert not decision.needs_urgent_help


# A routine that asks nothing is never cleared.


def test_the_rule_never_clears_a_routine_with_no_questions():
    decision = decide([], {})

    assert decision.status is DecisionStatus.NOTHING_TO_ASK
    assert not decision.is_cleared
    assert not decision.is_blocked


def test_the_gate_keeps_the_steps_of_a_routine_that_asks_nothing_hidden(client):
    bare = routine_with_steps(title="Edited in the database")

    response = client.get(url("routine_steps", bare), follow=True)

    assert response.redirect_chain == [(url("screening", bare), 302)]
    assert b"can't be started right now" in response.content
    assert b"Do movement" not in response.content
    assert client.post(url("screening", bare), answers_for(bare)).status_code == 200
    assert Screening.objects.count() == 0
    assert client.post(url("routine_complete", bare)).url == url("screening", bare)


def test_publishing_refuses_a_routine_that_would_ask_nothing(reviewer):
    bare = routine_with_steps(status=Routine.Status.IN_REVIEW)

    with pytest.raises(ValidationError) as refusal:
        bare.publish(by=reviewer)

    assert refusal.value.code == "no_questions"
    assert "asks no safety questions" in refusal.value.messages[0]
    assert Routine.objects.get(pk=bare.pk).status == Routine.Status.IN_REVIEW


def test_the_admin_says_why_publishing_a_routine_with_no_questions_is_refused(reviewer_client):
    bare = routine_with_steps(status=Routine.Status.IN_REVIEW, title="Bare")

    response = reviewer_client.post(
        reverse("admin:stretches_routine_transition", args=[bare.pk, "publish"]), follow=True
    )

    assert "“Bare” asks no safety questions" in response.content.decode()
    assert Routine.objects.get(pk=bare.pk).status == Routine.Status.IN_REVIEW


def test_a_published_routine_with_a_condition_of_its_own_can_be_published(reviewer, conditions):
    routine = RoutineFactory(
        status=Routine.Status.IN_REVIEW, contraindications=[conditions["osteopenia"]]
    )
    routine.steps.create(position=1, instruction="Sit.")

    routine.publish(by=reviewer)

    assert Routine.objects.get(pk=routine.pk).status == Routine.Status.PUBLISHED


def test_an_existing_database_gets_pain_right_now_as_a_right_now_question():
    migration = importlib.import_module(
        "stretches.migrations.0009_right_now_questions_and_provenance"
    )
    pain = ContraindicationFactory(slug="pain-right-now", applies_to_all_routines=True)
    other = ContraindicationFactory(slug="osteopenia")

    migration.pain_now_is_a_right_now_question(apps, None)

    pain.refresh_from_db()
    other.refresh_from_db()
    assert (pain.right_now, other.right_now) == (True, False)
