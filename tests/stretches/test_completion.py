import pytest
from django.urls import reverse

from stretches.models import RoutineCompletion
from tests.factories import routine_with_steps, seed_conditions
from tests.helpers import screen

pytestmark = pytest.mark.django_db


@pytest.fixture
def routine():
    conditions = seed_conditions()
    return routine_with_steps(slug="chair-twist", contraindications=[conditions["osteopenia"]])


def complete_url(routine):
    return reverse("stretches:routine_complete", kwargs={"slug": routine.slug})


def test_finishing_records_the_routine_for_a_signed_in_person(client, routine, django_user_model):
    person = django_user_model.objects.create_user(
        "kim", "kim@example.com", "a long passphrase here"
    )
    client.force_login(person)
    screen(client, routine)

    response = client.post(complete_url(routine))

    assert response.url == reverse("stretches:routine_done", kwargs={"slug": routine.slug})
    assert list(RoutineCompletion.objects.values_list("user", "routine")) == [
        (person.pk, routine.pk)
    ]


def test_finishing_without_an_account_records_nothing(client, routine):
    screen(client, routine)

    response = client.post(complete_url(routine))

    assert response.status_code == 302
    assert RoutineCompletion.objects.count() == 0


def test_finishing_is_behind_the_screening_gate(client, routine, django_user_model):
    client.force_login(django_user_model.objects.create_user("lee", "lee@example.com", "x" * 20))
    screen(client, routine, {"osteopenia": "yes"})

    response = client.post(complete_url(routine))

    assert response.url == reverse("stretches:screening_blocked", kwargs={"slug": routine.slug})
    assert RoutineCompletion.objects.count() == 0


def test_finishing_is_post_only(client, routine):
    screen(client, routine)

    assert client.get(complete_url(routine)).status_code == 405
