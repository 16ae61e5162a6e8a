from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from accounts.services import remember_signed_in_session
from stretches.personal_data import adopt_session_records


@receiver(user_logged_in, dispatch_uid="accounts.adopt_session_records")
def adopt_screenings_made_before_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        adopt_session_records(user=user, session=request.session)


@receiver(user_logged_in, dispatch_uid="accounts.remember_signed_in_session")
def remember_session_at_sign_in(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is not None:
        remember_signed_in_session(user=user, session=session)
