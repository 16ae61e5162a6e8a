"""Content read or rendered once per content version, the same for everyone.

Kept in this process and in the shared cache, tagged with the content version
(`stretches.caching.version`), so a change on any server makes it stale everywhere at once.
"""

import hashlib
import pickle
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, replace

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe

from stretches.caching.version import content_version
from stretches.models import Routine
from stretches.shortcuts import published_routine_or_404

ROUTINE_CARD_TEMPLATE = "includes/_routine_card.html"
ROUTINE_CARDS_TEMPLATE = "includes/_routine_cards.html"


class ProcessContent:
    """Content kept in this process too, tagged with its content version (least recently used
    dropped first). The version is followed or read from the shared cache once per request
    (`stretches.caching.version`), so a change made on any server is seen here at once; only
    the round trips for content that has not changed are saved (on the list, four of its five:
    docs/performance.md). With `max_age`, an entry is also dropped that many seconds after it
    was kept, as the shared cache would drop it.
    """

    def __init__(self, size, *, max_age=None):
        self.size, self.max_age = size, max_age
        self.entries = OrderedDict()
        # A threaded server (the development server) asks from several threads at once.
        self._lock = threading.Lock()

    def get(self, key, version):
        with self._lock:
            entry = self.entries.get(key)
            if entry is None or entry[0] != version or self._expired(entry):
                return None
            self.entries.move_to_end(key)
            return entry[1]

    def set(self, key, version, value):
        with self._lock:
            self.entries[key] = (version, value, time.monotonic())
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def _expired(self, entry):
        return self.max_age is not None and time.monotonic() - entry[2] > self.max_age


_process_content = ProcessContent(size=4096)
# Whole card lists are 20-30 KB each, and visitors can walk any number of filter and page
# combinations: kept apart, so they neither grow a worker past a few megabytes nor push out
# the small entries above.
_card_lists = ProcessContent(size=256)


def kept_per_version(key, build, *, copied=False, in_process=_process_content):
    """What `build()` returns for the current content version, from this process, the shared
    cache or `build()` itself. With `copied`, each caller gets its own copy (model instances).
    `in_process` is where this process keeps it."""
    version = content_version()
    value = in_process.get(key, version)
    if value is None:
        stored_version, value = cache.get(key, (None, None))
        if stored_version != version:
            value = build()
            cache.set(key, (version, value), settings.PUBLIC_PAGE_CACHE_SECONDS)
        in_process.set(key, version, pickle.dumps(value) if copied else value)
        return value
    return pickle.loads(value) if copied else value


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

    # The key names where RoutineContent is pickled from (stretches.caching.content, since the
    # package split): a server still running older code, sharing this cache, keeps its own key.
    content = kept_per_version(f"limber:routine-content:{slug}", build, copied=True)
    if not with_steps:
        return content
    steps = kept_per_version(
        f"limber:routine-steps:{slug}", lambda: tuple(content.routine.steps.all()), copied=True
    )
    return replace(content, steps=steps)


class RoutineIdPaginator(Paginator):
    """Pages of routine ids, each kept per content version, filters and page, with the count.

    A list, search or filtered page made per request built its query (the search vector, the
    step-count subquery) and ran it, and those were half of its time (docs/performance.md). Here
    a repeat of a page builds no query and runs none: `routines` is a function that builds the
    ordered queryset, called only for a count or a page not kept yet. The page's `object_list`
    is its routine ids; `published_routine_cards_html` turns them into the cards' markup.
    """

    def __init__(self, routines, per_page, *, key, **kwargs):
        super().__init__((), per_page, **kwargs)
        self.routines = routines
        self.key = key

    @cached_property
    def count(self):
        return kept_per_version(f"limber:routine-count:{self.key}", lambda: self.routines().count())

    def page(self, number):
        number = self.validate_number(number)
        # Paginator.page's slice, cut from the kept count.
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = kept_per_version(
            f"limber:routine-page:{self.key}:{bottom}:{top}",
            lambda: tuple(self.routines().values_list("pk", flat=True)[bottom:top]),
        )
        return self._get_page(ids, number, self)


def published_routine_cards_html(ids):
    """The list of the cards of the published routines `ids`, in that order (a page of
    RoutineIdPaginator), as markup kept per content version.

    A page asked again joins nothing and loops over nothing: looking up its 24 cards one by one
    and the template's loop around them were about a tenth of a list made per request
    (docs/performance.md). Keyed by the ids themselves, so the markup is right for whichever ids
    a request has, whatever version they were read under.
    """
    ids = tuple(ids)
    key = hashlib.sha256(repr(ids).encode()).hexdigest()
    html = kept_per_version(
        f"limber:routine-cards-html:{key}",
        lambda: render_to_string(ROUTINE_CARDS_TEMPLATE, {"cards": _published_routine_cards(ids)}),
        in_process=_card_lists,
    )
    # Rendered by the template engine, with its autoescaping, from our own templates.
    return mark_safe(html)


def _published_routine_cards(ids):
    """The cards of the published routines `ids`, in that order.

    Only the routines whose card is not kept yet are read, in one query with their step counts.
    """
    version = content_version()
    keys = {pk: f"limber:card:{pk}" for pk in ids}
    cards = {pk: _process_content.get(key, version) for pk, key in keys.items()}
    wanted = [keys[pk] for pk, card in cards.items() if card is None]
    found = cache.get_many(wanted) if wanted else {}
    missing = []
    for pk in ids:
        if cards[pk] is not None:
            continue
        stored_version, card = found.get(keys[pk], (None, None))
        if stored_version == version:
            cards[pk] = card
            _process_content.set(keys[pk], version, card)
        else:
            missing.append(pk)
    rendered = {}
    routines = Routine.objects.published().with_step_count().in_bulk(missing) if missing else {}
    for pk in missing:
        # A routine unpublished since its page's ids were read has no card; the new content
        # version already leaves it off the next request's page.
        if (routine := routines.get(pk)) is not None:
            cards[pk] = render_to_string(ROUTINE_CARD_TEMPLATE, {"routine": routine})
            rendered[keys[pk]] = (version, cards[pk])
            _process_content.set(keys[pk], version, cards[pk])
    if rendered:
        cache.set_many(rendered, settings.PUBLIC_PAGE_CACHE_SECONDS)
    # Rendered by the template engine, with its autoescaping, from our own template.
    return [mark_safe(cards[pk]) for pk in ids if cards[pk] is not None]
