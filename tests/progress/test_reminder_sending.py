import logging
from datetime import timedelta
from email.policy import SMTP as SMTP_POLICY

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.tasks import default_task_backend

from stretches.management.commands import send_reminders
from stretches.models import ReminderDelivery
from stretches.progress.reminder_clock import Tick, tick
from stretches.progress.reminder_delivery import deliver
from stretches.progress.tasks import send_reminder
from stretches.progress.unsubscribe import unsubscribe_url
from tests.progress.reminder_helpers import (
    FAILING_MAIL,
    MONDAY_0730_LONDON,
    frozen_clock,
    make_person,
    make_plan,
)

pytestmark = pytest.mark.django_db

Status = ReminderDelivery.Status


@pytest.fixture
def clock(monkeypatch):
    return frozen_clock(monkeypatch)


@pytest.fixture
def person(django_user_model):
    return make_person(django_user_model)


@pytest.fixture
def plan(person, clock):
    """Mondays, Wednesdays and Fridays at 07:30 in London, with email, set a week earlier."""
    plan = make_plan(person)
    clock.now = MONDAY_0730_LONDON + timedelta(minutes=1)
    return plan


@pytest.fixture
def failing_mail(settings):
    working = settings.MAILERS
    settings.MAILERS = FAILING_MAIL
    return lambda: setattr(settings, "MAILERS", working)


def only_delivery():
    [delivery] = ReminderDelivery.objects.all()
    return delivery


def test_a_due_reminder_is_emailed_once_with_one_click_unsubscribe(plan, person, mailoutbox):
    result = tick()

    assert result.created == 1
    [email] = mailoutbox
    assert email.to == ["kim@example.com"]
    assert email.subject == "Time to stretch"
    link = unsubscribe_url(person)
    assert email.extra_headers["List-Unsubscribe"] == f"<{link}>"
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"Stop these emails: {link}" in email.body
    # As the SMTP backend writes it: the link whole, not folded into RFC 2047 encoded words.
    raw = email.message(policy=SMTP_POLICY).as_bytes().decode()
    assert f"\r\nList-Unsubscribe: <{link}>\r\n" in raw
    assert "\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n" in raw
    assert "http://127.0.0.1:8000/progress/reminders/" in email.body
    delivery = only_delivery()
    assert (delivery.due_at, delivery.status, delivery.attempts) == (
        MONDAY_0730_LONDON,
        Status.SENT,
        1,
    )


def test_ticking_again_in_the_window_sends_nothing_more(plan, clock, mailoutbox):
    clock.advance(minutes=5)  # the first tick after the moment can come late
    assert tick() == Tick(created=1)
    for _ in range(3):
        clock.advance(minutes=4)
        assert tick().created == 0

    assert len(mailoutbox) == 1
    assert ReminderDelivery.objects.count() == 1


def test_nothing_is_due_before_the_time_or_on_other_days(plan, clock, mailoutbox):
    clock.now = MONDAY_0730_LONDON - timedelta(minutes=1)
    assert tick().created == 0
    clock.now = MONDAY_0730_LONDON + timedelta(days=1, minutes=1)  # Tuesday
    assert tick().created == 0

    assert mailoutbox == []


def test_after_downtime_only_reminders_within_the_window_are_sent(
    plan, clock, settings, mailoutbox
):
    settings.REMINDER_SEND_WINDOW = timedelta(minutes=15)
    clock.now = MONDAY_0730_LONDON + timedelta(minutes=16)
    assert tick().created == 0
    assert mailoutbox == []

    clock.now = MONDAY_0730_LONDON + timedelta(days=2, minutes=14)  # Wednesday
    assert tick().created == 1
    assert len(mailoutbox) == 1


def test_a_plan_saved_after_its_moment_is_not_reminded_of_it(plan, clock, mailoutbox):
    plan.save()  # 07:31, after the 07:30 moment

    clock.advance(minutes=1)
    assert tick().created == 0
    assert mailoutbox == []


