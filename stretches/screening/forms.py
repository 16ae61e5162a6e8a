"""The screening form: one Yes / No / Not sure question per contraindication still to answer."""

import secrets

from django import forms
from django.conf import settings
from django.core import signing

from stretches.models import Answer

FORM_TOKEN_SALT = "stretches.screening-form"


def new_form_token():
    """The signed token a form to be shown carries: its signature and age are checked by
    clean_form_token; its single use by Screening.form_token's unique constraint."""
    return signing.dumps(secrets.token_urlsafe(24), salt=FORM_TOKEN_SALT)


class ScreeningForm(forms.Form):
    """One Yes / No / Not sure question per contraindication still to be answered for a routine.

    Nothing is preselected: an unanswered question is an error, never a "No". Like
    AuthenticationForm, it refuses with coded ValidationErrors so callers and tests can tell why.
    """

    FIELD_PREFIX = "question-"

    routine = forms.CharField(widget=forms.HiddenInput)
    # A signed, single-use token per rendered form: replaying a sent form (the back button, a
    # saved request) is refused when it is recorded (the unique constraint, answered by the
    # view), so only a freshly loaded form can change the decision.
    form_token = forms.CharField(widget=forms.HiddenInput)

    error_messages = {
        "stale_form": "This form is too old or was changed. Nothing was saved; please answer again.",
        "already_sent": "These answers were already sent. Nothing new was saved; please answer again.",
        "wrong_routine": "This form was for another routine. Nothing was saved; please answer again.",
        "unknown_question": "The form had a question we did not ask. Nothing was saved; please answer again.",
    }

    def __init__(self, *args, routine, contraindications, **kwargs):
        super().__init__(*args, **kwargs)
        self.routine = routine
        self.contraindications = list(contraindications)
        self.fields["routine"].initial = routine.slug
        if not self.is_bound:
            # A sent form carries the token it was given; only a form to be shown needs one.
            self.fields["form_token"].initial = new_form_token()
        for contraindication in self.contraindications:
            self.fields[self.field_name(contraindication)] = forms.ChoiceField(
                label=contraindication.question,
                help_text=contraindication.explanation,
                choices=Answer.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Please answer this question: Yes, No or Not sure.",
                    "invalid_choice": "Please choose Yes, No or Not sure.",
                },
            )
            # The template groups questions about right now apart from those about you.
            self.fields[self.field_name(contraindication)].right_now = contraindication.right_now

    @classmethod
    def field_name(cls, contraindication):
        return f"{cls.FIELD_PREFIX}{contraindication.slug}"

    def clean_routine(self):
        if self.cleaned_data["routine"] != self.routine.slug:
            raise forms.ValidationError(self.error_messages["wrong_routine"], code="wrong_routine")
        return self.routine

    def clean_form_token(self):
        try:
            nonce = signing.loads(
                self.cleaned_data["form_token"],
                salt=FORM_TOKEN_SALT,
                max_age=settings.SCREENING_FORM_MAX_AGE,
            )
        except signing.BadSignature as error:  # SignatureExpired is a BadSignature too
            raise forms.ValidationError(
                self.error_messages["stale_form"], code="stale_form"
            ) from error
        # Used once only: Screening.form_token is unique, so the database refuses a replay when
        # it is recorded (the view answers "already_sent"). Looking first would cost a query
        # on every screening sent and still leave two at once to the constraint.
        return nonce

    def clean(self):
        cleaned = super().clean()
        posted_questions = {name for name in self.data if name.startswith(self.FIELD_PREFIX)}
        if posted_questions - set(self.fields):
            raise forms.ValidationError(
                self.error_messages["unknown_question"], code="unknown_question"
            )
        return cleaned

    def answers(self):
        """{Contraindication: answer value} for a valid form."""
        return {c: self.cleaned_data[self.field_name(c)] for c in self.contraindications}
