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
