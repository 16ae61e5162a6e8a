"""Markup rendered once, with openings where each request's own parts go.

The steps page (steps.py) and the navigation bar (stretches/navbar.py) render what is the same
for everyone once, and fill in per request what is not: a CSRF token, a person's name. What is
kept holds none of it.
"""

import re
import uuid

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe


def render_with_openings(template_name, context, *, openings):
    """The template rendered with a mark no content can contain in place of each opening, as
    pieces: text at even places, the name of the opening between them at odd places.

    Each opening is a context variable of that name, its value the mark."""
    marks = {f"opening-{uuid.uuid4().hex}": name for name in openings}
    html = render_to_string(template_name, {**context, **{v: k for k, v in marks.items()}})
    if not marks:
        return (html,)
    pieces = re.split(f"({'|'.join(marks)})", html)
    return tuple(marks[piece] if index % 2 else piece for index, piece in enumerate(pieces))


def expect(pieces, name, count):
    if pieces[1::2].count(name) != count:
        raise ValueError(f"Expected {count} of {name} in the rendered markup.")


def filled(pieces, fills):
    """The pieces with each opening filled in; `fills` are HTML, escaped by the caller."""
    return mark_safe(
        "".join(fills[piece] if index % 2 else piece for index, piece in enumerate(pieces))
    )
