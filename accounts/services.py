"""What an account does with its person's health data: adopt, export and erase it."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import logout
from django.contrib.sessions.models import Session
from django.db import transaction

from stretches.models import PainReport, RoutineCompletion, Screening
from stretches.owners import SESSION_KEY


@transaction.atomic
def adopt_session_records(*, user, session):
    """Attach the screenings and pain reports this browser made before signing in to the account."""
    token = session.pop(SESSION_KEY, "")
    if not token:
        return 0
    adopted = Screening.objects.filter(user__isnull=True, session_token=token).update(
        user=user, session_token=""
    )
    PainReport.objects.filter(user__isnull=True, session_token=token).update(
        user=user, session_token=""
    )
    return adopted


def personal_data(user):
    """Everything Limber holds about one person, as plain JSON-ready data."""
    screenings = Screening.objects.filter(user=user).prefetch_related("answers")
    return {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "screenings": [
            {
                "date": screening.created_at.isoformat(),
                "routine": screening.routine_title,
                "outcome": screening.outcome,
                "answers": [
                    {
                        "condition": answer.condition_name,
                        "question": answer.question_text,
                        "answer": answer.get_answer_display(),
                    }
                    for answer in screening.answers.all()
                ],
            }
            for screening in screenings
        ],
        "pain_reports": [
            {
                "date": report.created_at.isoformat(),
                "routine": report.routine.title,
                "step": report.step_position,
            }
            for report in PainReport.objects.filter(user=user).select_related("routine")
        ],
        "completed_routines": [
            {"date": completion.completed_at.isoformat(), "routine": completion.routine.title}
            for completion in RoutineCompletion.objects.filter(user=user).select_related("routine")
        ],
    }


@transaction.atomic
def delete_account(*, request, user):
    """Erase the person: the account, everything tied to it, and every session signed in as it.

    Screenings, answers, pain reports and completions go by cascade from the user row; the
    brute-force records keyed by their email and their sessions elsewhere are removed here.
    """
    user_id = str(user.pk)
    # Expired sessions too: they still name the person until clearsessions runs.
    for session in Session.objects.iterator():
        if session.get_decoded().get("_auth_user_id") == user_id:
            session.delete()
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username__iexact=user.email).delete()
    logout(request)
    user.delete()
