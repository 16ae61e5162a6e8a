import os

import pytest

from tests.factories import seed_conditions

# Playwright drives the browser from an event loop while live_server's database access is synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def staff_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser(
        username="admin", email="admin@example.com", password="correct horse battery staple"
    )
    client.force_login(admin)
    return client


@pytest.fixture
def conditions(db):
    """The seeds' conditions: two general red flags, osteopenia and osteoarthritis."""
    return seed_conditions()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Real hashing is slow on purpose; tests check behaviour, not the hash's cost.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
