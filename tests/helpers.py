"""Client-side steps shared by the view tests."""

import secrets

from django.core import signing
from django.urls import reverse

from stretches.screening.forms import FORM_TOKEN_SALT, ScreeningForm


def url(name, routine):
    return reverse(f"stretches:{name}", kwargs={"slug": routine.slug})


def fresh_form_token(nonce=None):
    """What a freshly rendered screening form carries."""
    return signing.dumps(nonce or secrets.token_urlsafe(24), salt=FORM_TOKEN_SALT)


def answers_for(routine, overrides=None, questions=None):
    """A complete all-"No" submission for the routine, from a fresh form, with overrides by slug."""
    questions = questions if questions is not None else routine.relevant_contraindications()
    data = {"routine": routine.slug, "form_token": fresh_form_token()}
    for contraindication in questions:
        data[ScreeningForm.field_name(contraindication)] = "no"
    for slug, value in (overrides or {}).items():
        data[f"question-{slug}"] = value
    return data


def screen(client, routine, overrides=None, retake=False):
    target = url("screening", routine) + ("?retake=1" if retake else "")
    return client.post(target, answers_for(routine, overrides))
