"""Shared by the reminder tests: a person, their plan, and a clock the tests can move."""

from datetime import UTC, datetime, time, timedelta
from smtplib import SMTPServerDisconnected

from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from stretches.models import ReminderPlan

# Monday 2 March 2026, 07:30 in London (GMT, UTC+0).
MONDAY_0730_LONDON = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)


class Clock:
    def __init__(self, now):
        self.now = now

    def advance(self, **delta):
        self.now += timedelta(**delta)
        return self.now


def frozen_clock(monkeypatch, now=MONDAY_0730_LONDON - timedelta(days=7)):
    """timezone.now() under the test's control: reminders are all about what time it is."""
    frozen = Clock(now)
    monkeypatch.setattr(timezone, "now", lambda: frozen.now)
    return frozen


def make_person(django_user_model, email="kim@example.com"):
    return django_user_model.objects.create_user(
        username=email, email=email, password="a calm walk by the river at dawn"
    )


def make_plan(user, **fields):
    values = {
        "weekdays": "0,2,4",
        "time": time(7, 30),
        "time_zone": "Europe/London",
        "email_reminders": True,
        **fields,
    }
    return ReminderPlan.objects.create(user=user, **values)


class FailingEmailBackend(BaseEmailBackend):
    """A mail server that has gone away."""

    def send_messages(self, email_messages):
        raise SMTPServerDisconnected("Connection unexpectedly closed")


FAILING_MAIL = {"default": {"BACKEND": "tests.progress.reminder_helpers.FailingEmailBackend"}}
