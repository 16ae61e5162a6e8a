"""What an account does with its person's data: export it and erase it.

The health data itself belongs to stretches, which offers it through `stretches.personal_data`.
"""

from importlib import import_module

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode

from accounts.models import SignedInSession, User
from accounts.tasks import send_sign_up_email
from stretches.personal_data import delete_personal_data, export_personal_data


def sign_up(*, form, domain, use_https):
    """Create an unconfirmed account, or refresh one never confirmed, or, for an address with an
    account, do the same work and nothing else; then email the address's owner.

    Every branch hashes the password once and enqueues one email, so neither the answer nor its
    timing says whether the address had an account.
    """
    password = form.cleaned_data["password1"]
    existing = form.existing_account
    with transaction.atomic():
        if existing is None:
            user = form.save(commit=False)
            user.is_active = False
            user.save()
        elif not existing.is_active:
            # The newest sign-up's password wins; only the inbox's owner can confirm it.
            existing.set_password(password)
            existing.save(update_fields=["password"])
        else:
            make_password(password)
    send_sign_up_email.enqueue(email=form.cleaned_data["email"], domain=domain, use_https=use_https)


def unconfirmed_account(uidb64, token):
    """The unconfirmed account a sign-up link names, if the link is genuine and unused."""
    try:
        pk = force_str(urlsafe_base64_decode(uidb64))
        user = User.objects.filter(pk=int(pk), is_active=False).first()
    except (TypeError, ValueError, OverflowError):
        return None
    if user is None or not default_token_generator.check_token(user, token):
        return None
    return user


def confirm_account(user):
    user.is_active = True
    user.save(update_fields=["is_active"])


def personal_data(user):
    """Everything Limber holds about one person, as plain JSON-ready data."""
    return {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        **export_personal_data(user),
    }


def remember_signed_in_session(*, user, session):
    """Note that `session` is signed in as `user`, so that deleting the account ends it too."""
    if session.session_key is None:
        session.save()  # a session without a key yet (a test client's, say) gets one now
    SignedInSession.objects.get_or_create(session_key=session.session_key, defaults={"user": user})


@transaction.atomic
def delete_account(*, request, user):
    """Erase the person: the account, everything tied to it, and every session signed in as it.

    stretches erases the health data; the brute-force records keyed by their email and their
    sessions elsewhere are removed here, in a number of queries that does not grow with the site.
    """
    # Every session they signed in with, expired ones too (they name the person until
    # clearsessions runs), found through their own rows rather than by decoding every session.
    # Through the session store: a session's cached copy must end with its row.
    keys = user.signed_in_sessions.values_list("session_key", flat=True)
    import_module(settings.SESSION_ENGINE).SessionStore.end_sessions(keys)
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username__iexact=user.email).delete()
    delete_personal_data(user=user)
    logout(request)
    user.delete()
