"""The editorial workflow's vocabulary, shared by the models, the admin and the groups."""

import calendar
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

REVIEW_PERMISSION = "stretches.review_routine"

CONTENT_EDITORS = "Content editors"
CLINICAL_REVIEWERS = "Clinical reviewers"

# Codenames on the stretches app, as migration 0006 gives them to the groups (a change to a role
# needs a migration too; a test compares the two). Nothing here touches screening data: health data
# needs its own permission, which neither group is given.
EDITOR_PERMISSIONS = [
    "add_routine",
    "change_routine",
    "view_routine",
    "add_step",
    "change_step",
    "delete_step",
    "view_step",
    "add_contraindication",
    "change_contraindication",
    "view_contraindication",
]
REVIEWER_PERMISSIONS = [*EDITOR_PERMISSIONS, "review_routine"]


@dataclass(frozen=True)
class Transition:
    """Who may move a routine on, and from which states; the methods on Routine enforce it."""

    label: str
    verb: str
    sources: tuple[str, ...]
    permission: str
    needs_comment: bool = False


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan -> 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


class RoutineWorkflow:
    """Routine's editorial states: who may move it on, and what each move records.

    Mixed into Routine, which declares the states (`Status`) and the rules (`TRANSITIONS`). Each
    transition saves the routine with its user and reason, so the history says who did what.
    """

    @property
    def is_review_overdue(self):
        """A published routine past its review date, or never reviewed in Limber at all."""
        return self.status == self.Status.PUBLISHED and (
            self.review_due is None or self.review_due < timezone.localdate()
        )

    def can_be_edited_by(self, user):
        """Editors change drafts; reviewers change anything, since their edit is a review."""
        if user.has_perm(REVIEW_PERMISSION):
            return True
        return self.status == self.Status.DRAFT and user.has_perm("stretches.change_routine")

    def submit_for_review(self, *, by):
        self.check_transition("submit_for_review", by)
        self._check_content_is_complete()
        self.status = self.Status.IN_REVIEW
        self._save_transition(by, "Submitted for review")

    submit_for_review.alters_data = True

    def publish(self, *, by):
        """Publish with the reviewer's sign-off; the routine comes back for review on schedule."""
        self.check_transition("publish", by)
        self._check_content_is_complete()
        self.status = self.Status.PUBLISHED
        self.review_comment = ""
        self._record_review(by)
        self._save_transition(by, "Reviewed and published")

    publish.alters_data = True

    def confirm_review(self, *, by):
        """A reviewer re-reads a published routine and confirms it stays as it is."""
        self.check_transition("confirm_review", by)
        self._check_content_is_complete()
        self._record_review(by)
        self._save_transition(by, "Review confirmed")

    confirm_review.alters_data = True

    def send_back(self, *, by, comment):
        """Return a routine to its editors with a comment saying what needs to change."""
        self.check_transition("send_back", by)
        comment = (comment or "").strip()
        if not comment:
            raise ValidationError(
                "Say what needs to change: a routine goes back to draft with a comment.",
                code="comment_required",
            )
        self.status = self.Status.DRAFT
        self.review_comment = comment
        self._save_transition(by, "Sent back to draft")

    send_back.alters_data = True

    def unpublish(self, *, by):
        self.check_transition("unpublish", by)
        self.status = self.Status.UNPUBLISHED
        self._save_transition(by, "Unpublished")

    unpublish.alters_data = True

    def available_transitions(self, user):
        """The names of the transitions `user` may make from the routine's current state."""
        return [
            name
            for name, transition in self.TRANSITIONS.items()
            if self.status in transition.sources and user.has_perm(transition.permission)
        ]

    def check_transition(self, name, user):
        """Raise a ValidationError saying why `user` may not make transition `name` now."""
        transition = self.TRANSITIONS[name]
        if not user.has_perm(transition.permission):
            needs_reviewer = transition.permission == REVIEW_PERMISSION
            raise ValidationError(
                "You may not %(verb)s “%(routine)s”%(reason)s.",
                code="not_permitted",
                params={
                    "verb": transition.verb,
                    "routine": self.title,
                    "reason": ": that takes a clinical reviewer" if needs_reviewer else "",
                },
            )
        if self.status not in transition.sources:
            allowed = " or ".join(
                str(self.Status(source).label).lower() for source in transition.sources
            )
            raise ValidationError(
                "Cannot %(verb)s “%(routine)s” while it is %(status)s, only when it is %(allowed)s.",
                code="wrong_state",
                params={
                    "verb": transition.verb,
                    "routine": self.title,
                    "status": self.get_status_display().lower(),
                    "allowed": allowed,
                },
            )

    def check_change_keeps_it_whole(self, *, step_count, asked_ids):
        """While published, refuse a change that would leave the routine incomplete.

        `step_count` and `asked_ids` (the contraindications its screening would ask) describe the
        routine after the change. A published routine keeps at least one step and every condition
        it was reviewed with: conditions only ever leave it through review, so the ones it asks
        now are the ones it was reviewed with, or more.
        """
        if self.status != self.Status.PUBLISHED:
            return
        problems = []
        if step_count < 1:
            problems.append("it would have no steps")
        dropped = self.relevant_contraindications().exclude(pk__in=asked_ids)
        dropped_names = [str(name) for name in dropped.values_list("name", flat=True)]
        if dropped_names:
            problems.append(f"it would stop asking about {', '.join(dropped_names)}")
        if problems:
            raise ValidationError(
                "“%(routine)s” is published, so %(problems)s. Unpublish it first (that takes it "
                "off the public site) and send it back to draft to make this change, or leave it "
                "as it is.",
                code="would_strip_published",
                params={"routine": self.title, "problems": " and ".join(problems)},
            )

    def _check_content_is_complete(self):
        """Nobody can be shown a routine without steps, or with two steps in one place, or one
        whose screening would ask nothing (it would clear everyone)."""
        if not self.relevant_contraindications().exists():
            raise ValidationError(
                "“%(routine)s” asks no safety questions; list the conditions that make it unsafe "
                "first.",
                code="no_questions",
                params={"routine": self.title},
            )
        positions = self._step_positions()
        if not positions:
            raise ValidationError(
                "“%(routine)s” has no steps; add its steps first.",
                code="no_steps",
                params={"routine": self.title},
            )
        duplicates = sorted({p for p in positions if positions.count(p) > 1})
        if duplicates:
            raise ValidationError(
                "“%(routine)s” has more than one step at position %(positions)s.",
                code="duplicate_step_position",
                params={"routine": self.title, "positions": ", ".join(map(str, duplicates))},
            )

    def _step_positions(self):
        return list(self.steps.values_list("position", flat=True))

    def _record_review(self, reviewer):
        self.reviewed_by = reviewer
        self.reviewed_at = timezone.now()
        self.review_due = add_months(
            timezone.localdate(), settings.EDITORIAL_REVIEW_INTERVAL_MONTHS
        )

    def _save_transition(self, user, reason):
        self._history_user = user
        self._change_reason = reason
        self.save()
