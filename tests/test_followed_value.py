"""A value followed through Redis (config.followed): heard at once, never trusted blindly.

Each FollowedValue here has a RedisCache of its own, as two app servers would, on the suite's
Redis database (tests/conftest.py).
"""

import threading
import time

import pytest
import redis
from django.core.cache.backends.locmem import LocMemCache
from django.test import Client

from config import followed
from config.cache import RedisCache
from config.followed import FollowedValue
from stretches.caching.version import CONTENT_VERSION_KEY
from stretches.models import Routine
from tests.conftest import TEST_REDIS_URL as REDIS_URL
from tests.factories import routine_with_steps

KEY = "test:followed"


@pytest.fixture
def redis_db():
    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    yield client
    client.flushdb()


def server_cache():
    return RedisCache(REDIS_URL, {})


@pytest.fixture
def followed_value():
    """Makes FollowedValues, each on a cache of its own; their subscriptions end with the test."""
    made = []

    def make(cache=None):
        made.append(FollowedValue(cache or server_cache(), KEY, make=lambda: "first"))
        return made[-1]

    yield make
    for value in made:
        value.forget()


def refuse_to_read(value, monkeypatch):
    def read():
        raise AssertionError("the value was read from the shared cache")

    monkeypatch.setattr(value, "read", read)


def soon(value, expected):
    """The value, asked until it is `expected` (a message takes microseconds to arrive)."""
    for _ in range(200):
        if (found := value.get()) == expected:
            return found
        time.sleep(0.005)
    return found


def test_a_change_on_one_server_is_heard_on_the_other_without_asking(
    redis_db, monkeypatch, followed_value
):
    one, other = followed_value(), followed_value()
    assert other.get() == "first"  # subscribes, then reads the value once
    refuse_to_read(other, monkeypatch)

    one.set("second")

    assert soon(other, "second") == "second"
    assert other.get() == "second"


def test_the_server_that_changes_it_follows_its_own_change_at_once(
    redis_db, monkeypatch, followed_value
):
    value = followed_value()
    value.get()
    refuse_to_read(value, monkeypatch)

    value.set("second")

    assert value.get() == "second"


def test_changes_are_heard_in_the_order_they_were_made(redis_db, monkeypatch, followed_value):
    monkeypatch.setattr(followed, "CONFIRM_SECONDS", 60)  # heard, or not known at all
    one, other = followed_value(), followed_value()
    other.get()

    for n in range(20):
        one.set(f"change {n}")

    assert soon(other, "change 19") == "change 19"
    assert server_cache().get(KEY) == "change 19"


def test_a_change_made_without_a_message_is_read_within_the_confirmation_time(
    redis_db, monkeypatch, followed_value
):
    monkeypatch.setattr(followed, "CONFIRM_SECONDS", 0.2)
    value = followed_value()
    value.get()

    server_cache().set(KEY, "changed quietly", timeout=None)

    assert value.get() == "first"  # followed, and nothing was heard
    time.sleep(0.25)
    assert value.get() == "changed quietly"


def test_a_lost_subscription_is_never_trusted_and_is_made_again(
    redis_db, monkeypatch, followed_value
):
    monkeypatch.setattr(followed, "RETRY_SECONDS", 0.2)
    value = followed_value()
    value.get()
    assert redis_db.client_kill_filter(_type="pubsub") >= 1
    # Changed while nobody listens: only reading the value can tell.
    server_cache().set(KEY, "changed unheard", timeout=None)

    assert value.get() == "changed unheard"

    time.sleep(0.25)
    assert value.get() == "changed unheard"  # subscribed again, and read once after it
    refuse_to_read(value, monkeypatch)
    followed_value().set("heard again")
    assert soon(value, "heard again") == "heard again"


