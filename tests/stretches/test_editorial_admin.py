import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from stretches.models import Contraindication, Routine, Step
from stretches.models.editorial import add_months
from tests.factories import ContraindicationFactory, RoutineFactory, routine_with_steps

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("general_red_flag")]

Status = Routine.Status
CHANGELIST = reverse("admin:stretches_routine_changelist")


def change_url(routine):
    return reverse("admin:stretches_routine_change", args=[routine.pk])


def transition_url(routine, name):
    return reverse("admin:stretches_routine_transition", args=[routine.pk, name])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def change_form_data(routine, steps=None, **changes):
    """What the admin's change form posts for `routine`; `steps` as (step or None, position)."""
    steps = steps if steps is not None else [(step, step.position) for step in routine.steps.all()]
    existing = [step for step, _ in steps if step is not None]
    data = {
        "title": routine.title,
        "slug": routine.slug,
        "about": routine.about,
        "sources": routine.sources,
        "position": routine.position,
        "body_area": routine.body_area,
        "equipment": routine.equipment,
        "estimated_minutes": routine.estimated_minutes,
        "caution_notes": routine.caution_notes,
        "contraindications": [c.pk for c in routine.contraindications.all()] if routine.pk else [],
        "steps-TOTAL_FORMS": len(steps),
        "steps-INITIAL_FORMS": len(existing),
        "steps-MIN_NUM_FORMS": 0,
        "steps-MAX_NUM_FORMS": 1000,
    }
    for index, (step, position) in enumerate(steps):
        data.update(
            {
                f"steps-{index}-id": step.pk if step else "",
                f"steps-{index}-routine": routine.pk,
                f"steps-{index}-position": position,
                f"steps-{index}-instruction": step.instruction if step else f"New step {index}.",
                f"steps-{index}-side": "n/a",
            }
        )
    data.update(changes)
    return data


def test_editor_sees_submit_but_no_publish_button_on_a_draft(editor_client):
    routine = routine_with_steps(status=Status.DRAFT)

    content = editor_client.get(change_url(routine)).content.decode()

    assert transition_url(routine, "submit_for_review") in content
    assert transition_url(routine, "publish") not in content


def test_reviewer_sees_publish_and_send_back_on_a_routine_in_review(reviewer_client):
    routine = routine_with_steps(status=Status.IN_REVIEW)

    content = reviewer_client.get(change_url(routine)).content.decode()

    assert transition_url(routine, "publish") in content
    assert reverse("admin:stretches_routine_send_back", args=[routine.pk]) in content


def test_editor_cannot_publish_by_posting_to_the_transition_url(editor_client):
    routine = routine_with_steps(title="Chair twist", status=Status.IN_REVIEW)

    response = editor_client.post(transition_url(routine, "publish"))

    assert response.status_code == 302
    assert messages_of(response) == [
        "You may not publish “Chair twist”: that takes a clinical reviewer."
    ]
    assert Routine.objects.get(pk=routine.pk).status == Status.IN_REVIEW


def test_editor_cannot_publish_with_the_admin_action(editor_client):
    routine = routine_with_steps(status=Status.IN_REVIEW)

    response = editor_client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [routine.pk]}, follow=True
    )

    assert response.status_code == 200
    assert "publish" not in dict(response.context["action_form"].fields["action"].choices)
    assert Routine.objects.get(pk=routine.pk).status == Status.IN_REVIEW


def test_editor_cannot_change_a_published_routine_through_the_change_form(editor_client):
    routine = routine_with_steps(status=Status.PUBLISHED)

    response = editor_client.post(change_url(routine), change_form_data(routine, title="Hacked"))

    assert response.status_code == 403
    assert Routine.objects.get(pk=routine.pk).title == routine.title


def test_editor_cannot_publish_by_posting_a_status_in_the_change_form(editor_client):
    routine = routine_with_steps(status=Status.DRAFT)

    response = editor_client.post(
        change_url(routine), change_form_data(routine, status="published", title="Renamed")
    )

    assert response.status_code == 302
    routine.refresh_from_db()
    assert (routine.title, routine.status) == ("Renamed", Status.DRAFT)


def test_editor_cannot_add_a_routine_as_published(editor_client):
    data = change_form_data(
        RoutineFactory.build(slug="new-one", title="New one"), steps=[], status="published"
    )

    response = editor_client.post(reverse("admin:stretches_routine_add"), data)

    assert response.status_code == 302
    assert Routine.objects.get(slug="new-one").status == Status.DRAFT


def test_reviewer_publishes_with_the_button_and_the_routine_goes_public(reviewer_client, client):
    routine = routine_with_steps(title="Chair twist", status=Status.IN_REVIEW)

    response = reviewer_client.post(transition_url(routine, "publish"))

    assert response.status_code == 302
    assert response.url == change_url(routine)
    due = add_months(timezone.localdate(), 12)
    assert messages_of(response) == [
        f"“Chair twist” is now published. Next clinical review due {due:%d %b %Y}."
    ]
    client.logout()
    assert client.get(routine.get_absolute_url()).status_code == 200


