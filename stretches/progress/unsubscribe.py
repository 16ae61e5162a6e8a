"""The signed one-click link in every reminder email, and the pages it opens.

The link carries the person's id, signed with Limber's secret key and a salt of its own, so it
works without signing in (as RFC 8058 needs) and cannot be made for anyone else. It never expires:
an old email's link still stops the emails. A tampered link changes nothing and says so.
"""

from django.conf import settings
from django.core import signing
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from stretches.models import ReminderPlan

SALT = "limber.reminders.unsubscribe"


def unsubscribe_token(user):
    # No timestamp: every email carries the same link, and it never expires.
    return signing.Signer(salt=SALT).sign_object(user.pk)


def unsubscribe_url(user):
    path = reverse("stretches:reminder_unsubscribe", kwargs={"token": unsubscribe_token(user)})
    return settings.SITE_URL + path


def plan_for_token(token):
    """The plan the link names, None when the person has no plan now; BadSignature if forged."""
    user_id = signing.Signer(salt=SALT).unsign_object(token)
    return ReminderPlan.objects.filter(user_id=user_id).first()


def invalid_link(request):
    return render(request, "progress/unsubscribe_invalid.html", status=400)


@never_cache
@csrf_exempt  # RFC 8058: the mail client posts with no cookie or token; the signature is the proof
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """GET from the email's link, or POST (List-Unsubscribe-Post) from the mail client's own
    button: either turns email reminders off. The calendar feed is left as it is."""
    try:
        plan = plan_for_token(token)
    except signing.BadSignature:
        return invalid_link(request)
    if plan is not None and plan.email_reminders and request.method != "HEAD":
        plan.set_email_reminders(False)
    if request.method == "POST":
        return HttpResponse("Email reminders are off.", content_type="text/plain")
    return render(request, "progress/unsubscribed.html", {"token": token, "plan": plan})


@never_cache
@require_POST
def undo_unsubscribe(request, token):
    """The undo button on the page the link opened: email reminders back on."""
    try:
        plan = plan_for_token(token)
    except signing.BadSignature:
        return invalid_link(request)
    if plan is not None and not plan.email_reminders:
        plan.set_email_reminders(True)
    return render(request, "progress/resubscribed.html", {"plan": plan})
