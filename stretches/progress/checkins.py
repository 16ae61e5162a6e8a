"""Recording check-ins: pain before a routine, and after it pain and "compared with last time".

A go at a routine has one check-in row. The "before" answer opens it; the "after" answers fill the
same row when it is still open, or start a row of their own (someone may rate only afterwards).
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from stretches.models import CheckIn, Routine
from stretches.screening.owners import ScreeningOwner

# A routine takes minutes; a check-in older than this belongs to an earlier go.
OPEN_FOR = timedelta(hours=3)


def _this_go(owner: ScreeningOwner, routine: Routine, now):
    """The owner's check-ins for this routine recent enough to belong to the go in progress."""
    return (
        CheckIn.objects.owned_by(owner)
        .filter(routine=routine, created_at__gt=(now or timezone.now()) - OPEN_FOR)
        .order_by("-created_at", "-id")
    )


def open_check_in(owner: ScreeningOwner, routine: Routine, *, now=None):
    """The check-in of the go at this routine in progress, if any: recent and without an after."""
    return _this_go(owner, routine, now).filter(pain_after__isnull=True, compared="").first()


def told_us_after(owner: ScreeningOwner, routine: Routine, *, now=None):
    """The after answers given for this routine during the last go, to show instead of the form."""
    return _this_go(owner, routine, now).exclude(pain_after__isnull=True, compared="").first()


def record_pain_before(*, owner: ScreeningOwner, routine: Routine, pain: int) -> CheckIn:
    """A new go starts with its own row: a second "before" replaces an unfinished first one."""
    with transaction.atomic():
        current = open_check_in(owner, routine)
        if current is not None and current.pain_before is None:
            current.pain_before = pain
            current.save(update_fields=["pain_before"])
            return current
        return CheckIn.objects.create(**owner.as_fields(), routine=routine, pain_before=pain)


def record_after(
    *, owner: ScreeningOwner, routine: Routine, pain: int | None, compared: str
) -> CheckIn:
    with transaction.atomic():
        current = open_check_in(owner, routine)
        if current is None:
            return CheckIn.objects.create(
                **owner.as_fields(), routine=routine, pain_after=pain, compared=compared
            )
        current.pain_after = pain
        current.compared = compared
        current.save(update_fields=["pain_after", "compared"])
        return current


def mark_high_pain_guidance_read(check_in: CheckIn) -> None:
    check_in.high_pain_guidance_read_at = timezone.now()
    check_in.save(update_fields=["high_pain_guidance_read_at"])


def needs_high_pain_guidance(check_in: CheckIn | None) -> bool:
    """Pain of CheckIn.HIGH_PAIN or more before a routine: read the guidance before the steps."""
    return (
        check_in is not None
        and check_in.is_high_pain
        and check_in.high_pain_guidance_read_at is None
    )
