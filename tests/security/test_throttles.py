"""Finding 1: no throttles. Each limit answers 429 with the friendly page and changes nothing."""

import pytest
from django.urls import reverse

from accounts.models import User
from stretches.models import Screening
from tests.factories import PASSWORD, UserFactory, routine_with_steps
from tests.helpers import answers_for, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def tight_throttles(settings):
    settings.THROTTLES = {**settings.THROTTLES} | dict.fromkeys(settings.THROTTLES, "2/h")


def test_password_reset_for_one_address_sends_at_most_the_limit_of_emails(
    client, tight_throttles, mailoutbox
):
    UserFactory(email="kim@example.com", username="kim@example.com")
    reset = reverse("accounts:password_reset")

    answers = [client.post(reset, {"email": "kim@example.com"}).status_code for _ in range(5)]

    assert answers == [302, 302, 429, 429, 429]
    assert len(mailoutbox) == 2


def test_a_throttled_request_gets_the_friendly_page_with_retry_after(client, tight_throttles):
    reset = reverse("accounts:password_reset")
    for _ in range(2):
        client.post(reset, {"email": "kim@example.com"})

    response = client.post(reset, {"email": "kim@example.com"})

    assert response.status_code == 429
    assert b"Too many tries" in response.content
    assert b"Nothing was changed or sent." in response.content
    assert response["Retry-After"] == "600"


def test_sign_ups_from_one_address_stop_at_the_limit(client, tight_throttles):
    for n in range(4):
        client.post(
            reverse("accounts:signup"),
            {"email": f"new{n}@example.com", "password1": PASSWORD, "password2": PASSWORD},
        )

    assert User.objects.count() == 2


def test_sign_ins_sprayed_over_many_emails_from_one_address_are_throttled(client, tight_throttles):
    answers = [
        client.post(
            reverse("accounts:login"), {"username": f"person{n}@example.com", "password": "x"}
        ).status_code
        for n in range(4)
    ]

    assert answers == [200, 200, 429, 429]


def test_sign_ins_for_one_email_from_many_addresses_are_throttled(client, tight_throttles):
    answers = [
        client.post(
            reverse("accounts:login"),
            {"username": "kim@example.com", "password": "x"},
            REMOTE_ADDR=f"10.0.0.{n}",
        ).status_code
        for n in range(1, 5)
    ]

    assert answers == [200, 200, 429, 429]


def test_screening_posts_from_one_address_are_throttled_and_store_nothing_more(
    client, conditions, tight_throttles
):
    routine = routine_with_steps(contraindications=[conditions["osteopenia"]])
    target = url("screening", routine) + "?retake=1"

    answers = [client.post(target, answers_for(routine)).status_code for _ in range(3)]

    assert answers == [302, 302, 429]
    assert Screening.objects.count() == 2


def test_the_limits_are_named_in_settings(settings):
    assert set(settings.THROTTLES) == {
        "sign_in_per_address",
        "sign_in_per_email",
        "sign_up_per_address",
        "sign_up_per_email",
        "password_reset_per_address",
        "password_reset_per_email",
        "screening_per_address",
    }