def test_a_forked_process_subscribes_on_its_own(redis_db, monkeypatch, followed_value):
    value = followed_value()
    value.get()
    followed_value().set("second")
    channel = f"{server_cache().make_key(KEY)}@db13"
    subscribers = redis_db.pubsub_numsub(channel)[0][1]
    # The parent process goes on holding its subscription. Without this reference the dropped
    # object could be collected mid-test, and redis-py would end the shared connection (it
    # spares a real fork's parent by its own pid check, which this pretend fork does not pass).
    parents_subscription = value._subscription
    monkeypatch.setattr(followed.os, "getpid", lambda: -1)

    try:
        # Its parent's socket and value are not its own: it subscribes again and reads the value.
        assert value.get() == "second"
        assert redis_db.pubsub_numsub(channel)[0][1] == subscribers + 1
    finally:
        parents_subscription.close()


def test_when_redis_is_away_the_value_is_read_and_fails_as_a_read_would():
    value = FollowedValue(RedisCache("redis://127.0.0.1:1/0", {}), KEY, make=lambda: "first")

    with pytest.raises(redis.ConnectionError):
        value.get()


def test_a_cache_that_cannot_subscribe_is_read_every_time(followed_value):
    cache = LocMemCache("followed-test", {})
    value = followed_value(cache)
    assert value.get() == "first"

    cache.set(KEY, "second", timeout=None)

    assert value.get() == "second"


def test_servers_on_other_redis_databases_are_not_heard(redis_db, monkeypatch, followed_value):
    value = followed_value()
    value.get()
    refuse_to_read(value, monkeypatch)

    FollowedValue(RedisCache("redis://127.0.0.1:6379/12", {}), KEY, make=str).set("elsewhere")
    time.sleep(0.05)

    assert value.get() == "first"
    redis.Redis.from_url("redis://127.0.0.1:6379/12").delete(server_cache().make_key(KEY))


@pytest.mark.django_db
@pytest.mark.usefixtures("redis_cache", "general_red_flag")
def test_a_public_page_asked_again_sends_nothing_to_redis(monkeypatch):
    monkeypatch.setattr(followed, "CONFIRM_SECONDS", 60)  # no confirming read mid-test
    path = routine_with_steps(title="Chair twist").get_absolute_url()
    first = Client().get(path)
    sent = []
    send = redis.connection.AbstractConnection.send_packed_command

    def counted(connection, command, *args, **kwargs):
        sent.append(command)
        return send(connection, command, *args, **kwargs)

    monkeypatch.setattr(redis.connection.AbstractConnection, "send_packed_command", counted)
    second = Client().get(path)

    assert second.status_code == 200
    assert second.templates == []  # the stored page
    assert second.content == first.content
    assert sent == []


@pytest.mark.django_db
@pytest.mark.usefixtures("redis_cache", "general_red_flag")
def test_a_content_change_on_another_server_is_seen_by_the_next_requests(monkeypatch):
    monkeypatch.setattr(followed, "CONFIRM_SECONDS", 60)  # heard, or not seen at all
    routine = routine_with_steps(title="Chair twist")
    path = routine.get_absolute_url()
    Client().get(path)
    assert Client().get(path).templates == []  # stored, and followed here
    # A change this process's signals never see, announced by another server.
    Routine.objects.filter(pk=routine.pk).update(title="Seated twist")

    FollowedValue(server_cache(), CONTENT_VERSION_KEY, make=str).set("changed there")

    for _ in range(200):
        if b"Seated twist" in (page := Client().get(path)).content:
            break
        time.sleep(0.005)
    assert b"Seated twist" in page.content


def test_a_later_change_heard_while_this_process_sets_its_own_is_kept(
    redis_db, monkeypatch, followed_value
):
    monkeypatch.setattr(followed, "CONFIRM_SECONDS", 60)  # heard, or not known at all
    value, another_server = followed_value(), followed_value()
    value.get()
    announce = value._cache.set_and_announce
    other_thread = []

    def announce_then_another_change(key, new):
        announce(key, new)
        another_server.set("changed after")
        # Another request of this process asks meanwhile; it must not read the later change
        # before this process has taken its own.
        other_thread.append(threading.Thread(target=value.get))
        other_thread[0].start()
        other_thread[0].join(timeout=0.2)

    monkeypatch.setattr(value._cache, "set_and_announce", announce_then_another_change)
    value.set("changed here")
    other_thread[0].join()
    refuse_to_read(value, monkeypatch)

    assert soon(value, "changed after") == "changed after"
