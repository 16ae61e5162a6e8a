import gzip
import re
from datetime import timedelta
from pathlib import Path

import django.contrib.auth
import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from stretches.models import PainReport, Screening
from tests.factories import PASSWORD, UserFactory, routine_with_steps
from tests.helpers import screen, url

pytestmark = pytest.mark.django_db

SIGNUP_URL = reverse("accounts:signup")
LOGIN_URL = reverse("accounts:login")


def sign_up(client, email="sam@example.com", password=PASSWORD, password2=None):
    return client.post(
        SIGNUP_URL, {"email": email, "password1": password, "password2": password2 or password}
    )


def confirmation_link(email_message):
    return re.search(r"https?://[^/\s]+(/account/signup/confirm/\S+/)", email_message.body).group(1)


def sign_in(client, email, password=PASSWORD, address="10.0.0.1"):
    return client.post(LOGIN_URL, {"username": email, "password": password}, REMOTE_ADDR=address)


def a_common_long_password():
    """A password of 12+ characters from Django's own list of common passwords."""
    path = Path(django.contrib.auth.__file__).parent / "common-passwords.txt.gz"
    with gzip.open(path, "rt") as passwords:
        return next(line.strip() for line in passwords if len(line.strip()) >= 12)


def test_sign_up_emails_a_link_that_confirms_the_account_and_signs_in(client, mailoutbox):
    response = sign_up(client, email="Sam@Example.com")

    assert response.url == reverse("accounts:signup_sent")
    user = User.objects.get()
    assert (user.email, user.username, user.is_active) == (
        "sam@example.com",
        "sam@example.com",
        False,
    )
    assert "_auth_user_id" not in client.session
    [email] = mailoutbox
    assert (email.to, email.subject) == (["sam@example.com"], "Confirm your Limber account")
    link = confirmation_link(email)
    assert b"Confirm my account" in client.get(link).content
    assert User.objects.get().is_active is False  # following the link alone changes nothing

    confirmed = client.post(link)

    assert confirmed.url == reverse("accounts:profile")
    assert int(client.session["_auth_user_id"]) == user.pk
    assert User.objects.get().is_active is True
    assert b"Signed in as <strong>sam@example.com</strong>" in client.get(confirmed.url).content
    assert client.post(link).status_code == 400  # the link works once


@pytest.mark.parametrize("existing", ["sam@example.com", "SAM@example.COM"])
def test_a_taken_email_gets_the_same_answer_and_its_owner_an_email(client, existing, mailoutbox):
    UserFactory(email=existing, username=existing)

    response = sign_up(client, email="Sam@example.com")

    assert response.url == reverse("accounts:signup_sent")
    assert User.objects.count() == 1
    [email] = mailoutbox
    assert email.subject == "Someone tried to create a Limber account with your email"
    assert reverse("accounts:password_reset") in email.body


def test_a_second_sign_up_before_confirming_replaces_the_password(client, mailoutbox):
    sign_up(client, password="first passphrase of mine")
    sign_up(client, password="second passphrase of mine")

    user = User.objects.get()
    assert user.check_password("second passphrase of mine")
    assert [email.subject for email in mailoutbox] == ["Confirm your Limber account"] * 2


@pytest.mark.parametrize(
    "link", ["/account/signup/confirm/MQ/bad-token/", "/account/signup/confirm/%C3%A9/x-y/"]
)
def test_a_forged_confirmation_link_is_refused_and_changes_nothing(client, link):
    sign_up(client)

    response = client.post(link)

    assert response.status_code == 400
    assert b"This link no longer works" in response.content
    assert User.objects.get().is_active is False


@pytest.mark.parametrize(
    ("password", "password2", "field", "message"),
    [
        (
            PASSWORD,
            "something else entirely",
            "password2",
            "The two password fields didn\u2019t match.",
        ),
        ("short pass", None, "password2", "This password is too short."),
        (None, None, "password2", "This password is too common."),
        ("sam.example.com", None, "password2", "The password is too similar to the"),
    ],
)
def test_weak_or_mismatched_passwords_are_refused(client, password, password2, field, message):
    response = sign_up(client, password=password or a_common_long_password(), password2=password2)

    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert User.objects.count() == 0


def test_a_long_passphrase_is_accepted(client):
    passphrase = "correct horse battery staple " * 4

    sign_up(client, password=passphrase)

    assert len(passphrase) > 64
    assert User.objects.get().check_password(passphrase)


