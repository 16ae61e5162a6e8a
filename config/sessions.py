"""Sessions kept in the shared cache and written through to the database.

Every gated page (the steps, the screening) reads its session to know whose answers count; from
PostgreSQL that was a query on every request (docs/performance.md). Django's cached_db engine
reads from the cache (Redis in production, shared by every app server) and falls back to the
row, and writes both.

Ending a session by deleting its row alone would leave its cached copy signed in until it
expired, so sessions are ended only through this store: `end_sessions()` for someone else's
(account deletion), `flush()` for the request's own (sign-out). `clearsessions` needs nothing
more: a cached copy is kept only as long as its session lives.
"""

from contextlib import nullcontext

from django.conf import settings
from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.backends.base import VALID_KEY_CHARS, CreateError, UpdateError
from django.core.cache import caches
from django.db import DatabaseError, IntegrityError, connections, router, transaction
from django.utils.crypto import get_random_string


class SessionStore(cached_db.SessionStore):
    def _get_new_session_key(self):
        # A new session (every visitor's first screening) cost a SELECT for its random key
        # before the INSERT. The INSERT is made with must_create, so the primary key refuses a
        # key that is taken and Django tries another: the SELECT only ever guarded against a
        # collision of 32 random characters, which the INSERT guards against as well.
        return get_random_string(32, VALID_KEY_CHARS)

    def save(self, must_create=False):
        """Django's cached_db save, with two round trips fewer for a new session.

        - A new session is written by `create()`, which saves with must_create and so writes
          the row and the cached copy; cached_db then wrote the cached copy a second time.
        - The row's one statement ran in a transaction of its own (BEGIN and COMMIT round trips
          around it), kept only so that a refused INSERT cannot spoil a transaction around it.
          In autocommit, the statement commits alone, as any statement does.

        The async `asave` stays Django's: nothing in Limber saves a session asynchronously.
        """
        if self.session_key is None:
            return self.create()
        self._save_row(must_create)
        try:
            self._cache.set(self.cache_key, self._session, self.get_expiry_age())
        except Exception:
            cached_db.logger.exception("Error saving to cache (%s)", self._cache)

    def _save_row(self, must_create):
        # django.contrib.sessions.backends.db.SessionStore.save, with its atomic block (a
        # savepoint) only where a transaction is open, by `atomic` or by hand.
        data = self._get_session(no_load=must_create)
        obj = self.create_model_instance(data)
        using = router.db_for_write(self.model, instance=obj)
        in_transaction = not connections[using].get_autocommit()
        try:
            with transaction.atomic(using=using) if in_transaction else nullcontext():
                obj.save(force_insert=must_create, force_update=not must_create, using=using)
        except IntegrityError as error:
            if must_create:
                raise CreateError from error
            raise
        except DatabaseError as error:
            if not must_create:
                raise UpdateError from error
            raise

    @classmethod
    def end_sessions(cls, session_keys):
        """Sign these sessions out wherever they are: their rows and their cached copies."""
        session_keys = list(session_keys)
        if not session_keys:
            return
        cls.get_model_class().objects.filter(session_key__in=session_keys).delete()
        cache_keys = [cls.cache_key_prefix + key for key in session_keys]
        # After the rows are gone for everyone: a copy deleted while the deletion was still
        # uncommitted could be read back from the row by a request on that session.
        transaction.on_commit(lambda: caches[settings.SESSION_CACHE_ALIAS].delete_many(cache_keys))
