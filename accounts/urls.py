from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from accounts import views
from accounts.emails import posted_email
from accounts.forms import EmailAuthenticationForm, QueuedPasswordResetForm
from config.throttling import throttle


def throttled(view, action):
    """`view` limited per address and per email, at the rates settings.THROTTLES gives `action`."""
    per_email = throttle(f"{action}_per_email", posted_email)(view)
    return throttle(f"{action}_per_address", "ip")(per_email)


app_name = "accounts"

urlpatterns = [
    path("signup/", throttled(views.SignUpView.as_view(), "sign_up"), name="signup"),
    path("signup/sent/", views.SignUpSentView.as_view(), name="signup_sent"),
    path(
        "signup/confirm/<uidb64>/<token>/",
        views.ActivateAccountView.as_view(),
        name="activate",
    ),
    path(
        "signin/",
        throttled(
            auth_views.LoginView.as_view(
                authentication_form=EmailAuthenticationForm, redirect_authenticated_user=True
            ),
            "sign_in",
        ),
        name="login",
    ),
    path("signout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/change/",
        views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        throttled(
            auth_views.PasswordResetView.as_view(
                form_class=QueuedPasswordResetForm,
                success_url=reverse_lazy("accounts:password_reset_done"),
            ),
            "password_reset",
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("accounts:password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("me/", views.ProfileView.as_view(), name="profile"),
    path("me/screenings/<int:pk>/", views.ScreeningAnswersView.as_view(), name="screening_answers"),
    path("me/data.json", views.download_my_data, name="download_data"),
    path("me/delete/", views.DeleteAccountView.as_view(), name="delete_account"),
]
