"""config.cache.RedisCache's incr: Django's answers, in one round trip (the throttles count with it)."""

from unittest import mock

import pytest
import redis
from django.core.cache import cache
from django.urls import reverse

from tests.conftest import TEST_REDIS_URL

pytestmark = pytest.mark.usefixtures("redis_cache")


def redis_commands():
    """A spy on every command the cache's clients send."""
    return mock.patch.object(
        redis.Redis, "execute_command", autospec=True, side_effect=redis.Redis.execute_command
    )


def test_incr_counts_up_in_one_round_trip():
    cache.set("count", 1)
    # A Redis that never ran the script first answers NOSCRIPT and is sent it (SCRIPT LOAD).
    assert cache.incr("count") == 2

    with redis_commands() as sent:
        assert cache.incr("count", 5) == 7
        assert cache.incr("count") == 8

    assert [call.args[1] for call in sent.call_args_list] == ["EVALSHA", "EVALSHA"]
    assert cache.get("count") == 8


def test_incr_of_a_missing_key_raises_as_djangos_does_and_makes_no_key():
    with pytest.raises(ValueError, match="not found"):
        cache.incr("missing")

    assert cache.get("missing") is None


def test_incr_keeps_the_keys_timeout():
    # A throttle's count must expire with its window.
    cache.set("count", 1, timeout=60)

    cache.incr("count")

    client = redis.Redis.from_url(TEST_REDIS_URL)
    assert 0 < client.ttl(cache.make_key("count")) <= 60


def test_incr_works_again_after_redis_forgets_its_scripts():
    cache.set("count", 1)
    cache.incr("count")
    # Scripts belong to the whole server, not one database: another Limber sharing it (the
    # bench, the topology test) loads its copy again the same way.
    redis.Redis.from_url(TEST_REDIS_URL).script_flush()

    assert cache.incr("count") == 3


@pytest.mark.django_db
def test_a_throttle_on_redis_stops_at_its_limit(client, settings):
    settings.THROTTLES = {**settings.THROTTLES, "password_reset_per_address": "2/h"}
    reset = reverse("accounts:password_reset")

    answers = [client.post(reset, {"email": "kim@example.com"}).status_code for _ in range(4)]

    assert answers == [302, 302, 429, 429]
