"""The early answer: a stored public page for a visitor with no cookie."""

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse

from stretches.caching.pages import is_public_page, look_up


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
            lookup = request.public_page_lookup = look_up(request)
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


def _may_answer_early(request):
    """A GET for a public page from a visitor with no session and no messages cookie."""
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and is_public_page(request.path_info)
    )
