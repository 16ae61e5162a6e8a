"""The reminder email: a nudge and its links, nothing about the person's health."""

import email.policy

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from stretches.progress.unsubscribe import unsubscribe_url


class ReminderEmail(EmailMessage):
    def message(self, *, policy=email.policy.default):
        # Python folds a header longer than 78 characters, and a URL has no space to fold at, so
        # it would RFC 2047-encode List-Unsubscribe into a form mail apps do not read as a link.
        # RFC 5322 allows lines up to 998 characters; 78 is only a "should".
        return super().message(policy=policy.clone(max_line_length=998))


def reminder_message(plan):
    unsubscribe = unsubscribe_url(plan.user)
    context = {
        "site": settings.SITE_URL + "/",
        "settings_url": settings.SITE_URL + reverse("stretches:reminder_settings"),
        "unsubscribe": unsubscribe,
    }
    return ReminderEmail(
        subject=render_to_string("progress/emails/reminder_subject.txt", context).strip(),
        body=render_to_string("progress/emails/reminder.txt", context),
        to=[plan.user.email],
        # RFC 2369 and RFC 8058: mail clients show their own "Unsubscribe", which posts to it.
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
