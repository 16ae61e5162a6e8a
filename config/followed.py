"""A value of the shared cache kept in this process, and heard of at once when any server changes it.

Reading a value that changes rarely (the content version) from Redis on every request was the one
round trip of a page answered from the cache, and one of every page made (docs/performance.md).
Here the process subscribes to the value's changes instead: `RedisCache.set_and_announce` sets
it and publishes it in one transaction, so by the time the server that changed it has its
answer, Redis has written the message to every subscriber, and the next request here reads it
from its socket without waiting. Nothing is guessed:

- until the subscription is made and the value read after it, the value is read every time;
- a failed subscription is dropped, and the value read every time until one is made again;
- even a healthy subscription is checked against the value itself once every CONFIRM_SECONDS, so
  a message lost without a broken connection (a network fault Redis never saw) is wrong for at
  most that long.

With a cache that cannot subscribe (the in-process cache of development and tests, the file
cache), the value is simply read every time.
"""

import os
import threading
import time

from config.cache import SubscriptionLost

CONFIRM_SECONDS = 1.0
RETRY_SECONDS = 1.0


class FollowedValue:
    """A string kept for good under `key` in `cache`; `make()` gives a new one when none is there
    (a new, flushed or evicted cache)."""

    def __init__(self, cache, key, make):
        self._cache, self._key, self._make = cache, key, make
        self._lock = threading.Lock()
        self._subscription = self._pid = self._value = None
        self._confirmed_at = self._retry_at = float("-inf")

    def get(self):
        """The value: from this process while it is followed, otherwise read."""
        with self._lock:
            now = time.monotonic()
            if self._following(now) and now - self._confirmed_at < CONFIRM_SECONDS:
                return self._value
            value = self.read()
            if self._subscription is not None:
                # Read after the subscription was made: any later change will be heard.
                self._value, self._confirmed_at = value, now
            return value

    def set(self, value):
        """Set the value on every server; this process follows it from now."""
        # Under the lock: another thread of this process must not read a later change from the
        # subscription between the publishing and this process taking its own value, which
        # would then overwrite the later one until the next confirmation.
        with self._lock:
            if hasattr(self._cache, "set_and_announce"):
                self._cache.set_and_announce(self._key, value)
            else:
                self._cache.set(self._key, value, timeout=None)
            if self._subscription is not None:
                # Its own message follows; the value is current without waiting for it.
                self._value = value

    def read(self):
        """The value as the shared cache has it now."""
        value = self._cache.get(self._key)
        if value is None:
            # add() and not set(): two servers starting at once must agree on one value.
            self._cache.add(self._key, self._make(), timeout=None)
            value = self._cache.get(self._key)
        return value

    def _following(self, now):
        if self._pid != os.getpid():
            # A forked child shares its parent's socket: it must subscribe on its own.
            self._drop(retry_at=float("-inf"))
            self._pid = os.getpid()
        if self._subscription is None:
            self._subscribe(now)
        if self._subscription is None:
            return False
        try:
            for value in self._subscription.messages():
                self._value = value
        except SubscriptionLost:
            self._drop(retry_at=now + RETRY_SECONDS)
            return False
        return self._value is not None

    def _subscribe(self, now):
        if now < self._retry_at or not hasattr(self._cache, "subscribe"):
            return
        try:
            self._subscription = self._cache.subscribe(self._key)
        except SubscriptionLost:
            self._drop(retry_at=now + RETRY_SECONDS)

    def forget(self):
        """Start again from nothing: the cache behind the value was replaced (in tests)."""
        with self._lock:
            if self._subscription is not None:
                self._subscription.close()
            self._drop(retry_at=float("-inf"))

    def _drop(self, *, retry_at):
        self._subscription = self._value = None
        self._confirmed_at = float("-inf")
        self._retry_at = retry_at
