"""What stretches keeps about a person, offered to the accounts app: its one door into stretches.

The account belongs to accounts; the health data tied to it (screenings with their answers, pain
stops, finished routines) belongs here. accounts shows, exports, adopts and erases it through these
functions and imports nothing else from stretches.
"""

from dataclasses import dataclass

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone

from stretches.models import CheckIn, PainReport, ReminderPlan, RoutineCompletion, Screening
from stretches.progress import triggers
from stretches.progress.charts import ProgressCharts, progress_charts
from stretches.progress.course import course_of
from stretches.progress.recent_lists import finished_items, pain_stop_items
from stretches.progress.recent_rows import Finished, PainStop
from stretches.screening.owners import SESSION_KEY
from stretches.screening.state import blocking_reasons


def screening_history(user):
    """The person's screenings, newest first, ready for `with_blocking_reasons`."""
    return (
        Screening.objects.filter(user=user)
        .prefetch_related("answers__contraindication")
        .order_by("-created_at", "-id")
    )


def with_blocking_reasons(screenings):
    """(screening, the rule's reasons over its own answers) for each screening given."""
    return [(screening, blocking_reasons(screening)) for screening in screenings]


def own_screening_or_404(user, pk):
    """One of the person's own screenings; anyone else's is a 404, so ids reveal nothing."""
    return get_object_or_404(screening_history(user), pk=pk)


def repeated_pain_stops(recent_count):
    """Whether that many recent pain stops call for the seeds' "see a doctor" guidance."""
    return PainReport.are_repeated(recent_count)


@dataclass(frozen=True)
class RecentCourse:
    """The person's last weeks as charts, and what the seeds' guidance asks of them."""

    charts: ProgressCharts
    pain_not_easing: triggers.PainNotEasing | None  # the "see a doctor" prompt's numbers
    recent_pain_stops: int  # within PainReport.REPEATED_WINDOW
    last_pain_stops: tuple[PainStop, ...]  # the last RECENT_SHOWN, newest first
    last_finished: tuple[Finished, ...]
    screening_count: int  # for the history's pager, read with the rest

    @property
    def keeps_hurting(self):
        return repeated_pain_stops(self.recent_pain_stops)

    @property
    def pain_stop_items(self):
        """The last pain stops as the page lists them (<li> items)."""
        return pain_stop_items(self.last_pain_stops)

    @property
    def finished_items(self):
        return finished_items(self.last_finished)


def recent_course(user, *, now=None):
    """The person's charts, the "see a doctor" prompt, their pain stops lately, their last
    pain stops and finished routines and their screenings' count, all read in one query, however
    much they have recorded.
    """
    now = now or timezone.now()
    course = course_of(user, now=now)
    return RecentCourse(
        charts=progress_charts(user, course=course),
        # The rule's look-back lies inside the charts' window, so the rows read are all it needs.
        pain_not_easing=triggers.pain_not_easing_in(triggers.ratings_in(course.check_ins, now=now)),
        recent_pain_stops=course.pain_stops_lately,
        last_pain_stops=course.last_pain_stops,
        last_finished=course.last_finished,
        screening_count=course.screening_count,
    )


@transaction.atomic
def adopt_session_records(*, user, session):
    """Attach the screenings, pain reports and check-ins this browser made before signing in."""
    token = session.pop(SESSION_KEY, "")
    if not token:
        return 0
    adopted = Screening.objects.filter(user__isnull=True, session_token=token).update(
        user=user, session_token=""
    )
    for model in (PainReport, CheckIn):
        model.objects.filter(user__isnull=True, session_token=token).update(
            user=user, session_token=""
        )
    return adopted


def export_personal_data(user):
    """The person's health data and activity, as plain JSON-ready data."""
    return {
        "screenings": [
            {
                "date": screening.created_at.isoformat(),
                "routine": screening.routine_title,
                "outcome": screening.outcome,
                "answers": [
                    {
                        "condition": answer.condition_name,
                        "question": answer.question_text,
                        "answer": answer.get_answer_display(),
                    }
                    for answer in screening.answers.all()
                ],
            }
            for screening in Screening.objects.filter(user=user).prefetch_related("answers")
        ],
        "pain_reports": [
            {
                "date": report.created_at.isoformat(),
                "routine": report.routine.title,
                "step": report.step_position,
            }
            for report in PainReport.objects.filter(user=user).select_related("routine")
        ],
        "check_ins": [
            {
                "date": check_in.created_at.isoformat(),
                "routine": check_in.routine.title,
                "pain_before": check_in.pain_before,
                "pain_after": check_in.pain_after,
                "compared_with_last_time": check_in.get_compared_display(),
            }
            for check_in in CheckIn.objects.filter(user=user).select_related("routine")
        ],
        "reminders": [
            {
                "days": [ReminderPlan.Weekday(day).label for day in plan.weekday_numbers],
                "time": plan.time.isoformat(timespec="minutes"),
                "time_zone": plan.time_zone,
                "email_reminders": plan.email_reminders,
            }
            for plan in ReminderPlan.objects.filter(user=user)
        ],
        "completed_routines": [
            {"date": completion.completed_at.isoformat(), "routine": completion.routine.title}
            for completion in RoutineCompletion.objects.filter(user=user).select_related("routine")
        ],
    }


@transaction.atomic
def delete_personal_data(*, user):
    """Erase everything stretches holds about the person, before their account goes.

    The foreign keys cascade too; deleting here says so in one place and does not depend on it.
    """
    Screening.objects.filter(user=user).delete()
    PainReport.objects.filter(user=user).delete()
    RoutineCompletion.objects.filter(user=user).delete()
    CheckIn.objects.filter(user=user).delete()
    ReminderPlan.objects.filter(user=user).delete()
