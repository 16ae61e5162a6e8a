"""Markup rendered once with openings: the parts of a page that are someone's own, left out.

Kept markup is shared by everyone who sees the page, so what is per request or per person (a
CSRF token, a signed form token, a person's own notes or name) is never rendered into it. Each
opening is rendered as a mark no content can contain, and the markup is kept as the pieces
between the marks; every request joins them with its own fills.
"""

import re
import uuid

from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


def render_with_openings(template_name, context, *, openings):
    """The template rendered with a mark in place of each opening (a context variable), as
    pieces: text at even places, the name of the opening between them at odd places."""
    marks = {f"opening-{uuid.uuid4().hex}": name for name in openings}
    html = render_to_string(template_name, {**context, **{v: k for k, v in marks.items()}})
    if not marks:
        return (html,)
    pieces = re.split(f"({'|'.join(marks)})", html)
    return tuple(marks[piece] if index % 2 else piece for index, piece in enumerate(pieces))


def expect_openings(pieces, name, count):
    """Refuse markup where an opening is missing or doubled: a token written elsewhere in the
    template would otherwise be kept, for everyone, in the shared markup."""
    if pieces[1::2].count(name) != count:
        raise ValueError(f"Expected {count} of {name} in the rendered markup.")


def visitor_page_pieces(template_name, context, *, openings):
    """A whole page as a visitor who is not signed in sees it, each opening once.

    Rendered with no request and no user, so nothing on such a page may come from a context
    processor, and the navigation bar marks no link as the page itself.
    """
    pieces = render_with_openings(
        template_name, {**context, "user": AnonymousUser()}, openings=openings
    )
    for name in openings:
        expect_openings(pieces, name, 1)
    return pieces


def visitor_page_key(key):
    """`key` for a kept whole page, with the static files' manifest: the page names hashed static
    files, and kept markup outlives a deploy (a process keeps it until the content changes), so a
    new manifest must not be shown the old names."""
    return f"{key}:{getattr(staticfiles_storage, 'manifest_hash', '')}"


def filled(pieces, fills):
    """The markup with each opening filled from `fills` (name -> value).

    A plain string (a token) is escaped as the template would have escaped it; markup the
    template engine rendered (a SafeString) goes in as it is. The pieces between were rendered by
    the template engine, with its autoescaping.
    """
    fills = {name: conditional_escape(value) for name, value in fills.items()}
    return mark_safe(
        "".join(fills[piece] if index % 2 else piece for index, piece in enumerate(pieces))
    )


def messages_html(request):
    """This request's messages as the base template shows them, for a kept page's opening;
    nothing is rendered when there are none (most requests)."""
    if not (messages := get_messages(request)):
        return ""
    return render_to_string("includes/_messages.html", {"messages": messages})
