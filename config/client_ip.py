"""Which address a request comes from, for the lockout and the throttles alike."""

from ipaddress import ip_address

from django.conf import settings


def client_ip(request):
    """The client's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies of ours, the one
    the outermost of them saw.

    Each proxy appends the address it received the request from to X-Forwarded-For, so with N
    proxies the client is the Nth entry from the right. Anything further left was written by the
    client and is never trusted; a missing or malformed entry falls back to REMOTE_ADDR.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count < 1:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < count:
        return remote
    try:
        return str(ip_address(forwarded[-count]))
    except ValueError:
        return remote
