"""Progress pages, included into the stretches namespace."""

from django.urls import path

from stretches.progress import report_views

urlpatterns = [
    path("progress/report/", report_views.ProgressReportView.as_view(), name="progress_report"),
]
