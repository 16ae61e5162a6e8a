"""Email addresses are how people sign in, so one address means one account, whatever its case."""


def normalize_email(value):
    return (value or "").strip().lower()


def axes_username(request, credentials):
    """django-axes counts failures per (email, address) pair, so "Sam@" and "sam@" are one email."""
    if credentials and "username" in credentials:
        return normalize_email(credentials["username"])
    return normalize_email(request.POST.get("username"))


def posted_email(group, request):
    """The throttles' key for "per email": the address posted, as the sign-in form reads it."""
    return normalize_email(request.POST.get("email") or request.POST.get("username"))
