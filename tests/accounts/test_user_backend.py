"""The signed-in person, read by accounts.backends.UserBackend: the same User as the ORM's."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth import SESSION_KEY
from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.backends import UserBackend, read_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(django_user_model):
    return django_user_model.objects.create_user(
        username="ana@example.com",
        email="ana@example.com",
        password="a long enough password",
        first_name="Ana",
        last_login=datetime(2026, 3, 29, 1, 30, 15, 123456, tzinfo=UTC),
    )


def test_read_user_gives_every_field_as_the_orm_reads_it(person, django_user_model):
    from_orm = django_user_model.objects.get(pk=person.pk)

    read = read_user(person.pk)

    assert type(read) is django_user_model
    assert model_to_dict(read) == model_to_dict(from_orm)
    # Types too: SQLite returns datetimes as text and booleans as integers before conversion.
    assert read.last_login == datetime(2026, 3, 29, 1, 30, 15, 123456, tzinfo=UTC)
    assert read.date_joined == from_orm.date_joined
    assert read.is_active is True
    assert read.is_staff is False
    assert read._state.adding is False
    assert read._state.db == "default"


def test_read_user_is_one_statement(person):
    read_user(person.pk)  # compiled on first use

    with CaptureQueriesContext(connection) as queries:
        read_user(person.pk)

    assert len(queries) == 1
    assert "WHERE" in queries[0]["sql"]


def test_a_missing_user_reads_as_none(person):
    assert read_user(person.pk + 1000) is None
    assert UserBackend().get_user(person.pk + 1000) is None


def test_an_inactive_user_is_not_signed_in(person):
    person.is_active = False
    person.save()

    assert UserBackend().get_user(person.pk) is None


def test_a_signed_in_request_gets_the_person_from_the_backend(client, person):
    client.force_login(person, backend="accounts.backends.UserBackend")

    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 200
    assert response.wsgi_request.user == person
    assert client.session[SESSION_KEY] == str(person.pk)


def test_signing_in_with_the_form_stores_this_backend(client, person):
    response = client.post(
        reverse("accounts:login"),
        {"username": "ana@example.com", "password": "a long enough password"},
    )

    assert response.status_code == 302
    assert client.session["_auth_user_backend"] == "accounts.backends.UserBackend"


def test_a_password_changed_elsewhere_still_signs_the_session_out(client, person):
    client.force_login(person, backend="accounts.backends.UserBackend")
    person.set_password("another long password")
    person.save()

    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 302
    assert response.wsgi_request.user.is_anonymous


def test_deactivating_the_account_signs_the_session_out(client, person):
    client.force_login(person, backend="accounts.backends.UserBackend")
    type(person).objects.filter(pk=person.pk).update(is_active=False)

    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 302
    assert response.wsgi_request.user.is_anonymous
