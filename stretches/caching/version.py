"""The content version that every cached page and piece of content is tagged with.

Any change to routine content (a routine, a step or a condition saved or deleted, a routine's
conditions changed: the admin, a workflow transition, a revert and `load_routines` all come down
to these) replaces the version: everything cached is stale at once, on every app server that
shares the cache.
"""

import threading
import uuid

from django.core.cache import cache
from django.core.signals import request_finished, request_started, setting_changed
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from config.followed import FollowedValue
from stretches.models import Contraindication, Routine, Step

CONTENT_VERSION_KEY = "limber:content-version"


def content_version():
    """The current version; a new random one when the cache has none (new, flushed or evicted).

    Asked once per request: the first answer is kept until the request ends (or bumps it). In a
    request, the process follows the version rather than asking the shared cache for it
    (`config.followed`); a worker or a shell reads it every time.
    """
    if (version := this_request.version) is not None:
        return version
    return this_request.remember(_version.get() if this_request.active else _version.read())


def bump_content_version():
    # A random value rather than a counter: a version lost from the cache is never reused, so
    # pages cached under an old one can never come back.
    version = _new_version()
    _version.set(version)
    this_request.remember(version)


def _new_version():
    return uuid.uuid4().hex


_version = FollowedValue(cache, CONTENT_VERSION_KEY, make=_new_version)


class _RequestVersion(threading.local):
    """The content version one request has read, so it asks the shared cache only once.

    Only inside a request: a worker or a shell reads the version every time it asks.
    """

    active = False
    version = None

    def remember(self, version):
        if self.active:
            self.version = version
        return version


this_request = _RequestVersion()


@receiver(setting_changed)
def _cache_replaced(setting, **kwargs):
    # Django builds new caches when CACHES changes (tests): the version followed through the
    # old one is no longer the cache's.
    if setting == "CACHES":
        _version.forget()


@receiver(request_started)
def _request_started(**kwargs):
    this_request.active, this_request.version = True, None


@receiver(request_finished)
def _request_finished(**kwargs):
    this_request.active, this_request.version = False, None


def content_changed():
    """Mark every cached page stale now, and again once the change is committed.

    Now, so the writer's next request sees its change; after the commit, because another
    request may have cached a page from the old rows while the transaction was open.
    """
    bump_content_version()
    transaction.on_commit(bump_content_version)


@receiver(post_save, sender=Routine)
@receiver(post_save, sender=Step)
@receiver(post_save, sender=Contraindication)
@receiver(post_delete, sender=Routine)
@receiver(post_delete, sender=Step)
@receiver(post_delete, sender=Contraindication)
@receiver(m2m_changed, sender=Routine.contraindications.through)
def _on_content_change(sender, **kwargs):
    if kwargs.get("action", "post_").startswith("post_"):
        content_changed()
