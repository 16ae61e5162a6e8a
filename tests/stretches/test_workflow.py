import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.utils import timezone

from stretches.models import (
    CLINICAL_REVIEWERS,
    CONTENT_EDITORS,
    EDITOR_PERMISSIONS,
    REVIEWER_PERMISSIONS,
    Routine,
)
from stretches.models.editorial import add_months
from tests.factories import ContraindicationFactory, RoutineFactory, routine_with_steps

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("general_red_flag")]

Status = Routine.Status
DRAFT, IN_REVIEW, PUBLISHED, UNPUBLISHED = (
    Status.DRAFT,
    Status.IN_REVIEW,
    Status.PUBLISHED,
    Status.UNPUBLISHED,
)
ROLES = ["editor", "reviewer", "superuser"]
STATES = [DRAFT, IN_REVIEW, PUBLISHED, UNPUBLISHED]

# The rules, written out by hand rather than read from Routine.TRANSITIONS, so that a
# change to the table in the code has to be matched here: transition -> (allowed roles, source
# states, resulting state).
EXPECTED = {
    "submit_for_review": ({"editor", "reviewer", "superuser"}, {DRAFT}, IN_REVIEW),
    "publish": ({"reviewer", "superuser"}, {IN_REVIEW}, PUBLISHED),
    "confirm_review": ({"reviewer", "superuser"}, {PUBLISHED}, PUBLISHED),
    "send_back": ({"reviewer", "superuser"}, {IN_REVIEW, UNPUBLISHED}, DRAFT),
    "unpublish": ({"reviewer", "superuser"}, {PUBLISHED}, UNPUBLISHED),
}


