import hashlib

from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView, TemplateView

from stretches.caching import (
    RoutineIdPaginator,
    cache_public_page,
    check_in_card_html,
    published_routine_cards_html,
    published_routine_content,
    routine_steps_html,
    routine_steps_page_html,
)
from stretches.caching.openings import messages_html
from stretches.forms import RoutineFilterForm, filter_selects
from stretches.models import Routine, RoutineCompletion
from stretches.progress.checkin_forms import AfterForm
from stretches.progress.checkins import needs_high_pain_guidance, told_us_after
from stretches.screening.gate import ScreeningRequiredMixin
from stretches.screening.owners import owner_for_request
from stretches.shortcuts import published_routine_or_404


@method_decorator(cache_public_page, name="dispatch")
class HomeView(TemplateView):
    template_name = "stretches/home.html"


@method_decorator(cache_public_page, name="dispatch")
class SafetyView(TemplateView):
    template_name = "stretches/safety.html"


@method_decorator(cache_public_page, name="dispatch")
class RoutineListView(ListView):
    template_name = "stretches/routine_list.html"
    context_object_name = "routines"  # a page's routine ids: RoutineIdPaginator
    paginate_by = 24

    def get_queryset(self):
        """A function that builds the matching routines' query.

        RoutineIdPaginator calls it only for a count or a page it has not kept yet: building
        the query (the search vector above all) cost about as much as running it.
        """
        filters = self.filters = RoutineFilterForm.valid_filters(self.request.GET)
        # Pagination needs a stable order even between routines of the same title.
        return lambda: Routine.objects.published().matching(**filters).order_by("title", "pk")

    def get_paginator(self, queryset, per_page, **kwargs):
        # Hashed: the search text is the visitor's, of any length and any characters.
        filters = hashlib.sha256(repr(sorted(self.filters.items())).encode()).hexdigest()
        return RoutineIdPaginator(queryset, per_page, key=filters, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Shown with only the accepted values, so an unknown value just disappears.
        context["filters"] = self.filters
        context["filter_selects"] = filter_selects(self.filters)
        context["routine_cards_html"] = published_routine_cards_html(context["routines"])
        context["is_filtered"] = any(self.filters.values())
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_without_page"] = query.urlencode()
        return context


class PublishedRoutineMixin:
    """Only published routines exist for the public: a draft's URL is a 404."""

    context_object_name = "routine"

    def get_queryset(self):
        return Routine.objects.all()

    def get_object(self, queryset=None):
        return published_routine_or_404(self.kwargs["slug"], routines=self.get_queryset())


@method_decorator(cache_public_page, name="dispatch")
class RoutineDetailView(PublishedRoutineMixin, DetailView):
    template_name = "stretches/routine_detail.html"

    def get_object(self, queryset=None):
        self.content = published_routine_content(self.kwargs["slug"])
        return self.content.routine

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["contraindications"] = self.content.contraindications
        return context


class RoutineStepsView(ScreeningRequiredMixin, DetailView):
    """The instructions: only ever shown behind the screening gate."""

    template_name = "stretches/routine_steps.html"
    context_object_name = "routine"
    reads_open_check_in = True

    def get(self, request, *args, **kwargs):
        self.check_in = self.screening.open_check_in
        if needs_high_pain_guidance(self.check_in):
            return redirect("stretches:check_in_high_pain", slug=self.routine.slug)
        return super().get(request, *args, **kwargs)

    def get_object(self, queryset=None):
        return self.routine

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # One token for the page's forms, as `{% csrf_token %}` gives one per page.
        csrf_token = get_token(self.request)
        check_in_card = check_in_card_html(self.routine, self.check_in, csrf_token=csrf_token)
        routine_html = routine_steps_html(
            self.content, csrf_token=csrf_token, check_in_card=check_in_card
        )
        if self.request.user.is_authenticated:
            context["routine_html"] = routine_html
        else:
            # The rest of the page is the same for every visitor who is not signed in: kept.
            context["page_html"] = routine_steps_page_html(
                self.content, routine_html=routine_html, messages=messages_html(self.request)
            )
            self.template_name = "stretches/routine_steps_kept.html"
        return context


class CompleteRoutineView(ScreeningRequiredMixin, View):
    """Finishing is behind the same gate: only someone cleared for the routine can finish it."""

    http_method_names = ["post"]

    def post(self, request, slug):
        if request.user.is_authenticated:
            RoutineCompletion.objects.create(user=request.user, routine=self.routine)
        return redirect("stretches:routine_done", slug=slug)


@method_decorator(never_cache, name="dispatch")
class RoutineDoneView(PublishedRoutineMixin, DetailView):
    """Well done, and the after check-in: its form, or what the person told us."""

    template_name = "stretches/routine_done.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["told_us"] = told_us_after(owner_for_request(self.request), self.object)
        context["after_form"] = AfterForm()
        return context


class RoutinePreviewView(DetailView):
    """A routine in any state on the public template, for the staff who edit and review it.

    Anyone else gets the same 404 as for a draft's public URL, so a preview link gives nothing away.
    """

    template_name = "stretches/routine_detail.html"
    context_object_name = "routine"

    def dispatch(self, request, *args, **kwargs):
        if not (request.user.is_staff and request.user.has_perm("stretches.view_routine")):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return Routine.objects.with_step_count().prefetch_related("steps")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["contraindications"] = self.object.relevant_contraindications()
        context["preview"] = True
        return context