def test_no_email_when_reminders_are_off_or_the_account_is_inactive(
    plan, person, clock, mailoutbox
):
    plan.email_reminders = False
    plan.save()
    person.is_active = False
    person.save()
    clock.now = MONDAY_0730_LONDON + timedelta(days=2, minutes=1)
    assert tick().created == 0

    plan.email_reminders = True
    plan.save()
    clock.now = MONDAY_0730_LONDON + timedelta(days=4, minutes=1)
    assert tick().created == 0
    assert mailoutbox == []


def test_reminders_turned_off_after_queueing_are_cancelled_not_sent(plan, mailoutbox):
    delivery = ReminderDelivery.objects.create(
        plan=plan, due_at=MONDAY_0730_LONDON, next_attempt_at=MONDAY_0730_LONDON
    )
    plan.set_email_reminders(False)

    assert deliver(delivery.pk) is None

    assert only_delivery().status == Status.CANCELLED
    assert mailoutbox == []


def test_a_failed_send_is_logged_without_the_address_and_retried_later(
    plan, clock, failing_mail, caplog, mailoutbox
):
    caplog.set_level(logging.WARNING, logger="limber.reminders")
    tick()

    delivery = only_delivery()
    assert (delivery.status, delivery.attempts, delivery.last_error) == (
        Status.PENDING,
        1,
        "SMTPServerDisconnected",
    )
    assert delivery.next_attempt_at == clock.now + timedelta(minutes=1)
    [record] = [record for record in caplog.records if record.name == "limber.reminders"]
    assert record.getMessage() == (
        f"Reminder delivery {delivery.pk} failed (SMTPServerDisconnected) on attempt 1 of 4; "
        "trying again at 2026-03-02T07:32:00+00:00"
    )
    assert "kim" not in caplog.text

    clock.advance(seconds=30)
    assert tick().requeued == 0  # not yet
    failing_mail()  # the mail server is back
    clock.advance(seconds=30)
    assert tick().requeued == 1

    delivery = only_delivery()
    assert (delivery.status, delivery.attempts, delivery.last_error) == (Status.SENT, 2, "")
    assert len(mailoutbox) == 1


def test_sending_gives_up_after_the_set_number_of_attempts(
    plan, clock, settings, failing_mail, caplog
):
    settings.REMINDER_SEND_ATTEMPTS = 3
    tick()
    clock.advance(minutes=1)
    tick()
    assert only_delivery().next_attempt_at == clock.now + timedelta(minutes=5)
    clock.advance(minutes=5)
    tick()

    delivery = only_delivery()
    assert (delivery.status, delivery.attempts) == (Status.FAILED, 3)
    last = [record for record in caplog.records if record.name == "limber.reminders"][-1]
    assert last.levelname == "ERROR"
    assert last.getMessage() == (
        f"Reminder delivery {delivery.pk} failed (SMTPServerDisconnected) on attempt 3 of 3; "
        "giving up"
    )
    clock.advance(minutes=15)
    assert tick().requeued == 0
    assert only_delivery().attempts == 3


def test_a_backend_that_can_defer_gets_the_retry_with_run_after(
    plan, clock, settings, failing_mail
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    delivery = ReminderDelivery.objects.create(
        plan=plan, due_at=MONDAY_0730_LONDON, next_attempt_at=MONDAY_0730_LONDON
    )

    send_reminder.call(delivery_id=delivery.pk)

    [retry] = default_task_backend.results
    assert retry.task.func is send_reminder.func
    assert retry.kwargs == {"delivery_id": delivery.pk}
    assert retry.task.run_after == clock.now + timedelta(minutes=1)
    # Its own run_after will run it: the clock does not queue it again meanwhile.
    clock.advance(minutes=2)
    assert tick().requeued == 0
    clock.advance(minutes=1)
    assert tick().requeued == 1  # lost, after all: queued once more


def test_a_claim_abandoned_by_a_dead_worker_is_tried_again_after_the_timeout(
    plan, clock, settings, mailoutbox
):
    settings.REMINDER_CLAIM_TIMEOUT = timedelta(minutes=10)
    delivery = ReminderDelivery.objects.create(
        plan=plan,
        due_at=MONDAY_0730_LONDON,
        status=Status.SENDING,
        attempts=1,
        claimed_at=clock.now,
    )
    clock.advance(minutes=9)
    assert tick().reclaimed == 0
    assert mailoutbox == []

    clock.advance(minutes=2)
    assert tick().reclaimed == 1

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Status.SENT, 2)
    assert len(mailoutbox) == 1


