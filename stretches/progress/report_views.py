"""The printable progress report: the signed-in person's own records over a period they pick."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from stretches.progress.course import person_zone
from stretches.progress.forms import ReportPeriodForm, default_period
from stretches.progress.report import progress_report


@method_decorator(never_cache, name="dispatch")
class ProgressReportView(LoginRequiredMixin, TemplateView):
    """GET only: the period is two dates, which say nothing about anyone's health."""

    template_name = "progress/report.html"
    http_method_names = ["get", "head", "options"]

    def get(self, request, *args, **kwargs):
        zone = person_zone(request.user)
        today = timezone.localdate(timezone=zone)
        if "start" in request.GET or "end" in request.GET:
            data = request.GET
        else:
            start, end = default_period(today)
            data = {"start": start.isoformat(), "end": end.isoformat()}
        form = ReportPeriodForm(data, today=today)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        report = progress_report(
            request.user, start=form.cleaned_data["start"], end=form.cleaned_data["end"], zone=zone
        )
        return self.render_to_response(self.get_context_data(form=form, report=report))
