import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from stretches.models import Screening
from stretches.screening.owners import ScreeningOwner
from stretches.screening.recording import record_screening
from stretches.screening.state import screening_state
from tests.factories import RoutineFactory, seed_conditions

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough passphrase"


@pytest.fixture
def screening():
    conditions = seed_conditions()
    routine = RoutineFactory(contraindications=[conditions["osteopenia"]])
    owner = ScreeningOwner(session_token="browser-1")
    state = screening_state(owner, routine)
    answers = dict.fromkeys(state.contraindications, "no") | {conditions["osteopenia"]: "yes"}
    screening, _ = record_screening(owner=owner, state=state, answers=answers)
    return screening


def staff_member(django_user_model, *permissions):
    user = django_user_model.objects.create_user(
        "staff", "staff@example.com", PASSWORD, is_staff=True
    )
    for codename in permissions:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


def test_staff_with_content_permissions_only_cannot_see_screenings(
    client, django_user_model, screening
):
    client.force_login(staff_member(django_user_model, "change_routine", "view_routine"))

    assert client.get(reverse("admin:stretches_screening_changelist")).status_code == 403
    assert (
        client.get(reverse("admin:stretches_screening_change", args=[screening.pk])).status_code
        == 403
    )
    assert client.get(reverse("admin:stretches_painreport_changelist")).status_code == 403
    assert b"Screenings" not in client.get(reverse("admin:index")).content


def test_the_dedicated_permission_shows_screenings_read_only(client, django_user_model, screening):
    client.force_login(staff_member(django_user_model, "view_screening_data"))

    listing = client.get(reverse("admin:stretches_screening_changelist"))
    detail = client.get(reverse("admin:stretches_screening_change", args=[screening.pk]))

    assert listing.status_code == 200
    assert list(listing.context["cl"].result_list) == [screening]
    assert detail.status_code == 200
    assert screening.answers.first().question_text.encode() in detail.content
    assert b"Osteopenia (Yes)" in detail.content
    assert client.get(reverse("admin:stretches_screening_add")).status_code == 403
    assert (
        client.post(reverse("admin:stretches_screening_delete", args=[screening.pk])).status_code
        == 403
    )
    assert Screening.objects.count() == 1


def test_even_a_superuser_cannot_edit_a_screening(client, django_user_model, screening):
    client.force_login(
        django_user_model.objects.create_superuser("root", "root@example.com", PASSWORD)
    )

    response = client.post(
        reverse("admin:stretches_screening_change", args=[screening.pk]), {"outcome": "cleared"}
    )

    assert response.status_code == 403
    screening.refresh_from_db()
    assert screening.outcome == Screening.Outcome.BLOCKED


@pytest.mark.parametrize(
    "lookup", ["pain_reports", "screenings", "pain_reports__isnull", "completions"]
)
def test_routine_admin_cannot_be_filtered_by_health_data(django_user_model, screening, lookup):
    client = Client(raise_request_exception=False)
    client.force_login(staff_member(django_user_model, "view_routine", "change_routine"))

    response = client.get(reverse("admin:stretches_routine_changelist"), {lookup: "1"})

    assert response.status_code == 400
