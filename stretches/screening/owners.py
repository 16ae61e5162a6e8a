"""Who a screening belongs to: the signed-in account, or else this browser session."""

import secrets
from dataclasses import dataclass

SESSION_KEY = "screening_owner_token"


@dataclass(frozen=True)
class ScreeningOwner:
    user: object = None
    session_token: str = ""

    def as_fields(self):
        """The owner fields for a new screening or pain report row."""
        if self.user is not None:
            return {"user": self.user, "session_token": ""}
        return {"user": None, "session_token": self.session_token}


def owner_for_request(request, *, create=False):
    """The person behind a request. With create, an anonymous visitor gets a session token.

    A token of our own (not the session key) is used because Django rotates the session key at
    sign-in, and the accounts app adopts the session's screenings into the account then.
    """
    if request.user.is_authenticated:
        return ScreeningOwner(user=request.user)
    token = request.session.get(SESSION_KEY, "")
    if not token and create:
        token = secrets.token_urlsafe(32)
        request.session[SESSION_KEY] = token
    return ScreeningOwner(session_token=token)
