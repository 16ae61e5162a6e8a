"""Two workers and two clocks at once, on PostgreSQL: every reminder is still sent exactly once.

SQLite takes one writer at a time, so a race there proves nothing: these run on PostgreSQL only
(CI's second pass, DATABASE_URL=postgres://...), each thread with its own connection.
"""

import threading
from datetime import timedelta

import pytest
from django.db import connection

from stretches.models import ReminderDelivery
from stretches.progress.reminder_clock import tick
from stretches.progress.reminder_delivery import deliver
from tests.progress.reminder_helpers import (
    MONDAY_0730_LONDON,
    frozen_clock,
    make_person,
    make_plan,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent writers"
    ),
]

Status = ReminderDelivery.Status
ROUNDS = 20


@pytest.fixture
def clock(monkeypatch):
    return frozen_clock(monkeypatch)


def run_together(*calls):
    """Start every call at the same moment, each in its own thread with its own connection."""
    start = threading.Barrier(len(calls))
    results = [None] * len(calls)
    errors = []

    def run(index, call):
        try:
            start.wait()
            results[index] = call()
        except Exception as error:  # surfaced in the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results


def test_two_workers_racing_for_each_delivery_send_each_once(django_user_model, clock, mailoutbox):
    plan = make_plan(make_person(django_user_model))
    clock.now = MONDAY_0730_LONDON + timedelta(minutes=1)
    deliveries = [
        ReminderDelivery.objects.create(
            plan=plan,
            due_at=MONDAY_0730_LONDON - timedelta(seconds=n),
            next_attempt_at=MONDAY_0730_LONDON - timedelta(seconds=n),
        )
        for n in range(ROUNDS)
    ]

    for delivery in deliveries:
        run_together(lambda pk=delivery.pk: deliver(pk), lambda pk=delivery.pk: deliver(pk))

    assert len(mailoutbox) == ROUNDS
    assert set(ReminderDelivery.objects.values_list("status", "attempts")) == {(Status.SENT, 1)}


def test_two_clocks_ticking_together_make_one_delivery_and_one_email_per_moment(
    django_user_model, clock, mailoutbox
):
    people = [make_person(django_user_model, f"person{n}@example.com") for n in range(ROUNDS)]
    for person in people:
        make_plan(person)
    clock.now = MONDAY_0730_LONDON + timedelta(minutes=1)

    first, second = run_together(tick, tick)

    assert first.created + second.created == ROUNDS
    assert ReminderDelivery.objects.count() == ROUNDS
    assert sorted(email.to[0] for email in mailoutbox) == sorted(p.email for p in people)
    assert set(ReminderDelivery.objects.values_list("status", "attempts")) == {(Status.SENT, 1)}
