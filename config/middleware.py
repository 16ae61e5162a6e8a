"""Site-wide response policies that no single view should have to remember."""

import logging
import time

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control

logger = logging.getLogger("limber.availability")

RETRY_AFTER_SECONDS = 30
LOG_EVERY_SECONDS = 60


class DatabaseUnavailableMiddleware:
    """While the database refuses connections: 503, Retry-After and the friendly page.

    One warning per burst (at most one a minute per process) replaces a traceback per request.
    The page is rendered without the request, so nothing on it asks the database again.
    """

    last_logged = 0.0

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        now = time.monotonic()
        if now - DatabaseUnavailableMiddleware.last_logged > LOG_EVERY_SECONDS:
            DatabaseUnavailableMiddleware.last_logged = now
            logger.warning("Database unavailable, answering 503: %s", exception)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        patch_cache_control(response, no_store=True)
        response._has_been_logged = True  # Django would otherwise log every request again
        return response


class PrivacyHeadersMiddleware:
    """Cross-Origin-Resource-Policy on everything; nothing shown to a signed-in person is stored.

    Pages for a signed-in person carry their email and their health history, so no shared or
    browser cache may keep them, whatever the view said.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        # Only a user the page already looked up: asking here would cost a query on pages that
        # never show one, and would fail while the database is away.
        user = getattr(request, "_cached_user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


class RejectNulBytesMiddleware:
    """A NUL byte in the address or its query string is a 400, before any view sees it.

    PostgreSQL refuses NUL in text, so an admin filter or search given one would fail inside the
    query: a 500. No real address carries one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        parts = [request.path, *request.GET]
        parts += [value for _, values in request.GET.lists() for value in values]
        if any("\x00" in part for part in parts):
            return HttpResponseBadRequest("A NUL character is not allowed in an address.")
        return self.get_response(request)
