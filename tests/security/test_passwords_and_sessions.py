"""Findings 4 and the hash cost: Argon2id with upgrades, and deletion that scales."""

import pytest
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PRODUCTION_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]


def test_new_passwords_are_hashed_with_argon2id(settings):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS

    assert make_password(PASSWORD).startswith("argon2$argon2id$")


def test_an_old_pbkdf2_hash_is_upgraded_to_argon2id_at_sign_in(client, settings):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    user = UserFactory(email="kim@example.com", username="kim@example.com")
    User.objects.filter(pk=user.pk).update(password=make_password(PASSWORD, hasher="pbkdf2_sha256"))

    client.post(reverse("accounts:login"), {"username": "kim@example.com", "password": PASSWORD})

    assert User.objects.get(pk=user.pk).password.startswith("argon2$argon2id$")


def test_deleting_an_account_among_100000_sessions_takes_a_bounded_number_of_queries(
    client, django_assert_max_num_queries
):
    expires = timezone.now() + timezone.timedelta(days=1)
    Session.objects.bulk_create(
        (
            Session(session_key=f"other{n:035d}", session_data="e30:", expire_date=expires)
            for n in range(100_000)
        ),
        batch_size=5_000,
    )
    person = UserFactory(email="kim@example.com", username="kim@example.com")
    other_device = Client()
    other_device.force_login(person)
    client.force_login(person)

    # Bounded, not minimal: each kind of personal data costs a query or two (36 leaves room for
    # one more kind); what must never happen is one query per session.
    with django_assert_max_num_queries(36):
        response = client.post(reverse("accounts:delete_account"), {"password": PASSWORD})

    assert response.url == reverse("stretches:home")
    assert Session.objects.count() == 100_000
    assert other_device.get(reverse("accounts:profile")).status_code == 302
