"""Django's database sessions, without asking the database whether a new key is taken.

A new session (every visitor's first screening) cost a SELECT for its random key before the
INSERT (docs/performance.md). The INSERT is made with must_create, so the primary key refuses a
key that is taken and Django tries another: the SELECT only ever guarded against a collision of
32 random characters, which the INSERT guards against as well.
"""

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.utils.crypto import get_random_string


class SessionStore(db.SessionStore):
    def _get_new_session_key(self):
        return get_random_string(32, VALID_KEY_CHARS)