def test_transition_url_refuses_get(reviewer_client):
    routine = routine_with_steps(status=Status.IN_REVIEW)

    assert reviewer_client.get(transition_url(routine, "publish")).status_code == 405
    assert Routine.objects.get(pk=routine.pk).status == Status.IN_REVIEW


def test_unknown_transition_is_a_404(reviewer_client):
    routine = routine_with_steps(status=Status.IN_REVIEW)

    assert reviewer_client.post(transition_url(routine, "delete")).status_code == 404


def test_transition_url_needs_a_staff_login(client):
    routine = routine_with_steps(status=Status.IN_REVIEW)

    response = client.post(transition_url(routine, "publish"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert Routine.objects.get(pk=routine.pk).status == Status.IN_REVIEW


def test_send_back_asks_for_a_comment_and_records_it(reviewer_client):
    routine = routine_with_steps(status=Status.IN_REVIEW)
    page = reverse("admin:stretches_routine_send_back", args=[routine.pk])

    assert reviewer_client.get(page).status_code == 200
    empty = reviewer_client.post(transition_url(routine, "send_back"), {"comment": ""})
    assert empty.status_code == 200
    assert "This field is required." in empty.content.decode()
    assert Routine.objects.get(pk=routine.pk).status == Status.IN_REVIEW

    reviewer_client.post(transition_url(routine, "send_back"), {"comment": "Cite the source."})

    routine.refresh_from_db()
    assert (routine.status, routine.review_comment) == (Status.DRAFT, "Cite the source.")


def test_bulk_publish_is_all_or_nothing(reviewer_client):
    ready = routine_with_steps(status=Status.IN_REVIEW)
    empty = RoutineFactory(title="No steps yet", status=Status.IN_REVIEW)

    response = reviewer_client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [ready.pk, empty.pk]}
    )

    assert messages_of(response) == [
        "Nothing was changed. “No steps yet” has no steps; add its steps first."
    ]
    assert set(Routine.objects.values_list("status", flat=True)) == {Status.IN_REVIEW}


def test_bulk_submit_moves_every_selected_draft(editor_client):
    drafts = [routine_with_steps(status=Status.DRAFT) for _ in range(3)]

    response = editor_client.post(
        CHANGELIST, {"action": "submit_for_review", "_selected_action": [r.pk for r in drafts]}
    )

    assert sorted(messages_of(response)) == sorted(f"“{r.title}” is now in review." for r in drafts)

    assert set(Routine.objects.values_list("status", flat=True)) == {Status.IN_REVIEW}


def test_swapping_two_step_positions_in_the_inline_saves_both(editor_client):
    routine = routine_with_steps(step_count=3, status=Status.DRAFT)
    first, second, third = routine.steps.all()

    response = editor_client.post(
        change_url(routine), change_form_data(routine, steps=[(first, 2), (second, 1), (third, 3)])
    )

    assert response.status_code == 302
    assert list(routine.steps.values_list("pk", flat=True)) == [second.pk, first.pk, third.pk]


def test_moving_a_step_onto_a_deleted_steps_place_works(editor_client):
    routine = routine_with_steps(step_count=2, status=Status.DRAFT)
    first, second = routine.steps.all()
    data = change_form_data(routine, steps=[(first, 1), (second, 1)])
    data["steps-0-DELETE"] = "on"

    response = editor_client.post(change_url(routine), data)

    assert response.status_code == 302
    assert list(routine.steps.values_list("pk", "position")) == [(second.pk, 1)]


def test_two_steps_on_one_position_is_a_form_error_not_a_crash(editor_client):
    routine = routine_with_steps(step_count=2, status=Status.DRAFT)
    first, second = routine.steps.all()

    response = editor_client.post(
        change_url(routine), change_form_data(routine, steps=[(first, 1), (second, 1), (None, 3)])
    )

    assert response.status_code == 200
    assert "Please correct the duplicate data for position" in response.content.decode()
    assert list(routine.steps.values_list("position", flat=True)) == [1, 2]


def test_inline_steps_are_read_only_for_an_editor_once_submitted(editor_client):
    routine = routine_with_steps(step_count=2, status=Status.IN_REVIEW)

    response = editor_client.get(change_url(routine))

    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0]
    assert (formset.has_add_permission, formset.has_change_permission) == (False, False)
    assert "Only a clinical reviewer can change a routine once it has left draft." in (
        response.content.decode()
    )


def test_changelist_shows_status_last_change_reviewer_and_flags_overdue(reviewer_client, reviewer):
    routine_with_steps(
        title="Overdue one",
        status=Status.PUBLISHED,
        reviewed_by=reviewer,
        review_due=timezone.localdate() - datetime.timedelta(days=3),
    )

    response = reviewer_client.get(CHANGELIST)

    content = response.content.decode()
    headers = [header["text"] for header in response.context["result_headers"]]
    assert headers[1:6] == ["title", "status", "Last change", "reviewed by", "Review due"]
    assert "⚠ Overdue since" in content
    assert "rita" in content


