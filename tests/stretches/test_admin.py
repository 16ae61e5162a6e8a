import pytest
from django.urls import reverse

from stretches.models import Routine, Step
from tests.factories import ContraindicationFactory, routine_with_steps

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:stretches_routine_changelist",
        "admin:stretches_routine_add",
        "admin:stretches_contraindication_changelist",
        "admin:stretches_contraindication_add",
    ],
)
def test_admin_pages_load_for_staff(staff_client, url_name):
    assert staff_client.get(reverse(url_name)).status_code == 200


def test_routine_change_page_shows_its_steps_inline(staff_client):
    routine = routine_with_steps(step_count=3)

    response = staff_client.get(reverse("admin:stretches_routine_change", args=[routine.pk]))

    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.queryset.count() == 3


def test_changelist_filters_by_status(staff_client):
    routine_with_steps(title="Published one")
    routine_with_steps(title="Draft one", status=Routine.Status.DRAFT)

    response = staff_client.get(reverse("admin:stretches_routine_changelist"), {"status": "draft"})

    assert [r.title for r in response.context["cl"].result_list] == ["Draft one"]


def test_admin_refuses_a_zero_hold_and_saves_nothing(staff_client):
    routine = routine_with_steps(step_count=1)
    step = routine.steps.get()
    condition = ContraindicationFactory()
    url = reverse("admin:stretches_routine_change", args=[routine.pk])
    data = {
        "title": routine.title,
        "slug": routine.slug,
        "about": "Changed summary",
        "status": routine.status,
        "sources": "",
        "position": routine.position,
        "body_area": routine.body_area,
        "equipment": routine.equipment,
        "estimated_minutes": 3,
        "contraindications": [condition.pk],
        "caution_notes": "",
        "steps-TOTAL_FORMS": 1,
        "steps-INITIAL_FORMS": 1,
        "steps-MIN_NUM_FORMS": 0,
        "steps-MAX_NUM_FORMS": 1000,
        "steps-0-id": step.pk,
        "steps-0-routine": routine.pk,
        "steps-0-position": 1,
        "steps-0-instruction": "Hold still.",
        "steps-0-hold_seconds": 0,
        "steps-0-side": "n/a",
    }

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert (
        "A hold must last at least 1 second; leave it empty for none." in response.content.decode()
    )
    routine.refresh_from_db()
    assert routine.about == "A gentle stretch."
    assert Step.objects.get(pk=step.pk).hold_seconds is None


def test_admin_requires_staff(client):
    response = client.get(reverse("admin:stretches_routine_changelist"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
