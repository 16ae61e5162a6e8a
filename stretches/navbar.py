"""The navigation bar on every page, rendered once per process with the person's parts open.

Its template is the same for everyone but three things: whether someone is signed in, which of
its links is the page itself, and, signed in, their email and the sign-out form's CSRF token.
Rendering it node by node was about a tenth of a signed-in page that is made per request, such
as the person's page (docs/performance.md). So each of its few variants is rendered once, with
openings for the email and the token, filled in per request: neither is ever kept.
"""

from types import SimpleNamespace

from django.dispatch import receiver
from django.utils.autoreload import file_changed

from stretches.caching.openings import expect_openings, filled, render_with_openings
from stretches.templatetags.site_links import link

NAVBAR_TEMPLATE = "includes/_navbar.html"
USER_LABEL = "user_label"
CSRF_TOKEN = "csrf_token"

_kept = {}


def navbar_html(*, request, user, csrf_token):
    """The bar for this request: `request`, `user` and `csrf_token` as the template context has
    them (any may be missing, as on an error page rendered without its request)."""
    signed_in = bool(getattr(user, "is_authenticated", False))
    path = getattr(request, "path", "")
    here = path if path in (link("stretches:routine_list"), link("stretches:safety")) else ""
    # As {% csrf_token %}: no form field without a token.
    with_token = signed_in and bool(csrf_token) and csrf_token != "NOTPROVIDED"
    key = (signed_in, here, with_token)
    if (pieces := _kept.get(key)) is None:
        pieces = _kept[key] = _render(signed_in=signed_in, here=here, with_token=with_token)
    if not signed_in:
        return filled(pieces, {})
    # `filled` escapes them as the template's autoescaping would; `default` is `or`.
    fills = {USER_LABEL: user.email or user.username}
    if with_token:
        fills[CSRF_TOKEN] = csrf_token
    return filled(pieces, fills)


def _render(*, signed_in, here, with_token):
    openings = (USER_LABEL, CSRF_TOKEN) if with_token else (USER_LABEL,) if signed_in else ()
    context = {
        "request": SimpleNamespace(path=here),
        "user": SimpleNamespace(is_authenticated=signed_in),
        CSRF_TOKEN: "",
    }
    pieces = render_with_openings(NAVBAR_TEMPLATE, context, openings=openings)
    for name in openings:
        expect_openings(pieces, name, 1)
    return pieces


@receiver(file_changed)
def _forget_on_template_change(**kwargs):
    # The development server reloads templates without restarting; the bar follows them.
    _kept.clear()