def test_review_queue_filter_lists_waiting_and_overdue(reviewer_client):
    routine_with_steps(title="Waiting", status=Status.IN_REVIEW)
    routine_with_steps(title="Overdue", status=Status.PUBLISHED, review_due=None)
    routine_with_steps(
        title="Fine",
        status=Status.PUBLISHED,
        review_due=timezone.localdate() + datetime.timedelta(days=30),
    )

    def titles(review):
        response = reviewer_client.get(CHANGELIST, {"review": review})
        return [routine.title for routine in response.context["cl"].result_list]

    assert titles("waiting") == ["Waiting"]
    assert titles("overdue") == ["Overdue"]


@pytest.mark.parametrize("count", [5, 60])
def test_changelist_query_count_does_not_grow_with_routines(
    reviewer_client, reviewer, django_assert_max_num_queries, count
):
    for _ in range(count):
        routine_with_steps(step_count=1, status=Status.PUBLISHED, reviewed_by=reviewer)

    with django_assert_max_num_queries(7):
        assert reviewer_client.get(CHANGELIST).status_code == 200


def test_editor_cannot_change_a_condition_a_published_routine_lists(editor_client):
    condition = ContraindicationFactory(name="Osteopenia")
    RoutineFactory(status=Status.PUBLISHED, contraindications=[condition])
    url = reverse("admin:stretches_contraindication_change", args=[condition.pk])
    data = {
        "name": "Changed",
        "slug": condition.slug,
        "question": condition.question,
        "explanation": condition.explanation,
        "guidance": condition.guidance,
        "urgency": condition.urgency,
    }

    response = editor_client.post(url, data)

    assert response.status_code == 403
    condition.refresh_from_db()
    assert condition.name == "Osteopenia"


def test_editor_cannot_make_a_condition_a_general_red_flag(editor_client):
    data = {
        "name": "New condition",
        "slug": "new-condition",
        "question": "Do you?",
        "explanation": "Explained.",
        "guidance": "Check first.",
        "urgency": "check_with_pt",
        "applies_to_all_routines": "on",
    }

    response = editor_client.post(reverse("admin:stretches_contraindication_add"), data)

    assert response.status_code == 302
    assert Contraindication.objects.get(slug="new-condition").applies_to_all_routines is False


def test_editor_has_no_delete_routine_permission(editor_client):
    routine = routine_with_steps(status=Status.DRAFT)

    response = editor_client.post(
        reverse("admin:stretches_routine_delete", args=[routine.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert Routine.objects.filter(pk=routine.pk).exists()


def test_steps_keep_their_ids_when_reordered(editor_client):
    routine = routine_with_steps(step_count=2, status=Status.DRAFT)
    ids = set(Step.objects.values_list("pk", flat=True))
    first, second = routine.steps.all()

    editor_client.post(
        change_url(routine), change_form_data(routine, steps=[(first, 2), (second, 1)])
    )

    assert set(Step.objects.values_list("pk", flat=True)) == ids


def test_editor_opening_the_send_back_page_is_told_it_takes_a_reviewer(editor_client):
    routine = routine_with_steps(title="Chair twist", status=Status.IN_REVIEW)

    response = editor_client.get(reverse("admin:stretches_routine_send_back", args=[routine.pk]))

    assert response.status_code == 302
    assert messages_of(response) == [
        "You may not send back to draft “Chair twist”: that takes a clinical reviewer."
    ]


def test_reviewer_edits_a_published_routine_and_it_stays_published(reviewer_client):
    routine = routine_with_steps(status=Status.PUBLISHED)

    response = reviewer_client.post(change_url(routine), change_form_data(routine, title="Clearer"))

    assert response.status_code == 302
    routine.refresh_from_db()
    assert (routine.title, routine.status) == ("Clearer", Status.PUBLISHED)


def test_editor_changes_a_condition_that_only_drafts_list(editor_client):
    condition = ContraindicationFactory(name="Osteopenia")
    RoutineFactory(status=Status.DRAFT, contraindications=[condition])
    url = reverse("admin:stretches_contraindication_change", args=[condition.pk])
    data = {
        "name": "Osteopenia (low bone density)",
        "slug": condition.slug,
        "question": condition.question,
        "explanation": condition.explanation,
        "guidance": condition.guidance,
        "urgency": condition.urgency,
    }

    response = editor_client.post(url, data)

    assert response.status_code == 302
    condition.refresh_from_db()
    assert condition.name == "Osteopenia (low bone density)"


def test_the_publish_button_posts_with_a_csrf_token_a_real_browser_would_send(reviewer):
    routine = routine_with_steps(status=Status.IN_REVIEW)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(reviewer)
    page = browser.get(change_url(routine)).content.decode()
    button_form = page[page.index(f'action="{transition_url(routine, "publish")}"') :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', button_form).group(1)

    assert browser.post(transition_url(routine, "publish")).status_code == 403
    response = browser.post(transition_url(routine, "publish"), {"csrfmiddlewaretoken": token})

    assert response.status_code == 302
    assert Routine.objects.get(pk=routine.pk).status == Status.PUBLISHED
