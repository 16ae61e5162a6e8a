import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from stretches.models import Contraindication, Routine, Step
from stretches.revisions import revert_contraindication, revert_routine, routine_history
from tests.factories import ContraindicationFactory, StepFactory, routine_with_steps

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("general_red_flag")]

Status = Routine.Status


def history_url(routine):
    return reverse("admin:stretches_routine_history", args=[routine.pk])


def revert_url(routine):
    return reverse("admin:stretches_routine_revert", args=[routine.pk])


def edit(instance, user, **changes):
    for name, value in changes.items():
        setattr(instance, name, value)
    instance._history_user = user
    instance.save()


def test_every_change_is_recorded_with_who_and_what(editor, reviewer):
    routine = routine_with_steps(step_count=2, title="Chair twist", status=Status.DRAFT)
    edit(routine, editor, title="Seated chair twist")
    edit(routine.steps.get(position=2), editor, instruction="Turn slowly.")
    routine.submit_for_review(by=editor)
    routine.publish(by=reviewer)

    entries = routine_history(routine)

    assert [(e.subject, e.action, e.who, e.reason) for e in entries[:4]] == [
        ("Routine", "Changed", reviewer, "Reviewed and published"),
        ("Routine", "Changed", editor, "Submitted for review"),
        ("Step 2", "Changed", editor, ""),
        ("Routine", "Changed", editor, ""),
    ]
    assert [(c.label, c.old, c.new) for c in entries[3].changes] == [
        ("Title", "Chair twist", "Seated chair twist")
    ]
    assert ("Status", "In review", "Published") in [
        (c.label, c.old, c.new) for c in entries[0].changes
    ]


def test_contraindication_links_are_part_of_the_routines_history(editor):
    condition = ContraindicationFactory(name="Osteopenia")
    routine = routine_with_steps(status=Status.DRAFT)
    routine._history_user = editor
    routine.contraindications.add(condition)

    latest = routine_history(routine)[0]

    assert (latest.who, [(c.label, c.old, c.new) for c in latest.changes]) == (
        editor,
        [("Contraindications", "—", "Osteopenia")],
    )


def test_admin_history_page_shows_both_peoples_changes_as_a_diff(reviewer_client, editor, reviewer):
    routine = routine_with_steps(step_count=1, title="Chair twist", status=Status.DRAFT)
    edit(routine, editor, about="A slower twist.")
    routine.submit_for_review(by=editor)
    routine.publish(by=reviewer)

    response = reviewer_client.get(history_url(routine))

    content = response.content.decode()
    assert response.status_code == 200
    assert "<del>A gentle stretch.</del> → <ins>A slower twist.</ins>" in content
    assert "edith" in content
    assert "rita" in content
    assert "Revert to this version" in content


def test_editors_see_the_history_without_revert_buttons(editor_client):
    routine = routine_with_steps(status=Status.DRAFT)
    edit(routine, None, title="Changed")

    response = editor_client.get(history_url(routine))

    assert response.status_code == 200
    assert "Revert to this version" not in response.content.decode()


def test_revert_restores_fields_steps_and_contraindications_as_a_new_recorded_change(reviewer):
    kept = ContraindicationFactory(name="Kept")
    routine = routine_with_steps(
        step_count=2, title="Original", contraindications=[kept], status=Status.DRAFT
    )
    first, second = routine.steps.all()
    before = list(routine.steps.values_list("pk", "position", "instruction"))
    second_pk = second.pk
    version = routine_history(routine)[0].when
    edit(routine, reviewer, title="Rewritten")
    routine.contraindications.set([ContraindicationFactory(name="Added later")])
    second.delete()
    edit(first, reviewer, instruction="Changed instruction.", position=3)
    StepFactory(routine=routine, position=1, instruction="A new first step.")

    revert_routine(routine, to=version, by=reviewer)

    routine.refresh_from_db()
    assert routine.title == "Original"
    assert list(routine.contraindications.all()) == [kept]
    assert list(routine.steps.values_list("pk", "position", "instruction")) == before
    assert [pk for pk, _, _ in before] == [first.pk, second_pk]
    latest = routine.history.first()
    assert latest.history_user == reviewer
    assert latest.history_change_reason.startswith("Reverted to the version of ")
    assert Step.history.filter(id=second_pk).first().history_user == reviewer


