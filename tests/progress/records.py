"""Check-ins and finished routines at chosen days, for the progress tests."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from stretches.models import CheckIn, RoutineCompletion


def today():
    return timezone.localdate()


def at_noon(day):
    """Midday of `day` in the site's time zone, far from any day boundary."""
    return datetime.combine(day, time(12), tzinfo=timezone.get_default_timezone())


def days_ago(days, hour=12):
    return at_noon(today() - timedelta(days=days)).replace(hour=hour)


def check_in(user, routine, *, when, before=None, after=None, compared=""):
    return CheckIn.objects.create(
        user=user,
        routine=routine,
        pain_before=before,
        pain_after=after,
        compared=compared,
        created_at=when,
    )


def finished(user, routine, *, when):
    return RoutineCompletion.objects.create(user=user, routine=routine, completed_at=when)


assert settings.USE_TZ
