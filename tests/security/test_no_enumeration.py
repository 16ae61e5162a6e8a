"""Finding 2: accounts could be enumerated. Sign-up and reset now answer, and work, alike."""

import pytest
from django.tasks import default_task_backend
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued_tasks(settings):
    """Tasks are stored, not run, so a test sees what each request asked for."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    return default_task_backend.results


@pytest.fixture
def kim(db):
    return UserFactory(email="kim@example.com", username="kim@example.com")


def what_happened(response, queued):
    return (
        response.status_code,
        response["Location"],
        [(result.task.name, sorted(result.kwargs)) for result in queued],
    )


def test_sign_up_answers_the_same_for_a_new_and_a_taken_email(client, kim, queued_tasks):
    signup = reverse("accounts:signup")
    data = {"password1": PASSWORD, "password2": PASSWORD}

    taken = what_happened(client.post(signup, {**data, "email": "kim@example.com"}), queued_tasks)
    queued_tasks.clear()
    new = what_happened(client.post(signup, {**data, "email": "new@example.com"}), queued_tasks)

    assert (
        taken
        == new
        == (
            302,
            reverse("accounts:signup_sent"),
            [("send_sign_up_email", ["domain", "email", "use_https"])],
        )
    )
    assert "already exists" not in client.get(reverse("accounts:signup_sent")).content.decode()


def test_password_reset_takes_the_same_path_for_a_known_and_an_unknown_email(
    client, kim, queued_tasks
):
    reset = reverse("accounts:password_reset")

    known = what_happened(client.post(reset, {"email": "kim@example.com"}), queued_tasks)
    queued_tasks.clear()
    unknown = what_happened(client.post(reset, {"email": "nobody@example.com"}), queued_tasks)

    assert (
        known
        == unknown
        == (
            302,
            reverse("accounts:password_reset_done"),
            [("send_password_reset", ["domain", "email", "use_https"])],
        )
    )


def test_the_reset_task_emails_only_an_address_with_an_account(client, kim, mailoutbox):
    reset = reverse("accounts:password_reset")

    client.post(reset, {"email": "nobody@example.com"})
    client.post(reset, {"email": "kim@example.com"})

    assert [email.to for email in mailoutbox] == [["kim@example.com"]]
    assert "/account/password/reset/" in mailoutbox[0].body
