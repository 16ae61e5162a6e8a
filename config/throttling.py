"""Throttles from django-ratelimit, at the rates settings.THROTTLES names."""

from django.conf import settings
from django_ratelimit.decorators import ratelimit


def _rate_from_settings(group, request):
    return settings.THROTTLES[group]


def throttle(name, key):
    """Count POSTs per `key` ("ip" or a callable) against settings.THROTTLES[name].

    Over the limit, the view does not run: django-ratelimit raises, and RATELIMIT_VIEW answers
    with the 429 page.
    """
    return ratelimit(group=name, key=key, rate=_rate_from_settings, method="POST", block=True)
