from django.shortcuts import render

THROTTLE_RETRY_AFTER_SECONDS = 600


def throttled(request, exception):
    """django-ratelimit's answer to a request over its limit: the view never ran."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = str(THROTTLE_RETRY_AFTER_SECONDS)
    return response
