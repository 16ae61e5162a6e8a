"""The person's own pages. Every URL here is scoped to the signed-in person: no ids to change."""

import json

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, ListView, TemplateView

from accounts.forms import DeleteAccountForm, SignUpForm
from accounts.paginator import CountedPaginator
from accounts.services import (
    confirm_account,
    delete_account,
    personal_data,
    remember_signed_in_session,
    sign_up,
    unconfirmed_account,
)
from stretches.personal_data import (
    own_screening_or_404,
    recent_course,
    screening_history,
    with_blocking_reasons,
)

HISTORY_PAGE_SIZE = 10


@method_decorator(
    [sensitive_post_parameters("password1", "password2"), never_cache], name="dispatch"
)
class SignUpView(FormView):
    """The same answer for a new and a taken email: "check your inbox"."""

    form_class = SignUpForm
    template_name = "accounts/signup.html"
    success_url = reverse_lazy("accounts:signup_sent")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("accounts:profile")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        sign_up(form=form, domain=self.request.get_host(), use_https=self.request.is_secure())
        return super().form_valid(form)


class SignUpSentView(TemplateView):
    template_name = "accounts/signup_sent.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's, remembering the session's new key: a new password gives this browser's session
    a new key (`update_session_auth_hash`), and deleting the account must still find and end it."""

    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        remember_signed_in_session(user=form.user, session=self.request.session)
        return response


@method_decorator(never_cache, name="dispatch")
class ActivateAccountView(TemplateView):
    """The link in the sign-up email. GET only asks; the POST confirms and signs the person in,
    so a mail scanner that follows links changes nothing."""

    template_name = "accounts/activate.html"

    def dispatch(self, request, *args, uidb64, token, **kwargs):
        self.account = unconfirmed_account(uidb64, token)
        if self.account is None:
            return render(request, "accounts/activate_invalid.html", status=400)
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        confirm_account(self.account)
        # Signing in also adopts this browser's earlier screenings (accounts.signals).
        login(request, self.account, backend="accounts.backends.UserBackend")
        messages.success(request, "Welcome to Limber. Your account is ready.")
        return redirect("accounts:profile")


@method_decorator(never_cache, name="dispatch")
class ProfileView(LoginRequiredMixin, ListView):
    template_name = "accounts/profile.html"
    paginate_by = HISTORY_PAGE_SIZE

    def get(self, request, *args, **kwargs):
        # Read first: the statement that brings it also counts the screenings for the pager.
        self.course = recent_course(request.user)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if not self.course.screening_count:
            # Nothing to page through; building the queryset and its prefetches costs more
            # than showing that.
            return ()
        return screening_history(self.request.user)

    def get_paginator(self, queryset, per_page, **kwargs):
        return CountedPaginator(queryset, per_page, count=self.course.screening_count, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        course = self.course
        context.update(
            keeps_hurting=course.keeps_hurting,
            pain_not_easing=course.pain_not_easing,
            recent_pain_stops=course.recent_pain_stops,
            history=with_blocking_reasons(context["page_obj"]),
            pain_reports=course.last_pain_stops,
            pain_report_items=course.pain_stop_items,
            completions=course.last_finished,
            completion_items=course.finished_items,
            charts=course.charts,
        )
        return context


@method_decorator(never_cache, name="dispatch")
class ScreeningAnswersView(LoginRequiredMixin, TemplateView):
    """One screening's answers; anyone's but the owner's is a 404, not a 403, so ids reveal nothing."""

    template_name = "accounts/screening_answers.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        [(screening, reasons)] = with_blocking_reasons(
            [own_screening_or_404(self.request.user, kwargs["pk"])]
        )
        context.update(screening=screening, reasons=reasons)
        return context


@never_cache
@login_required
def download_my_data(request):
    body = json.dumps(personal_data(request.user), cls=DjangoJSONEncoder, indent=2)
    response = HttpResponse(body, content_type="application/json")
    filename = f"limber-my-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@method_decorator([sensitive_post_parameters("password"), never_cache], name="dispatch")
class DeleteAccountView(LoginRequiredMixin, FormView):
    template_name = "accounts/delete_account.html"
    form_class = DeleteAccountForm
    success_url = reverse_lazy("stretches:home")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        delete_account(request=self.request, user=self.request.user)
        messages.success(self.request, "Your account and all your data have been deleted.")
        return super().form_valid(form)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response