def make_transition(routine, name, user):
    if name == "send_back":
        routine.send_back(by=user, comment="Step 2 needs a caution.")
    else:
        getattr(routine, name)(by=user)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("transition", list(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix_every_role_every_transition_every_state(
    request, role, transition, state
):
    user = request.getfixturevalue(role)
    routine = routine_with_steps(status=state)
    roles, sources, target = EXPECTED[transition]

    if role in roles and state in sources:
        make_transition(routine, transition, user)
        routine.refresh_from_db()
        assert routine.status == target
        assert routine.history.first().history_user == user
    else:
        with pytest.raises(ValidationError) as refusal:
            make_transition(routine, transition, user)
        expected_code = "not_permitted" if role not in roles else "wrong_state"
        assert refusal.value.code == expected_code
        assert Routine.objects.get(pk=routine.pk).status == state


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_available_transitions_are_exactly_the_allowed_ones(request, role, state):
    user = request.getfixturevalue(role)
    routine = RoutineFactory(status=state)

    assert set(routine.available_transitions(user)) == {
        name for name, (roles, sources, _) in EXPECTED.items() if role in roles and state in sources
    }


def test_publishing_records_the_reviewer_and_sets_the_review_due_date(reviewer, settings):
    settings.EDITORIAL_REVIEW_INTERVAL_MONTHS = 6
    routine = routine_with_steps(status=IN_REVIEW)

    routine.publish(by=reviewer)

    routine.refresh_from_db()
    assert routine.status == PUBLISHED
    assert routine.reviewed_by == reviewer
    assert timezone.now() - routine.reviewed_at < datetime.timedelta(seconds=5)
    assert routine.review_due == add_months(timezone.localdate(), 6)
    assert routine.history.first().history_user == reviewer
    assert routine.history.first().history_change_reason == "Reviewed and published"


def test_the_review_interval_defaults_to_twelve_months(settings):
    assert settings.EDITORIAL_REVIEW_INTERVAL_MONTHS == 12


def test_publishing_refuses_a_routine_without_steps(reviewer):
    routine = RoutineFactory(title="Empty", status=IN_REVIEW)

    with pytest.raises(ValidationError) as refusal:
        routine.publish(by=reviewer)

    assert refusal.value.code == "no_steps"
    assert refusal.value.messages == ["“Empty” has no steps; add its steps first."]
    assert Routine.objects.get(pk=routine.pk).status == IN_REVIEW


def test_publishing_refuses_duplicate_step_positions(reviewer, monkeypatch):
    # The unique constraint keeps duplicates out of the database, so the rule is exercised with
    # positions as they might arrive from a database without it (or a raw SQL edit).
    routine = routine_with_steps(title="Twice", status=IN_REVIEW)
    monkeypatch.setattr(Routine, "_step_positions", lambda self: [1, 2, 2, 3])

    with pytest.raises(ValidationError) as refusal:
        routine.publish(by=reviewer)

    assert refusal.value.code == "duplicate_step_position"
    assert refusal.value.messages == ["“Twice” has more than one step at position 2."]


def test_sending_back_needs_a_comment_and_keeps_it(reviewer):
    routine = routine_with_steps(status=IN_REVIEW)

    with pytest.raises(ValidationError) as refusal:
        routine.send_back(by=reviewer, comment="   ")
    assert refusal.value.code == "comment_required"

    routine.send_back(by=reviewer, comment="Add the caution from the source.")
    routine.refresh_from_db()
    assert (routine.status, routine.review_comment) == (DRAFT, "Add the caution from the source.")


def test_refusals_say_why_in_plain_words(editor, reviewer):
    routine = routine_with_steps(title="Chair twist", status=IN_REVIEW)

    with pytest.raises(ValidationError) as not_permitted:
        routine.publish(by=editor)
    with pytest.raises(ValidationError) as wrong_state:
        routine.unpublish(by=reviewer)

    assert not_permitted.value.messages == [
        "You may not publish “Chair twist”: that takes a clinical reviewer."
    ]
    assert wrong_state.value.messages == [
        "Cannot unpublish “Chair twist” while it is in review, only when it is published."
    ]


@pytest.mark.parametrize(
    ("state", "editor_may", "reviewer_may"),
    [
        (DRAFT, True, True),
        (IN_REVIEW, False, True),
        (PUBLISHED, False, True),
        (UNPUBLISHED, False, True),
    ],
)
def test_editors_edit_only_drafts_and_reviewers_edit_anything(
    editor, reviewer, state, editor_may, reviewer_may
):
    routine = RoutineFactory(status=state)

    assert routine.can_be_edited_by(editor) is editor_may
    assert routine.can_be_edited_by(reviewer) is reviewer_may


def test_editors_may_change_a_condition_only_while_no_reviewed_routine_lists_it(editor, reviewer):
    only_in_drafts = ContraindicationFactory()
    RoutineFactory(status=DRAFT, contraindications=[only_in_drafts])
    in_published = ContraindicationFactory()
    RoutineFactory(status=PUBLISHED, contraindications=[in_published])
    general = ContraindicationFactory(applies_to_all_routines=True)

    assert only_in_drafts.can_be_edited_by(editor) is True
    assert in_published.can_be_edited_by(editor) is False
    assert general.can_be_edited_by(editor) is False
    assert {c.can_be_edited_by(reviewer) for c in (only_in_drafts, in_published, general)} == {True}


def test_overdue_means_published_and_past_due_or_never_reviewed():
    today = timezone.localdate()
    overdue = RoutineFactory(status=PUBLISHED, review_due=today - datetime.timedelta(days=1))
    never_reviewed = RoutineFactory(status=PUBLISHED, review_due=None)
    RoutineFactory(status=PUBLISHED, review_due=today)
    RoutineFactory(status=DRAFT, review_due=today - datetime.timedelta(days=1))

    assert set(Routine.objects.review_overdue()) == {overdue, never_reviewed}
    assert overdue.is_review_overdue is True
    assert Routine.objects.get(review_due=today).is_review_overdue is False


def test_waiting_for_review_lists_routines_in_review():
    waiting = RoutineFactory(status=IN_REVIEW)
    RoutineFactory(status=DRAFT)

    assert list(Routine.objects.waiting_for_review()) == [waiting]


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2026, 11, 21), 12, datetime.date(2027, 11, 21)),
        (datetime.date(2028, 2, 29), 12, datetime.date(2029, 2, 28)),
        (datetime.date(2026, 12, 15), 1, datetime.date(2027, 1, 15)),
    ],
)
def test_add_months_keeps_the_day_or_uses_the_months_last(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize("group_name", [CONTENT_EDITORS, CLINICAL_REVIEWERS])
def test_editorial_groups_hold_no_permission_on_screening_or_pain_data(group_name):
    codenames = set(
        Group.objects.get(name=group_name).permissions.values_list("codename", flat=True)
    )

    assert codenames
    assert not {c for c in codenames if "screening" in c or "pain" in c}


def test_only_reviewers_hold_the_review_permission():
    def codenames(name):
        return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))

    assert codenames(CLINICAL_REVIEWERS) - codenames(CONTENT_EDITORS) == {"review_routine"}
    assert "delete_routine" not in codenames(CLINICAL_REVIEWERS)
    assert Permission.objects.filter(codename="review_routine").count() == 1


def test_publishing_clears_the_addressed_send_back_comment(editor, reviewer):
    routine = routine_with_steps(status=IN_REVIEW)
    routine.send_back(by=reviewer, comment="Add a caution.")
    routine.submit_for_review(by=editor)

    routine.publish(by=reviewer)

    assert Routine.objects.get(pk=routine.pk).review_comment == ""
    assert routine.history.filter(review_comment="Add a caution.").exists()


@pytest.mark.parametrize(
    ("group_name", "expected"),
    [(CONTENT_EDITORS, EDITOR_PERMISSIONS), (CLINICAL_REVIEWERS, REVIEWER_PERMISSIONS)],
)
def test_the_migrated_groups_hold_exactly_the_roles_permissions(group_name, expected):
    group = Group.objects.get(name=group_name)

    assert sorted(group.permissions.values_list("content_type__app_label", "codename")) == sorted(
        ("stretches", codename) for codename in expected
    )
