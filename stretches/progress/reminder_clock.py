"""The clock: each tick finds the reminder emails that have fallen due and queues them.

`manage.py send_reminders --every 60` runs it. Each due moment becomes one ReminderDelivery row:
the unique (plan, due_at) constraint makes a second clock's insert fail, so only the clock that
created the row queues its task. Only moments within REMINDER_SEND_WINDOW are looked at, so a
clock that was down for a day sends nothing stale when it comes back.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from stretches.models import ReminderDelivery, ReminderPlan
from stretches.progress.schedule import moments_between
from stretches.progress.tasks import can_defer, queue_delivery

logger = logging.getLogger("limber.reminders")

Status = ReminderDelivery.Status
# A retry queued with run_after should have run by then; past it, the clock queues it again.
LOST_RETRY_AFTER = timedelta(minutes=2)


@dataclass(frozen=True)
class Tick:
    created: int = 0
    requeued: int = 0
    reclaimed: int = 0
    given_up: int = 0


def tick(*, now=None):
    """One pass: new due deliveries, retries nobody ran, and claims whose worker died."""
    now = now or timezone.now()
    reclaimed, given_up = reclaim_abandoned(now)
    return Tick(
        created=create_due(now),
        requeued=requeue_waiting(now),
        reclaimed=reclaimed,
        given_up=given_up,
    )


def create_due(now):
    start = now - settings.REMINDER_SEND_WINDOW
    known = set(
        ReminderDelivery.objects.filter(due_at__gt=start, due_at__lte=now).values_list(
            "plan_id", "due_at"
        )
    )
    created = 0
    for plan in ReminderPlan.objects.emailing().iterator():
        # Not for a moment before the plan was last saved: choosing 07:00 at 07:05 sends nothing now.
        for moment in moments_between(plan, max(start, plan.updated_at), now):
            if (plan.pk, moment) in known:
                continue
            # next_attempt_at is when it was queued: the requeue pass leaves it alone for now.
            delivery, is_new = ReminderDelivery.objects.get_or_create(
                plan=plan, due_at=moment, defaults={"next_attempt_at": now}
            )
            if is_new:
                created += 1
                queue_delivery(delivery.pk)
    return created


def requeue_waiting(now):
    """Pending deliveries whose time has come but whose task has not run: a retry on a backend
    that cannot defer, or a task lost with its queue. Each is claimed for queuing by one UPDATE,
    so two clocks queue it once; a duplicate task would find nothing to claim anyway."""
    overdue_before = now - (LOST_RETRY_AFTER if can_defer() else timedelta(0))
    waiting = ReminderDelivery.objects.filter(
        status=Status.PENDING, next_attempt_at__lte=overdue_before
    ).values_list("pk", "next_attempt_at")
    requeued = 0
    for pk, next_attempt_at in waiting:
        mine = ReminderDelivery.objects.filter(
            pk=pk, status=Status.PENDING, next_attempt_at=next_attempt_at
        ).update(next_attempt_at=now)
        if mine:
            requeued += 1
            queue_delivery(pk)
    return requeued


def reclaim_abandoned(now):
    """Deliveries left "sending" past REMINDER_CLAIM_TIMEOUT: their worker died. Each goes back
    to pending and is queued again or, out of attempts, to failed."""
    abandoned = ReminderDelivery.objects.filter(
        status=Status.SENDING, claimed_at__lt=now - settings.REMINDER_CLAIM_TIMEOUT
    ).values_list("pk", "claimed_at", "attempts")
    reclaimed = given_up = 0
    for pk, claimed_at, attempts in abandoned:
        still_abandoned = ReminderDelivery.objects.filter(
            pk=pk, status=Status.SENDING, claimed_at=claimed_at
        )
        if attempts >= settings.REMINDER_SEND_ATTEMPTS:
            given_up += still_abandoned.update(
                status=Status.FAILED, last_error="Worker stopped while sending"
            )
        else:
            if still_abandoned.update(status=Status.PENDING, next_attempt_at=now, claimed_at=None):
                reclaimed += 1
                queue_delivery(pk)
    if reclaimed or given_up:
        logger.warning(
            "Reminders: %s abandoned claims tried again, %s given up", reclaimed, given_up
        )
    return reclaimed, given_up
