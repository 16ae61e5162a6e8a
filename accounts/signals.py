from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from accounts.models import SignedInSession
from stretches.personal_data import adopt_session_records


@receiver(user_logged_in, dispatch_uid="accounts.adopt_session_records")
def adopt_screenings_made_before_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        adopt_session_records(user=user, session=request.session)


@receiver(user_logged_in, dispatch_uid="accounts.remember_signed_in_session")
def remember_signed_in_session(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is None:
        return
    if session.session_key is None:
        session.save()  # a session without a key yet (a test client's, say) gets one now
    SignedInSession.objects.get_or_create(session_key=session.session_key, defaults={"user": user})
