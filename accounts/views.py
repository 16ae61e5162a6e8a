"""The person's own pages. Every URL here is scoped to the signed-in person: no ids to change."""

import json

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import CreateView, FormView, ListView, TemplateView

from accounts.forms import DeleteAccountForm, SignUpForm
from accounts.services import delete_account, personal_data
from stretches.personal_data import (
    own_screening_or_404,
    recent_completions,
    recent_pain_stop_count,
    recent_pain_stops,
    repeated_pain_stops,
    screening_history,
    with_blocking_reasons,
)

HISTORY_PAGE_SIZE = 10


@method_decorator(
    [sensitive_post_parameters("password1", "password2"), never_cache], name="dispatch"
)
class SignUpView(CreateView):
    form_class = SignUpForm
    template_name = "accounts/signup.html"
    success_url = reverse_lazy("accounts:profile")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("accounts:profile")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        # Signing in here also adopts this browser's earlier screenings (accounts.signals).
        login(self.request, self.object, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(self.request, "Welcome to Limber. Your account is ready.")
        return response


@method_decorator(never_cache, name="dispatch")
class ProfileView(LoginRequiredMixin, ListView):
    template_name = "accounts/profile.html"
    paginate_by = HISTORY_PAGE_SIZE

    def get_queryset(self):
        return screening_history(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pain_stop_count = recent_pain_stop_count(self.request.user)
        context.update(
            keeps_hurting=repeated_pain_stops(pain_stop_count),
            recent_pain_stops=pain_stop_count,
            history=with_blocking_reasons(context["page_obj"]),
            pain_reports=recent_pain_stops(self.request.user),
            completions=recent_completions(self.request.user),
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
