import pytest
from django.urls import reverse

from stretches.models import Routine
from tests.factories import routine_with_steps

pytestmark = pytest.mark.django_db

Status = Routine.Status


def preview_url(routine):
    return reverse("stretches:routine_preview", args=[routine.slug])


@pytest.mark.parametrize("state", [Status.DRAFT, Status.IN_REVIEW, Status.UNPUBLISHED])
def test_staff_preview_an_unpublished_routine_behind_a_banner(editor_client, state):
    routine = routine_with_steps(step_count=3, title="Chair twist", status=state)

    response = editor_client.get(preview_url(routine))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Preview — not published." in content
    assert "<h1>Chair twist</h1>" in content
    assert content.count('class="list-group-item routine-step"') == 3
    assert reverse("stretches:routine_steps", args=[routine.slug]) not in content


def test_preview_of_a_published_routine_says_it_is_published(editor_client):
    routine = routine_with_steps(status=Status.PUBLISHED)

    content = editor_client.get(preview_url(routine)).content.decode()

    assert "Preview — not published." not in content
    assert "is published; this is its page as staff see it" in content


def test_public_and_non_staff_get_a_404_for_a_preview(client, django_user_model):
    routine = routine_with_steps(status=Status.DRAFT)

    assert client.get(preview_url(routine)).status_code == 404
    assert client.get(routine.get_absolute_url()).status_code == 404
    client.force_login(django_user_model.objects.create_user(username="member"))
    assert client.get(preview_url(routine)).status_code == 404


def test_staff_without_routine_permission_get_a_404(client, django_user_model):
    routine = routine_with_steps(status=Status.DRAFT)
    client.force_login(django_user_model.objects.create_user(username="clerk", is_staff=True))

    assert client.get(preview_url(routine)).status_code == 404


def test_the_public_pages_carry_no_preview_banner(client):
    routine = routine_with_steps(status=Status.PUBLISHED)

    assert b"Preview" not in client.get(routine.get_absolute_url()).content


def test_admin_view_on_site_points_a_draft_at_its_preview(editor_client):
    routine = routine_with_steps(status=Status.DRAFT)

    response = editor_client.get(reverse("admin:stretches_routine_change", args=[routine.pk]))

    assert preview_url(routine) in response.content.decode()


@pytest.mark.parametrize("count", [5, 60])
def test_preview_query_count_does_not_grow_with_routines(
    editor_client, django_assert_max_num_queries, count
):
    for _ in range(count):
        routine_with_steps(step_count=2, status=Status.DRAFT)
    routine = Routine.objects.first()

    with django_assert_max_num_queries(7):
        assert editor_client.get(preview_url(routine)).status_code == 200


@pytest.mark.parametrize("state", [Status.DRAFT, Status.IN_REVIEW, Status.UNPUBLISHED])
def test_only_published_routines_reach_the_public_pages(client, state):
    routine = routine_with_steps(title="Not yet", status=state)

    assert client.get(routine.get_absolute_url()).status_code == 404
    assert b"Not yet" not in client.get(reverse("stretches:routine_list")).content
