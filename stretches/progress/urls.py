"""Progress pages, included into the stretches namespace."""

from django.urls import path

from stretches.progress import checkin_views, reminder_views, report_views, unsubscribe

urlpatterns = [
    path(
        "routines/<slug:slug>/check-in/before/",
        checkin_views.PainBeforeView.as_view(),
        name="check_in_before",
    ),
    path(
        "routines/<slug:slug>/check-in/high-pain/",
        checkin_views.HighPainView.as_view(),
        name="check_in_high_pain",
    ),
    path(
        "routines/<slug:slug>/check-in/after/",
        checkin_views.AfterView.as_view(),
        name="check_in_after",
    ),
    path("progress/report/", report_views.ProgressReportView.as_view(), name="progress_report"),
    path("progress/reminders/", reminder_views.reminder_settings, name="reminder_settings"),
    path(
        "progress/reminders/new-address/",
        reminder_views.new_calendar_address,
        name="reminder_new_address",
    ),
    path("progress/reminders/stop/", reminder_views.stop_reminders, name="reminder_stop"),
    # token_urlsafe's alphabet is exactly the slug converter's.
    path("calendar/<slug:token>.ics", reminder_views.calendar_feed, name="reminder_feed"),
    path(
        "reminders/unsubscribe/<str:token>/", unsubscribe.unsubscribe, name="reminder_unsubscribe"
    ),
    path(
        "reminders/unsubscribe/<str:token>/undo/",
        unsubscribe.undo_unsubscribe,
        name="reminder_unsubscribe_undo",
    ),
]
