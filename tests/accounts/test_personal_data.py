import json
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from stretches.models import PainReport, RoutineCompletion, Screening, ScreeningAnswer
from tests.factories import PASSWORD, UserFactory, routine_with_steps
from tests.helpers import screen, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def routine(conditions):
    return routine_with_steps(title="Chair twist", contraindications=[conditions["osteopenia"]])


@pytest.fixture
def person(client, routine):
    """A signed-in person with a blocked and a cleared screening, a pain stop and a completion."""
    user = UserFactory(email="kim@example.com", username="kim@example.com")
    client.force_login(user)
    screen(client, routine, {"osteopenia": "yes"})
    screen(client, routine, retake=True)
    client.post(url("routine_complete", routine))
    client.post(url("routine_stop", routine), {"step": "2"})
    return user


@pytest.fixture
def stranger(routine):
    other = UserFactory(email="lee@example.com", username="lee@example.com")
    browser = Client()
    browser.force_login(other)
    screen(browser, routine, {"osteopenia": "not_sure"})
    return other


def test_history_shows_date_routine_outcome_and_reasons_newest_first(client, person, stranger):
    response = client.get(reverse("accounts:profile"))

    history = response.context["history"]
    assert [(s.outcome, [r.contraindication.slug for r in reasons]) for s, reasons in history] == [
        ("cleared", []),
        ("blocked", ["osteopenia"]),
    ]
    content = response.content.decode()
    assert "Osteopenia (Yes)" in content
    assert "Chair twist, step 2" in content
    assert "lee@example.com" not in content


def test_the_last_twenty_pain_stops_and_finished_routines_show_newest_first_and_only_ones_own(
    client, person, stranger, routine
):
    now = timezone.now()
    for hours in range(25):
        PainReport.objects.create(
            user=person, routine=routine, step_position=1, created_at=now - timedelta(hours=hours)
        )
        RoutineCompletion.objects.create(
            user=person, routine=routine, completed_at=now - timedelta(hours=hours, minutes=30)
        )
    PainReport.objects.create(user=stranger, routine=routine, created_at=now)
    RoutineCompletion.objects.create(user=stranger, routine=routine, completed_at=now)

    context = client.get(reverse("accounts:profile")).context

    own_stops = PainReport.objects.filter(user=person)[:20]
    own_finished = RoutineCompletion.objects.filter(user=person)[:20]
    assert [(s.created_at, s.step_position, s.routine_title) for s in context["pain_reports"]] == [
        (stop.created_at, stop.step_position, "Chair twist") for stop in own_stops
    ]
    assert [(f.completed_at, f.routine_title) for f in context["completions"]] == [
        (done.completed_at, "Chair twist") for done in own_finished
    ]
    # The fixture's stop and these 25 are all within the last 14 days.
    assert context["recent_pain_stops"] == 26


def test_history_is_paginated(client, person, routine):
    for _ in range(11):
        screen(client, routine, retake=True)

    first = client.get(reverse("accounts:profile"))
    second = client.get(reverse("accounts:profile"), {"page": 2})

    assert len(first.context["history"]) == 10
    assert len(second.context["history"]) == 3


@pytest.mark.parametrize("extra", [0, 25])
def test_history_query_count_does_not_grow_with_screenings(
    client, person, routine, django_assert_max_num_queries, extra
):
    for _ in range(extra):
        screen(client, routine, retake=True)

    # The person (the session comes from the cache); the screenings' page and answers (with their
    # questions); one statement for the rest: the screenings' count, the time zone, the charts,
    # the "see a doctor" rule, the pain-stop count and the two recent lists
    # (tests/progress/test_charts_queries.py holds it fixed).
    with django_assert_max_num_queries(5):
        assert client.get(reverse("accounts:profile")).status_code == 200


def test_a_screenings_answers_are_one_click_away_for_their_owner_only(client, person, stranger):
    own = Screening.objects.filter(user=person).first()
    theirs = Screening.objects.get(user=stranger)

    response = client.get(reverse("accounts:screening_answers", args=[own.pk]))

    assert response.status_code == 200
    assert own.answers.first().question_text in response.content.decode()
    assert client.get(reverse("accounts:screening_answers", args=[theirs.pk])).status_code == 404


