"""Anonymous public pages served whole from the shared cache, tagged with the content version.

A page is the same for every visitor who is not signed in and has no message waiting, so one
rendering can serve them all. Nothing personal is ever stored: a response is kept only when it
was made for an anonymous visitor with no messages, set no cookie and used no CSRF token (a page
with a form carries a token bound to one browser).
"""

import hashlib
from dataclasses import dataclass
from functools import lru_cache, wraps

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import Resolver404, get_urlconf, resolve

from stretches.caching.content import ProcessContent
from stretches.caching.version import content_version


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
            # The page is stored with the version it was made under, and served only while
            # that version is still current.
            lookup = look_up(request)
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


@dataclass(frozen=True)
class PageLookup:
    key: str
    version: str
    content: bytes | None
    headers: dict | None

    def store(self, content, headers):
        page = (content, headers)
        _pages_in_process.set(self.key, self.version, page)
        cache.set(self.key, (self.version, *page), settings.PUBLIC_PAGE_CACHE_SECONDS)


def look_up(request):
    """The page stored for this request's address, if it was made under the current version.

    From this process when it has it (with the version followed, no round trip at all), else
    from the shared cache, where another worker or server may have stored it.
    """
    key = _page_key(request)
    version = content_version()
    page = _pages_in_process.get(key, version)
    if page is None:
        stored_version, *stored = cache.get(key, (None, None, None))
        if stored_version == version:
            page = tuple(stored)
            _pages_in_process.set(key, version, page)
    content, headers = page or (None, None)
    return PageLookup(key, version, content, headers)


# A few hundred pages of 10-40 KB: the public pages and the searches asked most lately, for no
# longer than the shared cache keeps them (a change made around the signals, by a raw UPDATE or
# a data migration, is then seen within that time, as before).
_pages_in_process = ProcessContent(size=500, max_age=settings.PUBLIC_PAGE_CACHE_SECONDS)


def is_public_page(path):
    return _is_public_page(get_urlconf(settings.ROOT_URLCONF), path)


# Resolving the path was about a quarter of the Python work of a page answered from the cache
# (docs/performance.md). Whether a path is a public page depends only on the URLconf and the
# path, and the least recently asked are dropped, so odd paths from visitors cannot grow it.
@lru_cache(maxsize=4096)
def _is_public_page(urlconf, path):
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return False
    view_class = getattr(match.func, "view_class", None)
    view = view_class.dispatch if view_class is not None else match.func
    return getattr(view, "public_page", False)


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