def test_an_over_long_email_gets_a_message_not_an_error_page(client):
    response = sign_up(client, email=("x" * 250) + "@example.com")

    assert response.status_code == 200
    assert response.context["form"].has_error("email")
    assert User.objects.count() == 0


def test_sign_in_with_the_email_in_any_case_rotates_the_session_key(client):
    UserFactory(email="kim@example.com", username="kim@example.com")
    client.get(LOGIN_URL)
    client.session.save()
    key_before = client.session.session_key

    response = sign_in(client, "KIM@example.com")

    assert response.url == reverse("accounts:profile")
    assert client.session.session_key != key_before
    assert "_auth_user_id" in client.session


def test_a_wrong_password_says_so_and_signs_nobody_in(client):
    UserFactory(email="kim@example.com", username="kim@example.com")

    response = sign_in(client, "kim@example.com", "not the password")

    assert response.status_code == 200
    assert b"That email and password don&#x27;t match an account." in response.content
    assert "_auth_user_id" not in client.session


def test_five_failures_lock_that_email_from_that_address_for_fifteen_minutes(client):
    UserFactory(email="kim@example.com", username="kim@example.com")
    for _ in range(5):
        sign_in(client, "kim@example.com", "wrong password")

    locked = sign_in(client, "Kim@Example.com")

    assert locked.status_code == 429
    assert b"Too many sign-in attempts" in locked.content
    assert "_auth_user_id" not in client.session
    assert sign_in(client, "kim@example.com", address="10.0.0.2").status_code == 302

    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    client.logout()
    assert sign_in(client, "kim@example.com").status_code == 302


def test_a_lockout_does_not_touch_other_emails_from_the_same_address(client):
    UserFactory(email="kim@example.com", username="kim@example.com")
    UserFactory(email="lee@example.com", username="lee@example.com")
    for _ in range(5):
        sign_in(client, "kim@example.com", "wrong password")

    assert sign_in(client, "lee@example.com").status_code == 302


def test_sign_out_is_post_only(client):
    client.force_login(UserFactory())

    assert client.get(reverse("accounts:logout")).status_code == 405
    assert "_auth_user_id" in client.session
    assert client.post(reverse("accounts:logout")).url == reverse("stretches:home")
    assert "_auth_user_id" not in client.session


def test_screenings_made_before_sign_in_are_adopted_into_the_account(client, conditions):
    routine = routine_with_steps(contraindications=[conditions["osteopenia"]])
    user = UserFactory(email="kim@example.com", username="kim@example.com")
    screen(client, routine)
    client.post(url("routine_stop", routine), {"step": "1"})

    sign_in(client, "kim@example.com")

    assert list(Screening.objects.values_list("user", "session_token")) == [(user.pk, "")]
    assert list(PainReport.objects.values_list("user", flat=True)) == [user.pk]
    assert "screening_owner_token" not in client.session


def test_screenings_made_before_sign_up_are_adopted_into_the_new_account(
    client, conditions, mailoutbox
):
    routine = routine_with_steps(contraindications=[conditions["osteopenia"]])
    screen(client, routine)

    sign_up(client)
    client.post(confirmation_link(mailoutbox[0]))

    assert Screening.objects.get().user == User.objects.get()


def test_someone_elses_session_screenings_are_not_adopted(client, conditions):
    routine = routine_with_steps(contraindications=[conditions["osteopenia"]])
    stranger = Client()
    screen(stranger, routine)
    UserFactory(email="kim@example.com", username="kim@example.com")

    sign_in(client, "kim@example.com")

    assert Screening.objects.get().user is None


def test_navigation_shows_who_is_signed_in_and_links_to_their_page(client):
    client.force_login(UserFactory(email="kim@example.com"))

    content = client.get(reverse("stretches:home")).content.decode()

    assert "kim@example.com</a>" in content
    assert reverse("accounts:profile") in content
    assert "Sign out" in content


def test_an_email_longer_than_a_username_can_hold_is_refused_cleanly(client):
    long_but_valid = ("x" * 64) + "@" + ("d" * 60) + "." + ("e" * 60) + ".com"

    response = sign_up(client, email=long_but_valid)

    assert len(long_but_valid) > 150
    assert response.status_code == 200
    assert response.context["form"].has_error("email", code="max_length")
    assert User.objects.count() == 0
