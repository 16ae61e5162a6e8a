"""Django's built-in RedisCache, with a kept client, a one-trip incr, and values announced at once.

Django 6.1's RedisCacheClient.get_client() builds a new `redis.Redis` for every cache operation,
and that constructor alone (its table of ~170 response callbacks) cost more than the rest of a
cached page: 1.5 ms against 0.58 ms for the same page from the in-process cache
(docs/performance.md). The client is thread-safe and its connection pool is Django's own, so
one client per pool is kept. Everything else (serializer, pools, options) is Django's.

`set_and_announce` and `subscribe` let a process keep a value and still hear at once when any
server changes it (`config.followed.FollowedValue`).
"""

import redis
from django.core.cache.backends import redis as django_redis


class SubscriptionLost(Exception):
    """The subscription's connection failed: messages may have been missed."""


class Subscription:
    """A connection of its own, subscribed to one channel, read without waiting."""

    def __init__(self, connection, channel):
        self._connection = connection
        try:
            connection.send_command("SUBSCRIBE", channel)
            # The confirmation: every message published from here on reaches this connection.
            # (Replies to a subscription are pushes in RESP3, redis-py 8's default protocol.)
            connection.read_response(push_request=True)
        except (redis.RedisError, OSError) as error:
            self.close()
            raise SubscriptionLost(error) from error

    def messages(self):
        """Every message received so far, oldest first, without waiting for more."""
        received = []
        try:
            while self._connection.can_read(timeout=0):
                reply = self._connection.read_response(push_request=True)
                # ["message", channel, data]; anything else (a PONG, say) carries no value.
                if isinstance(reply, list) and len(reply) == 3 and reply[0] == b"message":
                    received.append(reply[2].decode())
        except (redis.RedisError, OSError) as error:
            self.close()
            raise SubscriptionLost(error) from error
        return received

    def close(self):
        self._connection.disconnect()


# Django's incr asks EXISTS, then INCRBY: two round trips, and a key that expires between them
# comes back as a count with no timeout. Here both run as one script, in one round trip.
INCR_IF_EXISTS = """
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCRBY', KEYS[1], ARGV[1]) end
return false
"""


class KeptClientRedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._incr_script = None

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if (client := self._clients.get(id(pool))) is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def incr(self, key, delta):
        client = self.get_client(key, write=True)
        if self._incr_script is None:
            # Sent by its SHA once loaded (EVALSHA), and loaded again should Redis restart; run
            # on whichever client it is given.
            self._incr_script = client.register_script(INCR_IF_EXISTS)
        count = self._incr_script(keys=[key], args=[delta], client=client)
        if count is None:
            raise ValueError(f"Key '{key}' not found.")
        return count

    def set_and_announce(self, key, value):
        # One transaction: every subscriber hears the values in the order they were set, so the
        # last message it hears is the value the key holds.
        with self.get_client(key, write=True).pipeline(transaction=True) as pipeline:
            pipeline.set(key, self._serializer.dumps(value))
            pipeline.publish(self._channel(key), value)
            pipeline.execute()

    def subscribe(self, key):
        # The primary, where every change is published; a connection outside the pool, since a
        # subscribed connection can run no other command.
        pool = self._get_connection_pool(write=True)
        connection = pool.connection_class(**pool.connection_kwargs)
        return Subscription(connection, self._channel(key))

    def _channel(self, key):
        # Channels are shared by every database of a Redis server: several Limbers (a test run,
        # the bench) on one server must not hear each other.
        db = self._get_connection_pool(write=True).connection_kwargs.get("db", 0)
        return f"{key}@db{db}"


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = KeptClientRedisCacheClient

    def set_and_announce(self, key, value):
        """Set `key` to the string `value` for good, and publish it to its subscribers."""
        self._cache.set_and_announce(self.make_and_validate_key(key), value)

    def subscribe(self, key):
        """A Subscription to every value `set_and_announce` gives `key` from now on."""
        return self._cache.subscribe(self.make_and_validate_key(key))
