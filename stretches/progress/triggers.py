"""The seeds' "see a doctor" rule, applied to a person's own check-ins.

Seed 001: "back pain that persists beyond a few weeks should be evaluated by a doctor." Issue 14
turns that into a prompt: check-ins that span more than three weeks while the pain has not come
down. NHS inform's "see a GP if not better after 2 weeks of self-care" is of the same kind. The
numbers below are the issue's own edges (20 vs 22 days; pain down by 1 vs by 2) and are for a
clinical reviewer to confirm; nothing here diagnoses.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import fmean

from django.utils import timezone

from stretches.models import CheckIn

# "More than three weeks": a span of 22 days prompts, 21 or 20 do not.
SPAN_OVER_DAYS = 21
# Pain has "come down" when it is this many points lower, on 0-10, than at the start.
EASED_BY = 2
# The start and the end of the span are each the average of this many days' ratings, so one good
# or bad day does not decide.
ENDS = timedelta(days=7)
# Only the recent course counts: pain that eased months ago says nothing about now.
LOOK_BACK = timedelta(days=42)
# No pain at the end (an average under 1 on 0-10) is nothing to see a doctor about.
SOME_PAIN = 1


@dataclass(frozen=True)
class PainNotEasing:
    """What triggered the prompt, in the person's own numbers."""

    first_day: date
    last_day: date
    span_days: int
    pain_at_start: float
    pain_at_end: float
    ratings: int


def ratings(owner, *, now=None) -> list[tuple[datetime, int]]:
    """(when, pain) for the owner's recent check-ins: the "before" rating, else the "after" one.

    Pain before stretching is the truer daily level; someone who rates only afterwards still counts.
    """
    if owner.user is None and not owner.session_token:
        # Nothing is stored for a visitor without a token (every first screening): building the
        # query only to find it empty cost an eighth of the screening page.
        return []
    now = now or timezone.now()
    rows = (
        CheckIn.objects.owned_by(owner)
        .filter(created_at__gt=now - LOOK_BACK)
        .order_by("created_at", "id")
        .values_list("created_at", "pain_before", "pain_after")
    )
    return ratings_in(rows, now=now)


def ratings_in(check_ins, *, now) -> list[tuple[datetime, int]]:
    """ratings() over (when, pain before, pain after) rows already read, in time order."""
    since = now - LOOK_BACK
    return [
        (when, before if before is not None else after)
        for when, before, after in check_ins
        if when > since and (before is not None or after is not None)
    ]


def pain_not_easing(owner, *, now=None) -> PainNotEasing | None:
    """The prompt's trigger, or None: spans more than SPAN_OVER_DAYS and pain down by < EASED_BY."""
    return pain_not_easing_in(ratings(owner, now=now))


def pain_not_easing_in(rated: list[tuple[datetime, int]]) -> PainNotEasing | None:
    if not rated:
        return None
    first, last = rated[0][0], rated[-1][0]
    span_days = (last - first).days
    if span_days <= SPAN_OVER_DAYS:
        return None
    at_start = round(fmean(pain for when, pain in rated if when < first + ENDS), 1)
    at_end = round(fmean(pain for when, pain in rated if when > last - ENDS), 1)
    # Rounded so that 4.3 - 2.3 counts as the 2 points it is, not 1.9999999999999998.
    if round(at_start - at_end, 1) >= EASED_BY or at_end < SOME_PAIN:
        return None
    return PainNotEasing(
        first_day=timezone.localdate(first),
        last_day=timezone.localdate(last),
        span_days=span_days,
        pain_at_start=at_start,
        pain_at_end=at_end,
        ratings=len(rated),
    )
