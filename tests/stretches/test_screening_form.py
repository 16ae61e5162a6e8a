import pytest

from stretches.screening.forms import ScreeningForm
from tests.factories import RoutineFactory
from tests.helpers import answers_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def routine(conditions):
    return RoutineFactory(slug="chair-twist", contraindications=[conditions["osteopenia"]])


def make_form(routine, data):
    return ScreeningForm(
        data, routine=routine, contraindications=list(routine.relevant_contraindications())
    )


def all_no(routine):
    return answers_for(routine)


def test_asks_each_relevant_question_with_its_explanation_and_no_default(routine, conditions):
    form = make_form(routine, None)

    questions = [name for name in form.fields if name.startswith("question-")]
    # Right-now questions first, then the general red flags, then the routine's own.
    assert questions == [
        "question-pain-right-now",
        "question-back-pain-lasting-weeks",
        "question-osteopenia",
    ]
    field = form.fields["question-osteopenia"]
    assert field.label == conditions["osteopenia"].question
    assert field.help_text == conditions["osteopenia"].explanation
    assert [label for _, label in field.choices] == ["Yes", "No", "Not sure"]
    assert field.initial is None


def test_all_answered_is_valid_and_returns_the_answers(routine, conditions):
    form = make_form(routine, all_no(routine))

    assert form.is_valid(), form.errors
    assert form.answers()[conditions["osteopenia"]] == "no"


def test_an_unanswered_question_is_an_error_not_a_no(routine):
    data = all_no(routine)
    del data["question-osteopenia"]

    form = make_form(routine, data)

    assert not form.is_valid()
    assert form.has_error("question-osteopenia", code="required")
    assert form.errors["question-osteopenia"] == [
        "Please answer this question: Yes, No or Not sure."
    ]


def test_an_unknown_answer_value_is_refused(routine):
    form = make_form(routine, all_no(routine) | {"question-osteopenia": "maybe"})

    assert not form.is_valid()
    assert form.has_error("question-osteopenia", code="invalid_choice")


def test_an_unknown_question_id_is_refused(routine):
    form = make_form(routine, all_no(routine) | {"question-gout": "no"})

    assert not form.is_valid()
    assert form.has_error("__all__", code="unknown_question")


def test_a_form_for_another_routine_is_refused(routine):
    form = make_form(routine, all_no(routine) | {"routine": "neck-flexion"})

    assert not form.is_valid()
    assert form.has_error("routine", code="wrong_routine")


def test_a_missing_routine_field_is_refused(routine):
    data = all_no(routine)
    del data["routine"]

    form = make_form(routine, data)

    assert not form.is_valid()
    assert form.has_error("routine", code="required")


def test_each_rendered_form_carries_its_own_single_use_token(routine):
    first = make_form(routine, None).fields["form_token"].initial
    second = make_form(routine, None).fields["form_token"].initial

    assert first != second
    assert make_form(routine, all_no(routine) | {"form_token": first}).is_valid()


def test_a_forged_token_is_refused(routine):
    form = make_form(routine, all_no(routine) | {"form_token": "forged"})

    assert not form.is_valid()
    assert form.has_error("form_token", code="stale_form")
