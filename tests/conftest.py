import os

import pytest
import redis
from django.contrib.auth.models import Group
from django.core.cache import cache

from stretches.models import CLINICAL_REVIEWERS, CONTENT_EDITORS
from tests.factories import ContraindicationFactory, seed_conditions

# Playwright drives the browser from an event loop while live_server's database access is synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Accounts are made in many tests; the production hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings):
    """Emails and other tasks run inside the request, so a test sees their effect directly."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


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


def staff_member(django_user_model, username, group_name=None):
    """A staff account as the README says to set one up: staff status plus one editorial group."""
    user = django_user_model.objects.create_user(
        username=username, password="correct horse battery staple", is_staff=True
    )
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(django_user_model):
    return staff_member(django_user_model, "edith", CONTENT_EDITORS)


@pytest.fixture
def reviewer(django_user_model):
    return staff_member(django_user_model, "rita", CLINICAL_REVIEWERS)


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        username="sam", email="sam@example.com", password="correct horse battery staple"
    )


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


@pytest.fixture
def general_red_flag(db):
    """A question asked before every routine, as Limber's content always has: without one, a
    routine with no conditions of its own would ask nothing and could not be published."""
    return ContraindicationFactory(
        name="Back pain for weeks", slug="general-red-flag", applies_to_all_routines=True
    )


# A Redis database of the suite's own: the topology test takes 14 and `make bench` 15.
TEST_REDIS_URL = "redis://127.0.0.1:6379/13"


@pytest.fixture
def redis_cache(settings):
    """Production's cache for this test: Redis, with the content version followed."""
    redis.Redis.from_url(TEST_REDIS_URL).flushdb()
    settings.CACHES = {
        "default": {"BACKEND": "config.cache.RedisCache", "LOCATION": TEST_REDIS_URL}
    }
    yield
    redis.Redis.from_url(TEST_REDIS_URL).flushdb()


@pytest.fixture(autouse=True)
def empty_cache():
    # Cached pages, the content version and the throttles' counts would otherwise outlive the
    # test's rolled-back rows.
    cache.clear()