def test_an_abandoned_claim_out_of_attempts_is_given_up(plan, clock, settings, mailoutbox):
    ReminderDelivery.objects.create(
        plan=plan,
        due_at=MONDAY_0730_LONDON,
        status=Status.SENDING,
        attempts=settings.REMINDER_SEND_ATTEMPTS,
        claimed_at=clock.now,
    )
    clock.advance(minutes=11)

    assert tick().given_up == 1
    assert (only_delivery().status, only_delivery().last_error) == (
        Status.FAILED,
        "Worker stopped while sending",
    )
    assert mailoutbox == []


def test_a_reminder_an_hour_late_is_given_up_not_sent(plan, clock, mailoutbox):
    delivery = ReminderDelivery.objects.create(
        plan=plan, due_at=MONDAY_0730_LONDON, next_attempt_at=MONDAY_0730_LONDON
    )
    clock.now = MONDAY_0730_LONDON + timedelta(minutes=61)

    deliver(delivery.pk)

    assert (only_delivery().status, only_delivery().last_error) == (
        Status.FAILED,
        "Too late to be useful",
    )
    assert mailoutbox == []


def test_a_delivery_already_sent_or_being_sent_is_not_sent_again(plan, mailoutbox):
    sent = ReminderDelivery.objects.create(
        plan=plan, due_at=MONDAY_0730_LONDON, status=Status.SENT, attempts=1
    )
    sending = ReminderDelivery.objects.create(
        plan=plan,
        due_at=MONDAY_0730_LONDON - timedelta(days=2),
        status=Status.SENDING,
        attempts=1,
    )

    deliver(sent.pk)
    deliver(sending.pk)
    send_reminder.enqueue(delivery_id=sent.pk)

    assert mailoutbox == []
    assert ReminderDelivery.objects.get(pk=sent.pk).attempts == 1


def test_send_reminders_command_runs_one_tick(plan, mailoutbox, capsys):
    call_command("send_reminders")

    assert len(mailoutbox) == 1
    assert capsys.readouterr().out == (
        "Reminders: 1 due, 0 queued again, 0 reclaimed, 0 given up\n"
    )


def test_a_new_delivery_is_queued_once_even_when_the_tick_comes_late(plan, clock, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    clock.advance(minutes=5)

    assert tick() == Tick(created=1)
    clock.advance(minutes=1)
    assert tick() == Tick()

    [queued] = default_task_backend.results
    assert queued.kwargs == {"delivery_id": only_delivery().pk}


def test_the_clock_keeps_ticking_through_a_failed_tick(monkeypatch, caplog):
    outcomes = [OperationalError("the database restarted"), Tick(created=2)]
    sleeps = []

    def next_tick():
        outcome = outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    def sleep(seconds):
        sleeps.append(seconds)
        if not outcomes:
            raise KeyboardInterrupt  # stop the endless loop, as Ctrl-C would

    monkeypatch.setattr(send_reminders, "tick", next_tick)
    monkeypatch.setattr(send_reminders.time, "sleep", sleep)

    with pytest.raises(KeyboardInterrupt):
        call_command("send_reminders", every=60)

    assert sleeps == [60, 60]
    [failure] = [record for record in caplog.records if record.name == "limber.reminders"]
    assert failure.getMessage() == "Reminder clock tick failed; trying again in 60 s"
