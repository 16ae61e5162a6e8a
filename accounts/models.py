from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """Limber's user, custom from the first migration so it can grow without a painful swap."""
