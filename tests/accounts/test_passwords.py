import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a brand new passphrase for spring"
RESET_URL = reverse("accounts:password_reset")


def test_password_change_needs_the_old_password(client):
    user = UserFactory()
    client.force_login(user)
    url = reverse("accounts:password_change")

    wrong = client.post(
        url, {"old_password": "nope", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    right = client.post(
        url,
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert wrong.status_code == 200
    assert wrong.context["form"].has_error("old_password", code="password_incorrect")
    assert right.url == reverse("accounts:password_change_done")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def reset_link():
    return re.search(
        r"http://testserver(/account/password/reset/\S+/)", mail.outbox[-1].body
    ).group(1)


def test_reset_page_says_the_same_whether_or_not_the_email_exists(client):
    UserFactory(email="kim@example.com", username="kim@example.com")

    known = client.post(RESET_URL, {"email": "KIM@example.com"}, follow=True)
    unknown = client.post(RESET_URL, {"email": "nobody@example.com"}, follow=True)

    assert known.content == unknown.content
    assert b"If an account uses that email" in known.content
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["kim@example.com"]


def test_a_reset_link_works_once(client):
    user = UserFactory(email="kim@example.com", username="kim@example.com")
    client.post(RESET_URL, {"email": "kim@example.com"})
    form_url = client.get(reset_link()).url

    done = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    again = client.get(reset_link(), follow=True)

    assert done.url == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert b"This link no longer works" in again.content


def test_a_tampered_reset_link_changes_nothing(client):
    user = UserFactory(email="kim@example.com", username="kim@example.com")
    client.post(RESET_URL, {"email": "kim@example.com"})
    tampered = reset_link().rstrip("/")[:-3] + "xyz/"

    response = client.get(tampered, follow=True)

    assert response.status_code == 200
    assert b"This link no longer works" in response.content
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