@pytest.mark.parametrize(
    "name", ["accounts:profile", "accounts:download_data", "accounts:delete_account"]
)
def test_personal_pages_need_sign_in(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_download_contains_exactly_the_persons_data(client, person, stranger):
    response = client.get(reverse("accounts:download_data"))

    assert response["Content-Disposition"].startswith('attachment; filename="limber-my-data-')
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "kim@example.com"
    assert [s["outcome"] for s in data["screenings"]] == ["cleared", "blocked"]
    assert {a["answer"] for a in data["screenings"][1]["answers"]} == {"Yes", "No"}
    assert data["screenings"][1]["answers"][0]["question"]
    assert [(p["routine"], p["step"]) for p in data["pain_reports"]] == [("Chair twist", 2)]
    assert [c["routine"] for c in data["completed_routines"]] == ["Chair twist"]
    assert "lee@example.com" not in response.content.decode()
    assert "Not sure" not in response.content.decode()


def test_delete_with_a_wrong_password_changes_nothing(client, person):
    response = client.post(reverse("accounts:delete_account"), {"password": "wrong"})

    assert response.status_code == 400
    assert b"That password is not right." in response.content
    assert User.objects.filter(pk=person.pk).exists()
    assert Screening.objects.filter(user=person).count() == 2


def rows_tied_to(user_id, email):
    return {
        "user": User.objects.filter(pk=user_id).count(),
        "screening": Screening.objects.filter(user_id=user_id).count(),
        "answer": ScreeningAnswer.objects.filter(screening__user_id=user_id).count(),
        "pain report": PainReport.objects.filter(user_id=user_id).count(),
        "completion": RoutineCompletion.objects.filter(user_id=user_id).count(),
        "sessions": sum(
            1 for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user_id)
        ),
        "axes": AccessAttempt.objects.filter(username=email).count(),
    }


def test_delete_removes_the_person_everything_tied_to_them_and_all_their_sessions(
    client, person, stranger
):
    other_device = Client()
    other_device.post(
        reverse("accounts:login"),
        {"username": "kim@example.com", "password": "wrong"},
        REMOTE_ADDR="10.1.1.1",
    )
    other_device.post(
        reverse("accounts:login"),
        {"username": "kim@example.com", "password": PASSWORD},
        REMOTE_ADDR="10.1.1.1",
    )
    AccessAttempt.objects.create(
        username="kim@example.com",
        ip_address="10.9.9.9",
        user_agent="x",
        failures_since_start=1,
        get_data="",
        post_data="",
        http_accept="",
        path_info="/",
    )
    person_id = person.pk
    expired = Client()
    expired.force_login(person)
    Session.objects.filter(session_key=expired.session.session_key).update(
        expire_date=timezone.now() - timedelta(days=1)
    )
    assert rows_tied_to(person_id, "kim@example.com")["sessions"] == 3

    response = client.post(reverse("accounts:delete_account"), {"password": PASSWORD})

    assert response.url == reverse("stretches:home")
    assert rows_tied_to(person_id, "kim@example.com") == dict.fromkeys(
        ["user", "screening", "answer", "pain report", "completion", "sessions", "axes"], 0
    )
    assert "_auth_user_id" not in client.session
    assert other_device.get(reverse("accounts:profile")).status_code == 302
    assert Screening.objects.filter(user=stranger).count() == 1
    failed = Client().post(
        reverse("accounts:login"), {"username": "kim@example.com", "password": PASSWORD}
    )
    assert failed.status_code == 200


def test_purge_removes_only_expired_anonymous_screenings(routine, settings):
    old = timezone.now() - timedelta(days=settings.SCREENING_RETENTION_DAYS, minutes=1)
    anonymous_browser = Client()
    screen(anonymous_browser, routine)
    anonymous_browser.post(url("routine_stop", routine))
    expired = Screening.objects.get()
    Screening.objects.filter(pk=expired.pk).update(created_at=old)
    PainReport.objects.update(created_at=old)
    screen(Client(), routine)
    recent = Screening.objects.exclude(pk=expired.pk).get()
    account_browser = Client()
    account_browser.force_login(UserFactory())
    screen(account_browser, routine)
    Screening.objects.filter(user__isnull=False).update(created_at=old)

    call_command("purge_screenings", verbosity=0)

    assert set(Screening.objects.values_list("pk", flat=True)) == {
        recent.pk,
        Screening.objects.get(user__isnull=False).pk,
    }
    assert PainReport.objects.count() == 0
    assert ScreeningAnswer.objects.filter(screening_id=expired.pk).count() == 0
