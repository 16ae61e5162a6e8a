import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from stretches.models import Contraindication, Routine, Step
from tests.factories import ContraindicationFactory, RoutineFactory, StepFactory

pytestmark = pytest.mark.django_db


def test_published_excludes_drafts():
    published = RoutineFactory(status=Routine.Status.PUBLISHED)
    RoutineFactory(status=Routine.Status.DRAFT)

    assert list(Routine.objects.published()) == [published]


def test_matching_combines_filters_and_searches_title_and_summary():
    wanted = RoutineFactory(
        title="Chair twist", body_area="whole_back", position="chair", equipment="chair"
    )
    RoutineFactory(title="Chair lean", body_area="neck", position="chair", equipment="chair")
    RoutineFactory(title="Floor twist", body_area="whole_back", position="floor")
    by_summary = RoutineFactory(title="Other", about="A TWIST on a chair", body_area="whole_back")

    assert set(Routine.objects.matching(q="twist", body_area="whole_back", position="chair")) == {
        wanted,
        by_summary,
    }
    assert Routine.objects.matching().count() == 4


def test_steps_come_out_in_position_order():
    routine = RoutineFactory()
    for position in (3, 1, 2):
        StepFactory(routine=routine, position=position)

    assert [step.position for step in routine.steps.all()] == [1, 2, 3]


def test_step_position_is_unique_per_routine_in_the_database():
    step = StepFactory(position=1)

    with pytest.raises(IntegrityError):
        Step.objects.create(routine=step.routine, position=1, instruction="Again.")


def test_duplicate_step_position_fails_validation_with_a_readable_message():
    step = StepFactory(position=1)
    duplicate = Step(routine=step.routine, position=1, instruction="Again.")

    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()

    assert error.value.messages == ["Another step of this routine already has this position."]


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("hold_seconds", "A hold must last at least 1 second; leave it empty for none."),
        ("repetitions", "Repetitions must be at least 1; leave it empty for none."),
    ],
)
def test_zero_hold_or_repetitions_fails_validation(field, message):
    step = StepFactory.build(routine=RoutineFactory(), position=1, **{field: 0})

    with pytest.raises(ValidationError) as error:
        step.full_clean()

    assert error.value.messages == [message]


def test_zero_hold_is_refused_by_the_database_too():
    routine = RoutineFactory()

    with pytest.raises(IntegrityError):
        Step.objects.create(routine=routine, position=1, instruction="Hold.", hold_seconds=0)


def test_routine_slug_is_unique():
    RoutineFactory(slug="twist")

    with pytest.raises(ValidationError) as error:
        RoutineFactory.build(slug="twist").full_clean()

    assert "slug" in error.value.message_dict


def test_relevant_contraindications_are_the_routines_own_plus_general_red_flags():
    general = ContraindicationFactory(name="Pain now", applies_to_all_routines=True)
    listed = ContraindicationFactory(name="Osteopenia")
    ContraindicationFactory(name="Unrelated")
    routine = RoutineFactory(contraindications=[listed, general])

    assert list(routine.relevant_contraindications()) == [general, listed]


def test_cautions_are_the_non_blank_lines_of_the_notes():
    routine = RoutineFactory.build(caution_notes="Stop if it hurts.\n\n  Don't force it.  \n")

    assert routine.cautions == ["Stop if it hurts.", "Don't force it."]


def test_urgency_rank_puts_emergency_first():
    ranks = {
        urgency: ContraindicationFactory.build(urgency=urgency).urgency_rank
        for urgency in Contraindication.Urgency.values
    }

    assert sorted(ranks, key=ranks.get) == ["emergency", "see_doctor", "check_with_pt"]
