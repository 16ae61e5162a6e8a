"""Progress pages, included into the stretches namespace."""

from django.urls import path

from stretches.progress import checkin_views, report_views

urlpatterns = [
    path("progress/report/", report_views.ProgressReportView.as_view(), name="progress_report"),
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
]
