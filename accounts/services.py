"""What an account does with its person's data: export it and erase it.

The health data itself belongs to stretches, which offers it through `stretches.personal_data`.
"""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import logout
from django.contrib.sessions.models import Session
from django.db import transaction

from stretches.personal_data import delete_personal_data, export_personal_data


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


@transaction.atomic
def delete_account(*, request, user):
    """Erase the person: the account, everything tied to it, and every session signed in as it.

    stretches erases the health data; the brute-force records keyed by their email and their
    sessions elsewhere are removed here.
    """
    user_id = str(user.pk)
    # Expired sessions too: they still name the person until clearsessions runs.
    for session in Session.objects.iterator():
        if session.get_decoded().get("_auth_user_id") == user_id:
            session.delete()
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username__iexact=user.email).delete()
    delete_personal_data(user=user)
    logout(request)
    user.delete()
