"""The reminder email: a nudge and its links, nothing about the person's health."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from stretches.progress.unsubscribe import unsubscribe_url


def reminder_message(plan):
    unsubscribe = unsubscribe_url(plan.user)
    context = {
        "site": settings.SITE_URL + "/",
        "settings_url": settings.SITE_URL + reverse("stretches:reminder_settings"),
        "unsubscribe": unsubscribe,
    }
    return EmailMessage(
        subject=render_to_string("progress/emails/reminder_subject.txt", context).strip(),
        body=render_to_string("progress/emails/reminder.txt", context),
        to=[plan.user.email],
        # RFC 2369 and RFC 8058: mail clients show their own "Unsubscribe", which posts to it.
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
