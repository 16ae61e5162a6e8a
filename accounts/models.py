from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower


class User(AbstractUser):
    """Limber's user. People sign in with their email, stored lower-case as the username too."""

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_unique_any_case",
                condition=~models.Q(email=""),
                violation_error_message="An account with this email already exists.",
            ),
        ]


class SignedInSession(models.Model):
    """A session someone signed in with, so deleting their account ends just those sessions.

    Without it, finding a person's sessions means decoding every session row on the site.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="signed_in_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    signed_in_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.user} signed in at {self.signed_in_at:%Y-%m-%d %H:%M}"
