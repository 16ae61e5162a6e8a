"""An unsent screening form's markup, rendered once per content version with the person's parts
left open.

Before anything is sent, the form is content: the routine, the questions asked, their wording
and choices, nothing chosen and no error. Rendering it, and building the form's eleven fields
for it, was most of the screening page (docs/performance.md). For a visitor who is not signed
in, the rest of the page is the same for everyone too, so the whole page is kept; a signed-in
person's navigation bar is their own, so for them only the content block is. What is the
person's own is filled in per request: the CSRF token, the signed single-use form token, the
notes made from their own records (repeated pain stops, pain not easing) and their messages,
never kept here. A sent form shows the person's answers and errors: it is always rendered for
its request, never from here. Only markup is kept, never a response: the gate still decides
first on every request, and the page stays `never_cache`.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string

from stretches.caching.content import kept_per_version
from stretches.caching.openings import (
    expect_openings,
    filled,
    render_with_openings,
    visitor_page_key,
    visitor_page_pieces,
)
from stretches.models import Routine
from stretches.screening.forms import ScreeningForm

TEMPLATE = "stretches/screening_form.html"
CSRF_TOKEN = "csrf_token"
FORM_TOKEN = "form_token"
PERSON_NOTES = "person_notes"
MESSAGES = "messages_html"


@dataclass(frozen=True)
class UnsentScreening:
    """Everything an unsent form's markup is made from, and all of it is in its key: everyone
    shown the same questions gets the same markup, and nobody's else."""

    routine: Routine
    questions: tuple  # contraindications, in the order asked
    retake: bool
    # Follows from the questions asked (the standing ones not asked); in the key all the same,
    # so the lead can never state another person's count.
    already_answered: int
    standing_valid_hours: int
    retention_days: int

    def key(self, kind):
        asked = ",".join(str(contraindication.pk) for contraindication in self.questions)
        return (
            f"limber:screening-{kind}:{self.routine.slug}:{asked}:{int(self.retake)}"
            f":{self.already_answered}:{self.standing_valid_hours}:{self.retention_days}"
        )

    def context(self):
        return {
            "form": ScreeningForm(routine=self.routine, contraindications=self.questions),
            "routine": self.routine,
            "retake": self.retake,
            "already_answered": self.already_answered,
            "standing_valid_hours": self.standing_valid_hours,
            "retention_days": self.retention_days,
        }


def unsent_screening_page_html(unsent, *, csrf_token, form_token, person_notes, messages):
    """The whole screening page for a visitor who is not signed in.

    `csrf_token` is the request's (`django.middleware.csrf.get_token`), `form_token` a new one
    (`stretches.screening.forms.new_form_token`), `person_notes` and `messages` this request's
    (`person_notes_html`, `messages_html`).
    """
    openings = (MESSAGES, PERSON_NOTES, CSRF_TOKEN, FORM_TOKEN)
    pieces = kept_per_version(
        visitor_page_key(unsent.key("page")),
        lambda: visitor_page_pieces(TEMPLATE, unsent.context(), openings=openings),
    )
    return filled(
        pieces,
        {
            MESSAGES: messages,
            PERSON_NOTES: person_notes,
            CSRF_TOKEN: csrf_token,
            FORM_TOKEN: form_token,
        },
    )


def unsent_screening_form_html(unsent, *, csrf_token, form_token, person_notes):
    """The screening page's content block (the template's partial "screening"), for a signed-in
    person; the rest of the page is rendered for their request. The fills are as for
    `unsent_screening_page_html`."""

    def build():
        pieces = render_with_openings(
            f"{TEMPLATE}#screening",
            unsent.context(),
            openings=(PERSON_NOTES, CSRF_TOKEN, FORM_TOKEN),
        )
        for opening in (PERSON_NOTES, CSRF_TOKEN, FORM_TOKEN):
            expect_openings(pieces, opening, 1)
        return pieces

    pieces = kept_per_version(unsent.key("form"), build)
    return filled(
        pieces, {PERSON_NOTES: person_notes, CSRF_TOKEN: csrf_token, FORM_TOKEN: form_token}
    )


def person_notes_html(*, keeps_hurting, recent_pain_stops, pain_not_easing):
    """The notes the screening shows from the person's own records, for this request only.

    Nothing for most people (and every first visit), so nothing is rendered for them.
    """
    if not keeps_hurting and not pain_not_easing:
        return ""
    return render_to_string(
        f"{TEMPLATE}#person_notes",
        {
            "keeps_hurting": keeps_hurting,
            "recent_pain_stops": recent_pain_stops,
            "pain_not_easing": pain_not_easing,
        },
    )
