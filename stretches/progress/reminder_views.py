"""A person's reminder settings, and their private calendar feed.

The settings pages are the signed-in person's own: no id in any address. The feed is reached by
its secret address alone (calendar apps cannot sign in), so that address is all it protects.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from stretches.models import ReminderPlan
from stretches.progress.calendar_feed import feed_bytes
from stretches.progress.reminder_forms import ReminderPlanForm
from stretches.progress.schedule import next_moments


def own_plan(user):
    return ReminderPlan.objects.filter(user=user).first()


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def reminder_settings(request):
    plan = own_plan(request.user)
    data = request.POST if request.method == "POST" else None
    form = ReminderPlanForm(data, instance=plan or ReminderPlan(user=request.user))
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, "Your reminders are saved.")
            return redirect("stretches:reminder_settings")
        plan = own_plan(request.user)  # the form changed its instance in memory, not the row
    context = {"form": form, "plan": plan}
    if plan is not None:
        feed_path = reverse("stretches:reminder_feed", kwargs={"token": plan.feed_token})
        context["feed_url"] = request.build_absolute_uri(feed_path)
        context["webcal_url"] = "webcal://" + context["feed_url"].split("://", 1)[1]
        context["next_reminders"] = next_moments(plan, timezone.now())
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "progress/reminder_settings.html", context, status=status)


@never_cache
@login_required
@require_POST
def new_calendar_address(request):
    plan = own_plan(request.user)
    if plan is not None:
        plan.revoke_feed()
        messages.success(
            request,
            "Your calendar has a new address; the old one no longer works. "
            "Subscribe to the new one in your calendar app.",
        )
    return redirect("stretches:reminder_settings")


@never_cache
@login_required
@require_POST
def stop_reminders(request):
    ReminderPlan.objects.filter(user=request.user).delete()
    messages.success(request, "Reminders stopped: no more emails, and the calendar address ended.")
    return redirect("stretches:reminder_settings")


@require_safe
def calendar_feed(request, token):
    plan = ReminderPlan.objects.filter(feed_token=token).first()
    if plan is None:
        raise Http404("No calendar at this address.")
    response = HttpResponse(
        feed_bytes(plan, site_url=request.build_absolute_uri("/")),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="limber.ics"'
    response["X-Robots-Tag"] = "noindex"
    # Only the person's own calendar app should keep it: revoking the address must end it.
    patch_cache_control(response, private=True, no_store=True)
    return response
