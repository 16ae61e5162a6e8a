from django.urls import include, path

from stretches import views
from stretches.screening import views as screening_views

app_name = "stretches"

urlpatterns = [
    path("", include("stretches.progress.urls")),
    path("", views.HomeView.as_view(), name="home"),
    path("safety/", views.SafetyView.as_view(), name="safety"),
    path("routines/", views.RoutineListView.as_view(), name="routine_list"),
    path(
        "routines/<slug:slug>/preview/", views.RoutinePreviewView.as_view(), name="routine_preview"
    ),
    path("routines/<slug:slug>/", views.RoutineDetailView.as_view(), name="routine_detail"),
    path("routines/<slug:slug>/steps/", views.RoutineStepsView.as_view(), name="routine_steps"),
    path(
        "routines/<slug:slug>/complete/",
        views.CompleteRoutineView.as_view(),
        name="routine_complete",
    ),
    path("routines/<slug:slug>/done/", views.RoutineDoneView.as_view(), name="routine_done"),
    path(
        "routines/<slug:slug>/screening/",
        screening_views.ScreeningView.as_view(),
        name="screening",
    ),
    path(
        "routines/<slug:slug>/screening/blocked/",
        screening_views.BlockedView.as_view(),
        name="screening_blocked",
    ),
    path(
        "routines/<slug:slug>/screening/summary/",
        screening_views.ScreeningSummaryView.as_view(),
        name="screening_summary",
    ),
    path("routines/<slug:slug>/stop/", screening_views.stop_routine, name="routine_stop"),
    path("routines/<slug:slug>/stopped/", screening_views.routine_stopped, name="routine_stopped"),
]
