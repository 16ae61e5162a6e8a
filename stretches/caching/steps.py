"""The steps page's markup, rendered once per content version with the person's parts left open.

The instructions, the routine's facts and the before check-in's form are content, the same for
everyone the gate lets through; rendering them was most of the steps page (docs/performance.md).
For a visitor who is not signed in, the rest of the page (the base template around it) is the
same for everyone too, so the whole page is kept; a signed-in person's navigation bar is their
own, so for them only the content block is. What is the person's own is filled in per request:
the CSRF token of each form, what they said before this go (their pain rating) and their
messages, never kept here. Only ever called behind the screening gate, and never put in a page
cache: this is markup, not a response, so the instructions still go only to whom the gate
clears, and the page stays `never_cache`.
"""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from stretches.caching.content import kept_per_version, published_routine_content
from stretches.caching.openings import (
    expect_openings,
    filled,
    render_with_openings,
    visitor_page_key,
    visitor_page_pieces,
)
from stretches.progress.checkin_forms import PainBeforeForm

TEMPLATE = "stretches/routine_steps.html"
CSRF_TOKEN = "csrf_token"
CHECK_IN_CARD = "check_in_card"
ROUTINE_HTML = "routine_html"
MESSAGES = "messages_html"


def routine_steps_page_html(content, *, routine_html, messages):
    """The whole steps page for a visitor who is not signed in.

    `routine_html` is this request's content block (`routine_steps_html`), `messages` this
    request's (`stretches.caching.openings.messages_html`).
    """
    pieces = kept_per_version(
        visitor_page_key(f"limber:routine-steps-whole-page:{content.routine.slug}"),
        lambda: visitor_page_pieces(
            TEMPLATE, {"routine": content.routine}, openings=(MESSAGES, ROUTINE_HTML)
        ),
    )
    return filled(pieces, {MESSAGES: messages, ROUTINE_HTML: routine_html})


def routine_steps_html(content, *, csrf_token, check_in_card):
    """The steps page's content block (the template's partial "routine") as HTML, for the
    routine of `content` (a `RoutineContent`).

    `csrf_token` is the request's (`django.middleware.csrf.get_token`), `check_in_card` the before
    check-in's HTML for this request (`check_in_card_html`).
    """

    def build():
        # The steps are read only to render them: a request that finds the markup needs none.
        steps = published_routine_content(content.routine.slug, with_steps=True).steps
        pieces = render_with_openings(
            f"{TEMPLATE}#routine",
            {
                "routine": content.routine,
                "steps": steps,
                "contraindications": content.contraindications,
            },
            openings=(CSRF_TOKEN, CHECK_IN_CARD),
        )
        # Each step's "Stop — this hurts" and the "I've finished" form, and the card once.
        expect_openings(pieces, CSRF_TOKEN, len(steps) + 1)
        expect_openings(pieces, CHECK_IN_CARD, 1)
        return pieces

    pieces = kept_per_version(f"limber:routine-steps-page:{content.routine.slug}", build)
    return filled(pieces, {CSRF_TOKEN: csrf_token, CHECK_IN_CARD: check_in_card})


def check_in_card_html(routine, check_in, *, csrf_token):
    """The before check-in card: the person's own rating, or the one-tap form.

    A rating is the person's health data: rendered for this request only. The form is the same
    for everyone but its CSRF token, so it is rendered once per content version.
    """
    if check_in is not None and check_in.pain_before is not None:
        html = render_to_string(
            "includes/_check_in_before.html", {"check_in": check_in, "routine": routine}
        )
        # Rendered by the template engine, with its autoescaping, from our own template.
        return mark_safe(html)

    def build():
        pieces = render_with_openings(
            "includes/_check_in_before.html",
            {"check_in": None, "routine": routine, "pain_before_form": PainBeforeForm()},
            openings=(CSRF_TOKEN,),
        )
        expect_openings(pieces, CSRF_TOKEN, 1)
        return pieces

    pieces = kept_per_version(f"limber:check-in-before-form:{routine.slug}", build)
    return filled(pieces, {CSRF_TOKEN: csrf_token})
