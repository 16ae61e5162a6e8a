from hypothesis import given
from hypothesis import strategies as st

from stretches.models import Answer, Contraindication
from stretches.screening.rule import DecisionStatus, decide

URGENCIES = list(Contraindication.Urgency.values)
ANSWERS = list(Answer.values)


def condition(pk, urgency="check_with_pt", name=None):
    return Contraindication(pk=pk, name=name or f"Condition {pk}", urgency=urgency)


relevant_conditions = st.lists(
    st.builds(condition, pk=st.integers(1, 50), urgency=st.sampled_from(URGENCIES)),
    min_size=1,
    max_size=8,
    unique_by=lambda c: c.pk,
)


@given(relevant_conditions, st.data())
def test_any_yes_or_not_sure_on_a_relevant_question_blocks(conditions, data):
    answers = {c.pk: data.draw(st.sampled_from(ANSWERS)) for c in conditions}
    blocker = data.draw(st.sampled_from(conditions))
    answers[blocker.pk] = data.draw(st.sampled_from([Answer.YES, Answer.NOT_SURE]))

    decision = decide(conditions, answers)

    assert decision.status is DecisionStatus.BLOCKED
    assert blocker in [reason.contraindication for reason in decision.reasons]
    assert {r.contraindication.pk for r in decision.reasons} == {
        pk for pk, answer in answers.items() if answer != Answer.NO
    }


@given(relevant_conditions)
def test_all_no_clears(conditions):
    decision = decide(conditions, {c.pk: Answer.NO for c in conditions})

    assert decision.status is DecisionStatus.CLEARED
    assert decision.reasons == ()


@given(relevant_conditions, st.dictionaries(st.integers(51, 99), st.sampled_from(ANSWERS)))
def test_answers_to_irrelevant_questions_never_block(conditions, irrelevant_answers):
    answers = {c.pk: Answer.NO for c in conditions} | irrelevant_answers

    assert decide(conditions, answers).status is DecisionStatus.CLEARED


@given(relevant_conditions, st.data())
def test_an_unanswered_relevant_question_is_never_a_no(conditions, data):
    skipped = data.draw(st.sampled_from(conditions))
    answers = {c.pk: Answer.NO for c in conditions if c is not skipped}

    decision = decide(conditions, answers)

    assert decision.status is DecisionStatus.NEEDS_ANSWERS
    assert decision.unanswered == (skipped,)


@given(relevant_conditions, st.data())
def test_reasons_come_most_urgent_first(conditions, data):
    answers = {c.pk: data.draw(st.sampled_from([Answer.YES, Answer.NOT_SURE])) for c in conditions}

    ranks = [reason.contraindication.urgency_rank for reason in decide(conditions, answers).reasons]

    assert ranks == sorted(ranks)


def test_an_unexpected_answer_value_blocks_rather_than_clears():
    osteopenia = condition(1)

    decision = decide([osteopenia], {1: "maybe"})

    assert decision.status is DecisionStatus.BLOCKED
    assert decision.reasons[0].answer_label == "Unknown answer"


def test_emergency_reason_is_listed_before_a_physical_therapist_one():
    pt = condition(1, "check_with_pt", "Osteopenia")
    emergency = condition(2, "emergency", "Sudden numbness")

    decision = decide([pt, emergency], {1: Answer.YES, 2: Answer.NOT_SURE})

    assert [r.contraindication for r in decision.reasons] == [emergency, pt]
    assert [r.answer_label for r in decision.reasons] == ["Not sure", "Yes"]
