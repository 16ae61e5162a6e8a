"""A published routine stays whole through every admin path: revert, inline step deletion,
removing a condition, and a general red flag that stops being general."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from stretches.models import Contraindication, Routine
from stretches.revisions import revert_contraindication, revert_routine, routine_history
from tests.factories import ContraindicationFactory, routine_with_steps
from tests.stretches.test_editorial_admin import change_form_data, change_url, messages_of

pytestmark = pytest.mark.django_db

Status = Routine.Status


def test_reverting_a_loaded_routine_to_its_oldest_version_keeps_it_whole(reviewer):
    # The leak as found: the loader's oldest version had 0 steps and 0 conditions, and "Revert to
    # this version" on it left chair twist published and bare.
    call_command("load_routines", verbosity=0)
    routine = Routine.objects.get(slug="chair-twist")
    routine.title = "Chair twist, edited"
    routine.save()
    oldest = routine_history(routine)[-1]

    revert_routine(routine, to=oldest.when, by=reviewer)

    routine.refresh_from_db()
    assert (routine.title, routine.status) == ("Chair twist", Status.PUBLISHED)
    assert routine.steps.count() == 5
    assert set(routine.contraindications.values_list("slug", flat=True)) == {
        "osteoarthritis",
        "osteopenia",
        "neurological-issues",
    }


def test_a_revert_that_would_strip_a_published_routine_is_refused_and_changes_nothing(reviewer):
    condition = ContraindicationFactory(name="Osteopenia")
    routine = routine_with_steps(step_count=0, title="Bare at first")
    bare_version = routine_history(routine)[-1].when
    routine.contraindications.set([condition])
    routine.steps.create(position=1, instruction="Sit.")
    routine.title = "Whole now"
    routine.save()

    with pytest.raises(ValidationError) as refusal:
        revert_routine(routine, to=bare_version, by=reviewer)

    assert refusal.value.code == "would_strip_published"
    assert (
        "it would have no steps and it would stop asking about Osteopenia"
        in (refusal.value.messages[0])
    )
    routine.refresh_from_db()
    assert (routine.title, routine.steps.count()) == ("Whole now", 1)
    assert list(routine.contraindications.all()) == [condition]


def test_the_same_revert_of_a_draft_is_allowed(reviewer):
    routine = routine_with_steps(step_count=0, status=Status.DRAFT)
    bare_version = routine_history(routine)[-1].when
    routine.steps.create(position=1, instruction="Sit.")

    revert_routine(routine, to=bare_version, by=reviewer)

    assert routine.steps.count() == 0


def test_the_admin_revert_button_shows_the_refusal(reviewer_client):
    routine = routine_with_steps(step_count=0, title="Chair twist")
    first = routine_history(routine)[-1]
    routine.contraindications.set([ContraindicationFactory(name="Osteopenia")])
    routine.steps.create(position=1, instruction="Sit.")

    response = reviewer_client.post(
        reverse("admin:stretches_routine_revert", args=[routine.pk]),
        {"version": first.key},
        follow=True,
    )

    assert "“Chair twist” is published, so it would have no steps" in response.content.decode()
    assert routine.steps.count() == 1


def test_deleting_every_step_of_a_published_routine_inline_is_refused(reviewer_client):
    condition = ContraindicationFactory()
    routine = routine_with_steps(step_count=2, contraindications=[condition])
    data = change_form_data(routine)
    data.update({"steps-0-DELETE": "on", "steps-1-DELETE": "on"})

    response = reviewer_client.post(change_url(routine), data)

    assert response.status_code == 200
    assert "is published, so it would have no steps" in response.content.decode()
    assert routine.steps.count() == 2


def test_deleting_some_steps_of_a_published_routine_inline_is_fine(reviewer_client):
    routine = routine_with_steps(step_count=2, contraindications=[ContraindicationFactory()])
    data = change_form_data(routine)
    data["steps-1-DELETE"] = "on"

    response = reviewer_client.post(change_url(routine), data)

    assert response.status_code == 302
    assert routine.steps.count() == 1


def test_removing_a_condition_from_a_published_routine_is_refused(reviewer_client):
    osteopenia = ContraindicationFactory(name="Osteopenia")
    kept = ContraindicationFactory(name="Kept")
    routine = routine_with_steps(contraindications=[osteopenia, kept])

    response = reviewer_client.post(
        change_url(routine), change_form_data(routine, contraindications=[kept.pk])
    )

    assert response.status_code == 200
    assert "it would stop asking about Osteopenia" in response.content.decode()
    assert set(routine.contraindications.all()) == {osteopenia, kept}


def test_adding_a_condition_to_a_published_routine_is_fine(reviewer_client):
    kept = ContraindicationFactory(name="Kept")
    routine = routine_with_steps(contraindications=[kept])
    added = ContraindicationFactory(name="Added")

    response = reviewer_client.post(
        change_url(routine), change_form_data(routine, contraindications=[kept.pk, added.pk])
    )

    assert response.status_code == 302
    assert set(routine.contraindications.all()) == {kept, added}


def test_removing_a_condition_from_a_draft_is_fine(reviewer_client):
    gone = ContraindicationFactory(name="Gone")
    routine = routine_with_steps(status=Status.DRAFT, contraindications=[gone])

    response = reviewer_client.post(
        change_url(routine), change_form_data(routine, contraindications=[])
    )

    assert response.status_code == 302
    assert routine.contraindications.count() == 0


def contraindication_form_data(condition, **changes):
    data = {
        "name": condition.name,
        "slug": condition.slug,
        "question": condition.question,
        "explanation": condition.explanation,
        "guidance": condition.guidance,
        "urgency": condition.urgency,
        "sources": condition.sources,
    }
    if condition.applies_to_all_routines:
        data["applies_to_all_routines"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not False}


def test_unticking_ask_before_every_routine_is_refused_while_published_routines_rely_on_it(
    reviewer_client,
):
    general = ContraindicationFactory(name="Pain right now", applies_to_all_routines=True)
    routine_with_steps(title="Chair twist")
    url = reverse("admin:stretches_contraindication_change", args=[general.pk])

    response = reviewer_client.post(
        url, contraindication_form_data(general, applies_to_all_routines=False)
    )

    assert response.status_code == 200
    assert "published routines rely on it (Chair twist)" in response.content.decode()
    assert Contraindication.objects.get(pk=general.pk).applies_to_all_routines is True


def test_unticking_it_is_fine_when_every_published_routine_lists_the_condition_itself(
    reviewer_client,
):
    general = ContraindicationFactory(name="Osteopenia", applies_to_all_routines=True)
    routine_with_steps(contraindications=[general])
    url = reverse("admin:stretches_contraindication_change", args=[general.pk])

    response = reviewer_client.post(
        url, contraindication_form_data(general, applies_to_all_routines=False)
    )

    assert response.status_code == 302
    assert Contraindication.objects.get(pk=general.pk).applies_to_all_routines is False


def test_reverting_a_general_red_flag_to_a_routine_condition_is_refused(reviewer):
    condition = ContraindicationFactory(name="Pain right now")
    version = condition.history.first().history_date
    condition.applies_to_all_routines = True
    condition.save()
    routine_with_steps()

    with pytest.raises(ValidationError) as refusal:
        revert_contraindication(condition, to=version, by=reviewer)

    assert refusal.value.code == "would_strip_published"
    assert Contraindication.objects.get(pk=condition.pk).applies_to_all_routines is True


def test_a_condition_published_routines_ask_cannot_be_deleted(superuser, client):
    client.force_login(superuser)
    listed = ContraindicationFactory(name="Osteopenia")
    routine_with_steps(contraindications=[listed])
    unused = ContraindicationFactory(name="Unused")

    refused = client.post(
        reverse("admin:stretches_contraindication_delete", args=[listed.pk]), {"post": "yes"}
    )
    allowed = client.post(
        reverse("admin:stretches_contraindication_delete", args=[unused.pk]), {"post": "yes"}
    )

    assert refused.status_code == 403
    assert allowed.status_code == 302
    assert list(Contraindication.objects.all()) == [listed]


def test_a_refusal_says_how_to_get_out(reviewer_client):
    osteopenia = ContraindicationFactory(name="Osteopenia")
    routine = routine_with_steps(contraindications=[osteopenia])

    response = reviewer_client.post(
        change_url(routine), change_form_data(routine, contraindications=[])
    )

    assert "Unpublish it first (that takes it off the public site)" in response.content.decode()
    assert messages_of(response) == []
