"""Every email Limber sends, as background tasks: a request only ever enqueues one.

So sign-up and password reset take the same path, and the same time, whether or not the address
has an account: the worker decides what, if anything, to send.
"""

from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import User


@task()
def send_password_reset(*, email, domain, use_https):
    """Django's own reset email, sent only if an active account has this address."""
    form = PasswordResetForm({"email": email})
    if form.is_valid():
        form.save(domain_override=domain, use_https=use_https)


@task()
def send_sign_up_email(*, email, domain, use_https):
    """The activation link to a new account, or to an active one's owner a note that someone
    tried to sign up with their address."""
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        return
    context = {"email": email, "site": f"{'https' if use_https else 'http'}://{domain}"}
    if user.is_active:
        template = "accounts/emails/account_exists"
        context["sign_in"] = context["site"] + reverse("accounts:login")
        context["reset"] = context["site"] + reverse("accounts:password_reset")
    else:
        template = "accounts/emails/activate"
        context["activate"] = context["site"] + reverse(
            "accounts:activate",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
    subject = render_to_string(f"{template}_subject.txt", context).strip()
    send_mail(subject, render_to_string(f"{template}.txt", context), None, [user.email])
