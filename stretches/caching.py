"""Anonymous public pages served whole from the shared cache, keyed by a content version.

A page is the same for every visitor who is not signed in and has no message waiting, so one
rendering can serve them all. Any change to routine content (a routine, a step or a condition
saved or deleted, a routine's conditions changed: the admin, a workflow transition, a revert and
`load_routines` all come down to these) replaces the content version, which every stored page
is tagged with: all pages are stale at once, on every app server that shares the cache.

Nothing personal is ever stored: a response is kept only when it was made for an anonymous
visitor with no messages, set no cookie and used no CSRF token (a page with a form carries a
token bound to one browser).
"""

import hashlib
import pickle
import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass, replace
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.paginator import Paginator
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe

from stretches.models import Contraindication, Routine, Step
from stretches.shortcuts import published_routine_or_404

CONTENT_VERSION_KEY = "limber:content-version"
ROUTINE_CARD_TEMPLATE = "includes/_routine_card.html"


def content_version():
    """The current version; a random one when the cache has none (new, flushed or evicted).

    Asked once per request: the first answer is kept until the request ends (or bumps it).
    """
    if (version := _this_request.version) is not None:
        return version
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        # add() and not set(): two servers starting at once must agree on one version.
        cache.add(CONTENT_VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(CONTENT_VERSION_KEY)
    return _this_request.remember(version)


def bump_content_version():
    # A random value rather than a counter: a version lost from the cache is never reused, so
    # pages cached under an old one can never come back.
    version = uuid.uuid4().hex
    cache.set(CONTENT_VERSION_KEY, version, timeout=None)
    _this_request.remember(version)


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


_this_request = _RequestVersion()


@receiver(request_started)
def _request_started(**kwargs):
    _this_request.active, _this_request.version = True, None


@receiver(request_finished)
def _request_finished(**kwargs):
    _this_request.active, _this_request.version = False, None


class _ProcessContent:
    """Content kept in this process too, tagged with its content version (least recently used
    dropped first). The version is still read from the shared cache once per request, so a
    change made on any server is seen here at once; only the round trips for content that has
    not changed are saved (on the list, four of its five: docs/performance.md).
    """

    def __init__(self, size):
        self.size = size
        self.entries = OrderedDict()

    def get(self, key, version):
        entry = self.entries.get(key)
        if entry is None or entry[0] != version:
            return None
        self.entries.move_to_end(key)
        return entry[1]

    def set(self, key, version, value):
        self.entries[key] = (version, value)
        self.entries.move_to_end(key)
        while len(self.entries) > self.size:
            self.entries.popitem(last=False)


_process_content = _ProcessContent(size=4096)


def _content(key, build, *, copied=False):
    """What `build()` returns for the current content version, from this process, the shared
    cache or `build()` itself. With `copied`, each caller gets its own copy (model instances)."""
    version = content_version()
    value = _process_content.get(key, version)
    if value is None:
        stored_version, value = cache.get(key, (None, None))
        if stored_version != version:
            value = build()
            cache.set(key, (version, value), settings.PUBLIC_PAGE_CACHE_SECONDS)
        _process_content.set(key, version, pickle.dumps(value) if copied else value)
        return value
    return pickle.loads(value) if copied else value


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


def cache_public_page(view):
    """Serve `view` from the cache to anonymous visitors; everyone else gets it freshly made.

    Visitors with no cookie are answered by PublicPageCacheMiddleware before the view is even
    found; this serves the others (an anonymous visitor with a session, say) and marks what may
    be stored.
    """

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if not _may_share_with(request):
            return view(request, *args, **kwargs)
        lookup = getattr(request, "public_page_lookup", None)
        if lookup is None:
            # One round trip for the version and the page: the page is stored with the version
            # it was made under, and served only while that version is still current.
            lookup = _look_up(request)
            if lookup.content is not None:
                return HttpResponse(lookup.content, content_type=lookup.headers["Content-Type"])
        response = view(request, *args, **kwargs)

        def store(response):
            if _is_shareable(request, response):
                if hasattr(request, "public_page_lookup"):
                    # The middleware stores it with the headers the rest of the stack adds.
                    response.public_page = lookup
                else:
                    lookup.store(response.content, {"Content-Type": response["Content-Type"]})

        if getattr(response, "is_rendered", True):
            store(response)
        else:
            # A TemplateResponse is rendered after the view returns; keep what it renders.
            response.add_post_render_callback(store)
        return response

    cached_view.public_page = True
    return cached_view


class PublicPageCacheMiddleware:
    """A stored public page for a visitor with no cookie, before any other work is done.

    Placed before the session, authentication and message middleware: a GET with neither a
    session nor a messages cookie comes from an anonymous visitor with nothing waiting, so it
    needs none of them to be answered from the cache. Setting them up, asking for the user and
    the messages, then CSRF, CSP and the rest, was a third of a cached page (docs/performance.md).
    The page is stored with the headers the whole stack gave it, so a page answered here is the
    page answered after it, byte for byte and header for header.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.public_page_lookup = None
        if _may_answer_early(request):
            lookup = request.public_page_lookup = _look_up(request)
            if lookup.content is not None:
                response = HttpResponse(lookup.content)
                for name, value in lookup.headers.items():
                    response[name] = value
                return response
        response = self.get_response(request)
        lookup = getattr(response, "public_page", None)
        # Checked again here: the session or messages middleware could have set a cookie since.
        if lookup is not None and not response.cookies:
            lookup.store(response.content, dict(response.items()))
        return response


@dataclass(frozen=True)
class PageLookup:
    key: str
    version: str
    content: bytes | None
    headers: dict | None

    def store(self, content, headers):
        cache.set(self.key, (self.version, content, headers), settings.PUBLIC_PAGE_CACHE_SECONDS)


def _look_up(request):
    key = _page_key(request)
    found = cache.get_many([CONTENT_VERSION_KEY, key])
    version = _this_request.remember(found.get(CONTENT_VERSION_KEY) or content_version())
    stored_version, content, headers = found.get(key, (None, None, None))
    if stored_version != version:
        content = headers = None
    return PageLookup(key, version, content, headers)


def _may_answer_early(request):
    """A GET for a public page from a visitor with no session and no messages cookie."""
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and _is_public_page(request.path_info)
    )


def _is_public_page(path):
    try:
        match = resolve(path)
    except Resolver404:
        return False
    view_class = getattr(match.func, "view_class", None)
    view = view_class.dispatch if view_class is not None else match.func
    return getattr(view, "public_page", False)


@dataclass(frozen=True)
class RoutineContent:
    """A published routine and what its pages show of it: content, the same for everyone."""

    routine: Routine  # annotated with step_count
    contraindications: tuple  # routine.relevant_contraindications(), in their order
    steps: tuple | None = None  # only when asked for: the public pages never show them


def published_routine_content(slug, *, with_steps=False):
    """The published routine `slug` with its questions (and steps, when asked), or a 404.

    Read once per content version: building and running these queries was a third of the
    detail, screening and steps pages (docs/performance.md). Every change to a routine, a step,
    a condition or their links replaces the content version, so a screening always asks the
    questions the routine has now. Each request gets its own copy of the objects.
    """

    def build():
        routine = published_routine_or_404(slug, routines=Routine.objects.with_step_count())
        return RoutineContent(routine, tuple(routine.relevant_contraindications()))

    content = _content(f"limber:routine:{slug}", build, copied=True)
    if not with_steps:
        return content
    steps = _content(
        f"limber:routine-steps:{slug}", lambda: tuple(content.routine.steps.all()), copied=True
    )
    return replace(content, steps=steps)


def screening_questions(form, *, standing_valid_hours):
    """The questions of an unsent screening form as HTML, rendered once per content version.

    Before anything is sent they are content: each question's wording, explanation and choices,
    with nothing chosen and no error. They were three quarters of the screening page's time. The
    person's own parts of the form (the CSRF and single-use form tokens) are rendered apart.
    """
    if form.is_bound:
        raise ValueError("Only an unsent form's questions are the same for everyone.")
    asked = ",".join(str(contraindication.pk) for contraindication in form.contraindications)
    html = _content(
        f"limber:screening-questions:{standing_valid_hours}:{asked}",
        lambda: render_to_string(
            "stretches/screening_form.html#questions",
            {"form": form, "standing_valid_hours": standing_valid_hours},
        ),
    )
    # Rendered by the template engine, with its autoescaping, from our own template.
    return mark_safe(html)


class ContentPaginator(Paginator):
    """A paginator whose count is kept per content version and filters.

    COUNT over the published routines that match was the list's slowest query (9 ms at 10,000
    routines, docs/performance.md), and its answer changes only with the content.
    """

    def __init__(self, *args, count_key, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key = f"limber:routine-count:{count_key}"

    @cached_property
    def count(self):
        return _content(self.count_key, lambda: super(ContentPaginator, self).count)


def routine_cards(routines):
    """Each routine's card as HTML, rendered once per content version for every list page.

    A card is content only, the same for everyone; rendering 24 of them was most of the list's
    cost (docs/performance.md). Cards come from this process, then in one round trip from the
    shared cache; the missing are rendered from the card template and stored.
    """
    version = content_version()
    keys = {routine.pk: f"limber:card:{routine.pk}" for routine in routines}
    cards = {pk: _process_content.get(key, version) for pk, key in keys.items()}
    wanted = [key for pk, key in keys.items() if cards[pk] is None]
    found = cache.get_many(wanted) if wanted else {}
    rendered = {}
    for routine in routines:
        if cards[routine.pk] is not None:
            continue
        key = keys[routine.pk]
        stored_version, card = found.get(key, (None, None))
        if stored_version != version:
            card = render_to_string(ROUTINE_CARD_TEMPLATE, {"routine": routine})
            rendered[key] = (version, card)
        cards[routine.pk] = card
        _process_content.set(key, version, card)
    if rendered:
        cache.set_many(rendered, settings.PUBLIC_PAGE_CACHE_SECONDS)
    # Rendered by the template engine, with its autoescaping, from our own template.
    return [mark_safe(cards[routine.pk]) for routine in routines]


def _may_share_with(request):
    # len() reads waiting messages without marking them shown.
    return (
        request.method == "GET"
        and not request.user.is_authenticated
        and not len(messages.get_messages(request))
    )


def _is_shareable(request, response):
    return (
        response.status_code == 200
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not len(messages.get_messages(request))
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def _page_key(request):
    # Hashed: the query string is the visitor's text, of any length and any characters.
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"limber:public-page:{path}"
