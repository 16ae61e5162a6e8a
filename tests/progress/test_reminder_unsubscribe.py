import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from stretches.models import ReminderPlan
from stretches.progress.unsubscribe import unsubscribe_token
from tests.progress.reminder_helpers import make_person, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(django_user_model):
    return make_person(django_user_model)


@pytest.fixture
def plan(person):
    return make_plan(person)


def link(user):
    return reverse("stretches:reminder_unsubscribe", kwargs={"token": unsubscribe_token(user)})


def email_is_on():
    return ReminderPlan.objects.get().email_reminders


def test_the_link_turns_email_reminders_off_without_signing_in(client, plan, person):
    response = client.get(link(person))

    assert response.status_code == 200
    assert "Email reminders are off" in response.content.decode()
    assert not email_is_on()
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    # The calendar is left alone.
    assert ReminderPlan.objects.get().feed_token == plan.feed_token


def test_the_link_is_the_same_in_every_email_and_works_twice(client, plan, person):
    assert link(person) == link(person)

    client.get(link(person))
    response = client.get(link(person))

    assert response.status_code == 200
    assert not email_is_on()


def test_undo_turns_them_back_on(client, plan, person):
    page = client.get(link(person))
    undo = reverse(
        "stretches:reminder_unsubscribe_undo", kwargs={"token": unsubscribe_token(person)}
    )
    assert f'action="{undo}"' in page.content.decode()

    response = client.post(undo)

    assert response.status_code == 200
    assert "Email reminders are on again" in response.content.decode()
    assert email_is_on()
    assert client.get(undo).status_code == 405


def test_undo_is_csrf_protected(plan, person):
    strict = Client(enforce_csrf_checks=True)
    strict.get(link(person))
    undo = reverse(
        "stretches:reminder_unsubscribe_undo", kwargs={"token": unsubscribe_token(person)}
    )

    assert strict.post(undo).status_code == 403
    assert not email_is_on()


def test_one_click_post_from_the_mail_client_needs_no_csrf_token(plan, person):
    mail_client = Client(enforce_csrf_checks=True)

    response = mail_client.post(
        link(person),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert not email_is_on()


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: "Mg" + token[2:],  # another person's id, same signature
        lambda token: token.split(":")[0],
        lambda token: "nonsense",
    ],
    ids=["signature changed", "id changed", "signature cut off", "nonsense"],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_link_is_a_400_that_changes_nothing(client, plan, person, tamper, method):
    token = tamper(unsubscribe_token(person))
    url = reverse("stretches:reminder_unsubscribe", kwargs={"token": token})

    response = getattr(client, method)(url)

    assert response.status_code == 400
    assert email_is_on()
    if method == "get":
        assert "This link does not work" in response.content.decode()
        assert "Nothing has changed" in response.content.decode()


def test_a_tampered_undo_link_changes_nothing(client, plan, person):
    plan.set_email_reminders(False)
    undo = reverse("stretches:reminder_unsubscribe_undo", kwargs={"token": "MQ:forged"})

    assert client.post(undo).status_code == 400
    assert not email_is_on()


def test_a_token_signed_for_something_else_does_not_unsubscribe(client, plan, person):
    other_salt = signing.Signer(salt="limber.something.else").sign_object(person.pk)
    url = reverse("stretches:reminder_unsubscribe", kwargs={"token": other_salt})

    assert client.get(url).status_code == 400
    assert email_is_on()


def test_a_person_without_reminders_is_told_they_are_off(client, person):
    response = client.get(link(person))

    assert response.status_code == 200
    assert "Email reminders are off" in response.content.decode()
    assert "Undo" not in response.content.decode()
