"""The person's own pages. Every URL here is scoped to the signed-in person: no ids to change."""

import json

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import CreateView

from accounts.forms import DeleteAccountForm, SignUpForm
from accounts.services import delete_account, personal_data
from stretches.models import PainReport, RoutineCompletion, Screening
from stretches.services import blocking_reasons

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
class ProfileView(LoginRequiredMixin, View):
    template_name = "accounts/profile.html"

    def get(self, request):
        screenings = (
            Screening.objects.filter(user=request.user)
            .prefetch_related("answers__contraindication")
            .order_by("-created_at", "-id")
        )
        page = Paginator(screenings, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
        history = [(screening, blocking_reasons(screening)) for screening in page]
        context = {
            "page_obj": page,
            "history": history,
            "pain_reports": PainReport.objects.filter(user=request.user).select_related("routine")[
                :20
            ],
            "completions": RoutineCompletion.objects.filter(user=request.user).select_related(
                "routine"
            )[:20],
        }
        return render(request, self.template_name, context)


@method_decorator(never_cache, name="dispatch")
class ScreeningAnswersView(LoginRequiredMixin, View):
    """One screening's answers; anyone's but the owner's is a 404, not a 403, so ids reveal nothing."""

    def get(self, request, pk):
        screening = get_object_or_404(
            Screening.objects.filter(user=request.user).prefetch_related(
                "answers__contraindication"
            ),
            pk=pk,
        )
        context = {"screening": screening, "reasons": blocking_reasons(screening)}
        return render(request, "accounts/screening_answers.html", context)


@never_cache
def download_my_data(request):
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    body = json.dumps(personal_data(request.user), cls=DjangoJSONEncoder, indent=2)
    response = HttpResponse(body, content_type="application/json")
    filename = f"limber-my-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@method_decorator([sensitive_post_parameters("password"), never_cache], name="dispatch")
class DeleteAccountView(LoginRequiredMixin, View):
    template_name = "accounts/delete_account.html"

    def get(self, request):
        return render(request, self.template_name, {"form": DeleteAccountForm(user=request.user)})

    def post(self, request):
        form = DeleteAccountForm(request.POST, user=request.user)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        delete_account(request=request, user=request.user)
        messages.success(request, "Your account and all your data have been deleted.")
        return redirect("stretches:home")
