from django.urls import path

from stretches import views

app_name = "stretches"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("safety/", views.SafetyView.as_view(), name="safety"),
    path("routines/", views.RoutineListView.as_view(), name="routine_list"),
    path(
        "routines/<slug:slug>/preview/", views.RoutinePreviewView.as_view(), name="routine_preview"
    ),
    path("routines/<slug:slug>/", views.RoutineDetailView.as_view(), name="routine_detail"),
    path("routines/<slug:slug>/steps/", views.RoutineStepsView.as_view(), name="routine_steps"),
]
