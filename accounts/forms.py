from django import forms
from django.contrib.auth.forms import AuthenticationForm, BaseUserCreationForm, PasswordResetForm
from django.db.models import Q

from accounts.emails import normalize_email
from accounts.models import User
from accounts.tasks import send_password_reset


class SignUpForm(BaseUserCreationForm):
    """Email and a password; the email, lower-cased, is also the username people sign in with.

    A taken email is not an error: saying so would tell anyone which addresses have accounts.
    The view answers the same either way and the owner of the address is told by email.
    """

    existing_account = None

    email = forms.EmailField(
        label="Email",
        # The email is stored as the username too, whose column holds 150 characters.
        max_length=150,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    class Meta:
        model = User
        fields = ["email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "password1"
        ].help_text = "At least 12 characters. A long passphrase of a few everyday words is ideal."

    def clean_email(self):
        email = normalize_email(self.cleaned_data["email"])
        self.existing_account = User.objects.filter(
            Q(email__iexact=email) | Q(username__iexact=email)
        ).first()
        # Set before BaseUserCreationForm validates the password, so "too similar to the email"
        # and the username check both see it.
        self.instance.username = email
        return email

    def validate_unique(self):
        if self.existing_account is None:
            super().validate_unique()

    def validate_constraints(self):
        if self.existing_account is None:
            super().validate_constraints()


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending from a background task whether or not the address has an
    account, so the answer takes the same path and the same time either way."""

    def save(self, *, request, use_https=False, **kwargs):
        send_password_reset.enqueue(
            email=self.cleaned_data["email"], domain=request.get_host(), use_https=use_https
        )


class EmailAuthenticationForm(AuthenticationForm):
    """Django's sign-in form, asking for the email (posted as "username", which axes counts by)."""

    username = forms.EmailField(
        label="Email",
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "That email and password don't match an account. Please try again.",
    }

    def clean_username(self):
        return normalize_email(self.cleaned_data["username"])


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                "That password is not right. Your account was not deleted.", code="wrong_password"
            )
        return password
