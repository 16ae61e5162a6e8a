"""A person's reminder plan, and each reminder email that is due under it.

Not health data in itself (days and a time), but personal: owner only, deleted with the account.
"""

import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone


def new_feed_token():
    return secrets.token_urlsafe(24)


def validate_time_zone(name):
    if name not in zoneinfo.available_timezones():
        raise ValidationError("Pick a time zone from the list.")


class ReminderPlanQuerySet(models.QuerySet):
    def emailing(self):
        """Plans whose owner wants reminder emails and can receive them."""
        return self.filter(email_reminders=True, user__is_active=True).exclude(user__email="")


class ReminderPlan(models.Model):
    """The days and local time a person means to stretch, in their own time zone."""

    class Weekday(models.IntegerChoices):
        # Python's numbering (Monday 0), the one datetime.weekday() uses.
        MONDAY = 0, "Monday"
        TUESDAY = 1, "Tuesday"
        WEDNESDAY = 2, "Wednesday"
        THURSDAY = 3, "Thursday"
        FRIDAY = 4, "Friday"
        SATURDAY = 5, "Saturday"
        SUNDAY = 6, "Sunday"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_plan"
    )
    # Weekday numbers, comma-separated ("0,2,4"): a short list that is only ever read whole.
    weekdays = models.CharField(max_length=13)
    time = models.TimeField(help_text="Local time in time_zone.")
    time_zone = models.CharField(max_length=64, validators=[validate_time_zone])
    email_reminders = models.BooleanField(default=False)
    # The private calendar address; a new token revokes the old address at once.
    feed_token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReminderPlanQuerySet.as_manager()

    def __str__(self):
        return f"Reminder plan of {self.user}"

    @property
    def weekday_numbers(self):
        return [int(day) for day in self.weekdays.split(",") if day]

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    def revoke_feed(self):
        self.feed_token = new_feed_token()
        self.save(update_fields=["feed_token", "updated_at"])

    revoke_feed.alters_data = True

    def set_email_reminders(self, enabled):
        self.email_reminders = enabled
        self.save(update_fields=["email_reminders", "updated_at"])

    set_email_reminders.alters_data = True


class ReminderDelivery(models.Model):
    """One reminder email due at one moment. The unique (plan, due_at) pair and the claim on
    status make sending idempotent: however many workers run, one of them sends it, once."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Gave up"
        CANCELLED = "cancelled", "Not sent: email reminders were turned off"

    plan = models.ForeignKey(ReminderPlan, on_delete=models.CASCADE, related_name="deliveries")
    due_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    # While pending: the earliest moment the next attempt may claim it (due_at, then each retry).
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-due_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "due_at"], name="reminder_delivery_once_per_moment"
            )
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="reminder_delivery_queue"),
        ]

    def __str__(self):
        return f"Reminder for {self.plan.user} due {self.due_at:%Y-%m-%d %H:%M}"
