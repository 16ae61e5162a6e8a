"""An unsent screening form's markup, rendered once per content version with the person's parts
left open.

Before anything is sent, the form is content: the routine, the questions asked, their wording
and choices, nothing chosen and no error. Rendering it, and building the form's eleven fields
for it, was most of the screening page (docs/performance.md). What is the person's own is filled
in per request: the CSRF token, the signed single-use form token, and the notes made from their
own records (repeated pain stops, pain not easing), never kept here. A sent form shows the
person's answers and errors: it is always rendered for its request, never from here. Only the
markup is kept, never the page: the gate still decides first on every request, and the page
stays `never_cache`.
"""

from django.template.loader import render_to_string

from stretches.caching.content import kept_per_version
from stretches.caching.openings import expect_openings, filled, render_with_openings
from stretches.screening.forms import ScreeningForm

TEMPLATE = "stretches/screening_form.html"
CSRF_TOKEN = "csrf_token"
FORM_TOKEN = "form_token"
PERSON_NOTES = "person_notes"


def unsent_screening_form_html(
    routine,
    questions,
    *,
    retake,
    already_answered,
    standing_valid_hours,
    retention_days,
    csrf_token,
    form_token,
    person_notes,
):
    """The screening page's content block (the template's partial "screening") for an unsent
    form asking `questions` (contraindications, in their order) about `routine`.

    The markup is made only from the arguments before `csrf_token`, and all of them are in its
    key, so everyone shown the same questions gets the same markup and nobody's else. The rest
    are this request's: `csrf_token` (`django.middleware.csrf.get_token`), `form_token`
    (`stretches.screening.forms.new_form_token`) and `person_notes` (`person_notes_html`).
    """

    def build():
        pieces = render_with_openings(
            f"{TEMPLATE}#screening",
            {
                "form": ScreeningForm(routine=routine, contraindications=questions),
                "routine": routine,
                "retake": retake,
                "already_answered": already_answered,
                "standing_valid_hours": standing_valid_hours,
                "retention_days": retention_days,
            },
            openings=(CSRF_TOKEN, FORM_TOKEN, PERSON_NOTES),
        )
        for opening in (CSRF_TOKEN, FORM_TOKEN, PERSON_NOTES):
            expect_openings(pieces, opening, 1)
        return pieces

    # `already_answered` follows from the questions asked today (the standing ones not asked);
    # it is in the key all the same, so the lead can never say another person's count.
    asked = ",".join(str(contraindication.pk) for contraindication in questions)
    pieces = kept_per_version(
        f"limber:screening-form:{routine.slug}:{asked}:{int(retake)}:{already_answered}"
        f":{standing_valid_hours}:{retention_days}",
        build,
    )
    return filled(
        pieces, {CSRF_TOKEN: csrf_token, FORM_TOKEN: form_token, PERSON_NOTES: person_notes}
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
