"""Sessions read from the cache (config.sessions) still end whenever their row would have."""

import time
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.sessions.backends.base import CreateError, UpdateError
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from config.sessions import SessionStore
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def session_cache():
    return caches[settings.SESSION_CACHE_ALIAS]


def signed_in_browser(person):
    browser = Client()
    browser.post(reverse("accounts:login"), {"username": person.email, "password": PASSWORD})
    key = browser.cookies[settings.SESSION_COOKIE_NAME].value
    assert SessionStore(key).load()["_auth_user_id"] == str(person.pk)
    return browser, key


def test_a_session_is_read_from_the_cache_without_a_query(django_assert_num_queries):
    store = SessionStore()
    store["screening_owner_token"] = "token"
    store.create()

    with django_assert_num_queries(0):
        assert SessionStore(store.session_key).load() == {"screening_owner_token": "token"}


def test_deleting_an_account_signs_out_its_other_sessions_in_the_cache_too(
    client, django_capture_on_commit_callbacks
):
    person = UserFactory(email="kim@example.com", username="kim@example.com")
    other_device, other_key = signed_in_browser(person)
    client.force_login(person)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:delete_account"), {"password": PASSWORD})

    assert session_cache().get(SessionStore.cache_key_prefix + other_key) is None
    assert not Session.objects.filter(session_key=other_key).exists()
    assert SessionStore(other_key).load() == {}
    assert "_auth_user_id" not in other_device.session


def test_deleting_an_account_ends_a_session_whose_key_changed_with_its_password(
    client, django_capture_on_commit_callbacks
):
    person = UserFactory(email="lou@example.com", username="lou@example.com")
    other_device, _ = signed_in_browser(person)
    new_password = "a brand new passphrase 42"
    other_device.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )
    new_key = other_device.cookies[settings.SESSION_COOKIE_NAME].value
    assert SessionStore(new_key).load()["_auth_user_id"] == str(person.pk)
    person.refresh_from_db()  # signed in with the new password's hash
    client.force_login(person)

    with django_capture_on_commit_callbacks(execute=True):
        deleted = client.post(reverse("accounts:delete_account"), {"password": new_password})

    assert deleted.status_code == 302
    assert not type(person).objects.filter(pk=person.pk).exists()
    assert not Session.objects.filter(session_key=new_key).exists()
    assert SessionStore(new_key).load() == {}


def test_ending_sessions_keeps_everyone_elses(django_capture_on_commit_callbacks):
    ended, kept = SessionStore(), SessionStore()
    for store in (ended, kept):
        store["screening_owner_token"] = "token"
        store.create()

    with django_capture_on_commit_callbacks(execute=True):
        SessionStore.end_sessions([ended.session_key])

    assert SessionStore(ended.session_key).load() == {}
    assert SessionStore(kept.session_key).load() == {"screening_owner_token": "token"}


def test_signing_out_ends_the_cached_session(client):
    person = UserFactory(email="kim@example.com", username="kim@example.com")
    browser, key = signed_in_browser(person)

    browser.post(reverse("accounts:logout"))

    assert session_cache().get(SessionStore.cache_key_prefix + key) is None
    assert SessionStore(key).load() == {}


def test_no_cached_copy_outlives_its_session_and_clearsessions_removes_the_row():
    store = SessionStore()
    store["screening_owner_token"] = "token"
    store.set_expiry(1)
    store.create()

    time.sleep(1.1)
    call_command("clearsessions")

    assert not Session.objects.filter(session_key=store.session_key).exists()
    assert session_cache().get(SessionStore.cache_key_prefix + store.session_key) is None
    assert SessionStore(store.session_key).load() == {}


@pytest.mark.django_db(transaction=True)
def test_a_new_session_is_one_statement_and_one_cached_copy(django_assert_num_queries):
    store = SessionStore()
    store["screening_owner_token"] = "token"
    cache_writes = mock.patch.object(session_cache(), "set", wraps=session_cache().set)

    # Django counts BEGIN and COMMIT as queries: outside a transaction the INSERT commits alone.
    with django_assert_num_queries(1), cache_writes as cache_set:
        store.save()

    cache_set.assert_called_once()
    assert Session.objects.get(session_key=store.session_key).get_decoded() == {
        "screening_owner_token": "token"
    }
    assert SessionStore(store.session_key).load() == {"screening_owner_token": "token"}


def test_a_key_taken_inside_a_transaction_is_refused_and_the_transaction_goes_on():
    taken = SessionStore()
    taken.create()
    store = SessionStore(taken.session_key)
    store["screening_owner_token"] = "token"

    with transaction.atomic():
        with pytest.raises(CreateError):
            store.save(must_create=True)
        # The refused INSERT was rolled back to its savepoint, not the whole transaction.
        assert Session.objects.filter(session_key=taken.session_key).exists()

    assert SessionStore(taken.session_key).load() == {}


def test_saving_a_session_that_ended_elsewhere_is_refused():
    store = SessionStore()
    store.create()
    Session.objects.filter(session_key=store.session_key).delete()
    store["screening_owner_token"] = "token"

    with pytest.raises(UpdateError):
        store.save()