def test_revert_keeps_the_workflow_state_and_review(reviewer):
    routine = routine_with_steps(title="Original", status=Status.IN_REVIEW)
    version = routine_history(routine)[0].when
    edit(routine, reviewer, title="Rewritten")
    routine.publish(by=reviewer)

    revert_routine(routine, to=version, by=reviewer)

    routine.refresh_from_db()
    assert (routine.title, routine.status, routine.reviewed_by) == (
        "Original",
        Status.PUBLISHED,
        reviewer,
    )


def test_editors_cannot_revert(editor):
    routine = routine_with_steps(title="Original", status=Status.DRAFT)
    version = routine_history(routine)[0].when
    edit(routine, editor, title="Rewritten")

    with pytest.raises(ValidationError) as refusal:
        revert_routine(routine, to=version, by=editor)

    assert refusal.value.code == "not_permitted"
    assert Routine.objects.get(pk=routine.pk).title == "Rewritten"


def test_reviewer_reverts_from_the_admin_history_page(reviewer_client, reviewer):
    routine = routine_with_steps(title="Original", status=Status.PUBLISHED)
    original_entry = routine_history(routine)[0]
    edit(routine, reviewer, title="Rewritten")

    response = reviewer_client.post(revert_url(routine), {"version": original_entry.key})

    assert response.status_code == 302
    assert response.url == history_url(routine)
    assert Routine.objects.get(pk=routine.pk).title == "Original"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "“Original” is back to that version."
    ]


def test_editor_posting_a_revert_changes_nothing(editor_client, editor):
    routine = routine_with_steps(title="Original", status=Status.DRAFT)
    original_entry = routine_history(routine)[0]
    edit(routine, editor, title="Rewritten")

    response = editor_client.post(revert_url(routine), {"version": original_entry.key})

    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Only a clinical reviewer may revert content to an earlier version."
    ]
    assert Routine.objects.get(pk=routine.pk).title == "Rewritten"


@pytest.mark.parametrize("version", ["", "routine:abc", "nonsense", "step:999999"])
def test_a_bad_version_is_a_message_not_a_crash(reviewer_client, version):
    routine = routine_with_steps(status=Status.DRAFT)

    response = reviewer_client.post(revert_url(routine), {"version": version})

    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "That version does not belong to this history."
    ]


def test_a_version_of_another_routine_is_refused(reviewer_client):
    routine = routine_with_steps(status=Status.DRAFT)
    other = routine_with_steps(title="Other", status=Status.DRAFT)

    response = reviewer_client.post(revert_url(routine), {"version": routine_history(other)[0].key})

    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "That version does not belong to this history."
    ]


def test_revert_get_is_refused(reviewer_client):
    routine = routine_with_steps(status=Status.DRAFT)

    assert reviewer_client.get(revert_url(routine)).status_code == 405


def test_contraindication_history_and_revert(reviewer_client, reviewer):
    condition = ContraindicationFactory(guidance="See a doctor.")
    edit(condition, reviewer, guidance="Rest first.")
    url = reverse("admin:stretches_contraindication_history", args=[condition.pk])

    content = reviewer_client.get(url).content.decode()
    assert "<del>See a doctor.</del> → <ins>Rest first.</ins>" in content

    first_version = condition.history.order_by("history_date").first().history_date
    revert_contraindication(condition, to=first_version, by=reviewer)
    assert Contraindication.objects.get(pk=condition.pk).guidance == "See a doctor."
