"""Sending one reminder email, exactly once however many workers try.

A worker claims a delivery with one conditional UPDATE (pending and due -> sending). The database
lets one UPDATE win; every other worker sees no row changed and stops. The winner sends, then
records the outcome: sent, a retry time, or "gave up" after REMINDER_SEND_ATTEMPTS attempts.

Logs name the delivery by its id, never the person, their address or anything about their health.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from stretches.models import ReminderDelivery, ReminderPlan
from stretches.progress.reminder_email import reminder_message

logger = logging.getLogger("limber.reminders")

Status = ReminderDelivery.Status
# After the first failed attempt, then the second, then every later one.
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=15))
# A reminder this late is no reminder: it is given up rather than sent.
TOO_LATE = timedelta(hours=1)


def retry_delay(attempts):
    return RETRY_DELAYS[min(attempts, len(RETRY_DELAYS)) - 1]


def claim(delivery_id, now):
    """True for the one caller whose UPDATE moved the delivery from pending to sending."""
    claimed = ReminderDelivery.objects.filter(
        pk=delivery_id, status=Status.PENDING, next_attempt_at__lte=now
    ).update(
        status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1, next_attempt_at=None
    )
    return claimed == 1


def deliver(delivery_id, *, now=None):
    """Claim, send and record one delivery. Returns when to try again, or None."""
    now = now or timezone.now()
    if not claim(delivery_id, now):
        return None
    delivery = ReminderDelivery.objects.select_related("plan__user").get(pk=delivery_id)
    ours = ReminderDelivery.objects.filter(pk=delivery_id, status=Status.SENDING, claimed_at=now)

    if not ReminderPlan.objects.emailing().filter(pk=delivery.plan_id).exists():
        ours.update(status=Status.CANCELLED)
        return None
    if now - delivery.due_at > TOO_LATE:
        ours.update(status=Status.FAILED, last_error="Too late to be useful")
        logger.warning("Reminder delivery %s given up: more than %s late", delivery_id, TOO_LATE)
        return None

    try:
        reminder_message(delivery.plan).send()
    except Exception as error:  # any failure of the mail server or of the connection to it
        return record_failure(delivery, ours, error, now)
    ours.update(status=Status.SENT, sent_at=timezone.now(), last_error="")
    return None


def record_failure(delivery, ours, error, now):
    # The exception's class only: an SMTP error's text can quote the address.
    reason = type(error).__name__
    limit = settings.REMINDER_SEND_ATTEMPTS
    if delivery.attempts >= limit:
        ours.update(status=Status.FAILED, last_error=reason)
        logger.error(
            "Reminder delivery %s failed (%s) on attempt %s of %s; giving up",
            delivery.pk,
            reason,
            delivery.attempts,
            limit,
        )
        return None
    retry_at = now + retry_delay(delivery.attempts)
    ours.update(status=Status.PENDING, next_attempt_at=retry_at, last_error=reason)
    logger.warning(
        "Reminder delivery %s failed (%s) on attempt %s of %s; trying again at %s",
        delivery.pk,
        reason,
        delivery.attempts,
        limit,
        retry_at.isoformat(timespec="seconds"),
    )
    return retry_at
