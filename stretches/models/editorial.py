"""The editorial workflow's vocabulary, shared by the models, the admin and the groups."""

import calendar
import datetime
from dataclasses import dataclass

REVIEW_PERMISSION = "stretches.review_routine"

CONTENT_EDITORS = "Content editors"
CLINICAL_REVIEWERS = "Clinical reviewers"

# Codenames on the stretches app. Nothing here touches screening data: health data needs its own
# permission, which neither group is given.
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
