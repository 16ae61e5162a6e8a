"""The numbers behind the charts: the window, the person's own days, and the plain summaries."""

import zoneinfo
from datetime import date, datetime, time, timedelta

import pytest
from django.utils.formats import date_format

from stretches.models import PainReport, ReminderPlan
from stretches.progress.chart_tables import day_label
from stretches.progress.charts import calendar_chart, sessions_chart
from stretches.progress.course import course_of, pain_label, person_zone
from stretches.progress.summaries import calendar_summary, pain_summary, sessions_summary
from tests.factories import RoutineFactory, UserFactory
from tests.progress.records import check_in, finished

pytestmark = pytest.mark.django_db

UTC = zoneinfo.ZoneInfo("UTC")
AUCKLAND = zoneinfo.ZoneInfo("Pacific/Auckland")
THURSDAY = date(2026, 11, 19)


@pytest.fixture
def person():
    return UserFactory()


@pytest.fixture
def routine():
    return RoutineFactory()


def moment(day, hour=12, zone=UTC):
    return datetime.combine(day, time(hour), tzinfo=zone)


def test_the_window_is_twelve_whole_weeks_from_a_monday_to_this_sunday(person):
    course = course_of(person, today=THURSDAY, zone=UTC)

    assert course.first_day == date(2026, 8, 31)
    assert course.first_day.weekday() == 0
    assert course.last_day == date(2026, 11, 22)
    assert course.days_so_far == 81
    assert [week.starts for week in course.weeks][-1] == date(2026, 11, 16)
    assert course.is_empty


def test_the_first_monday_counts_and_the_sunday_before_it_does_not(person, routine):
    check_in(person, routine, when=moment(date(2026, 8, 30), 23), before=9)
    check_in(person, routine, when=moment(date(2026, 8, 31), 0), before=5)

    course = course_of(person, today=THURSDAY, zone=UTC)

    assert [(day.day, day.before) for day in course.pain_days] == [(date(2026, 8, 31), 5)]


def test_a_day_with_several_check_ins_averages_them_and_skips_missing_ratings(person, routine):
    check_in(person, routine, when=moment(THURSDAY, 8), before=6, after=None)
    check_in(person, routine, when=moment(THURSDAY, 18), before=5, after=3)
    check_in(person, routine, when=moment(THURSDAY, 20), compared="better")

    [day] = course_of(person, today=THURSDAY, zone=UTC).pain_days

    assert (day.check_ins, day.before, day.after) == (3, 5.5, 3)
    assert (day.before_label, day.after_label) == ("5.5", "3")


def test_days_are_counted_in_the_persons_own_time_zone(person, routine):
    ReminderPlan.objects.create(
        user=person, weekdays="0", time=time(8), time_zone="Pacific/Auckland"
    )
    # 20:00 UTC on Wednesday is already Thursday morning in Auckland.
    check_in(person, routine, when=moment(date(2026, 11, 18), 20), before=4)

    assert person_zone(person) == AUCKLAND
    [day] = course_of(person, today=THURSDAY).pain_days
    assert day.day == THURSDAY


def test_without_a_reminder_plan_days_are_in_the_sites_time_zone(person, settings):
    settings.TIME_ZONE = "Europe/Paris"

    assert person_zone(person) == zoneinfo.ZoneInfo("Europe/Paris")


def test_sessions_are_summed_by_monday_to_sunday_week(person, routine):
    for day in (date(2026, 11, 9), date(2026, 11, 15), date(2026, 11, 16), date(2026, 11, 16)):
        finished(person, routine, when=moment(day))

    course = course_of(person, today=THURSDAY, zone=UTC)

    assert [week.sessions for week in course.weeks][-2:] == [2, 2]
    assert course.session_count == 4
    assert [(d.day, d.sessions, d.check_ins) for d in course.stretch_days] == [
        (date(2026, 11, 9), 1, 0),
        (date(2026, 11, 15), 1, 0),
        (date(2026, 11, 16), 2, 0),
    ]
    assert sessions_summary(course) == (
        "4 finished routines in the last 12 weeks, 2 this week. "
        "The most in one week was 2, in the week of 9 Nov."
    )


def test_someone_elses_records_never_count(person, routine):
    other = UserFactory()
    check_in(other, routine, when=moment(THURSDAY), before=8)
    finished(other, routine, when=moment(THURSDAY))

    course = course_of(person, today=THURSDAY, zone=UTC)

    assert (course.pain_days, course.stretch_days, course.session_count) == ((), (), 0)


@pytest.mark.parametrize(
    ("value", "label"), [(None, "—"), (4.0, "4"), (4.5, "4.5"), (10, "10"), (0, "0"), (2.66, "2.7")]
)
def test_pain_is_labelled_as_people_say_it(value, label):
    assert pain_label(value) == label


def test_summaries_of_an_empty_course_say_there_is_nothing(person):
    course = course_of(person, today=THURSDAY, zone=UTC)

    assert pain_summary(course) == "No pain ratings in the last 12 weeks."
    assert sessions_summary(course) == "No finished routines in the last 12 weeks."
    assert calendar_summary(course) == "No days with stretching in the last 12 weeks."


def test_pain_summary_follows_each_series_from_its_own_first_to_last_rating(person, routine):
    check_in(person, routine, when=moment(date(2026, 10, 3)), before=6)
    check_in(person, routine, when=moment(date(2026, 10, 10)), before=5, after=4)
    check_in(person, routine, when=moment(date(2026, 11, 18)), before=4, after=2)

    course = course_of(person, today=THURSDAY, zone=UTC)

    assert pain_summary(course) == (
        "Pain before stretching went from 6 on 3 Oct to 4 on 18 Nov. "
        "Pain after stretching went from 4 on 10 Oct to 2 on 18 Nov."
    )
    assert calendar_summary(course) == (
        "You stretched on 3 of the last 81 days, most recently on 18 Nov."
    )


def test_the_sessions_axis_rounds_up_and_never_falls_below_four(person, routine):
    quiet = course_of(person, today=THURSDAY, zone=UTC)
    assert [tick.label for tick in sessions_chart(quiet).y_ticks] == ["0", "1", "2", "3", "4"]

    for hour in range(13):
        finished(person, routine, when=moment(THURSDAY, hour))
    busy = course_of(person, today=THURSDAY, zone=UTC)
    chart = sessions_chart(busy)

    assert [tick.label for tick in chart.y_ticks] == ["0", "3", "6", "9", "12", "15"]
    tallest = chart.bars[-1]
    assert (tallest.sessions, float(tallest.height)) == (13, pytest.approx(190 * 13 / 15, abs=0.1))


def test_the_calendar_marks_stretched_days_and_leaves_the_rest_of_the_week_unlived(person, routine):
    finished(person, routine, when=moment(date(2026, 11, 17)))

    cells = calendar_chart(course_of(person, today=THURSDAY, zone=UTC)).cells

    assert len(cells) == 84
    this_week = cells[-7:]
    assert [cell.css_class for cell in this_week] == [
        "calendar-day",
        "calendar-day calendar-day-stretched",
        "calendar-day",
        "calendar-day calendar-day-today",
        "calendar-day calendar-day-future",
        "calendar-day calendar-day-future",
        "calendar-day calendar-day-future",
    ]
    assert [bool(cell.tick) for cell in this_week] == [
        False,
        True,
        False,
        False,
        False,
        False,
        False,
    ]


def test_the_calendar_labels_each_month_where_it_begins(person):
    chart = calendar_chart(course_of(person, today=THURSDAY, zone=UTC))

    # 31 Aug is the first day shown, but September begins that week; 1 Oct is in the 5th week.
    assert [label.label for label in chart.month_labels] == ["Sep", "Oct", "Nov"]
    assert [label.at for label in chart.month_labels] == ["40", "152", "264"]

    later = calendar_chart(course_of(person, today=date(2026, 12, 10), zone=UTC))
    assert [label.label for label in later.month_labels] == ["Sep", "Oct", "Nov", "Dec"]


def test_a_day_far_ahead_of_utc_is_still_today_in_the_window(person, routine):
    check_in(person, routine, when=moment(THURSDAY, 23, AUCKLAND) - timedelta(hours=1), before=2)

    course = course_of(person, today=THURSDAY, zone=AUCKLAND)

    assert [day.day for day in course.pain_days] == [THURSDAY]


def test_a_tables_day_reads_as_the_date_filter_writes_it():
    days = [date(2026, month, 1) + timedelta(days=n) for month in range(1, 13) for n in range(7)]

    assert [day_label(day) for day in days] == [date_format(day, "D j M Y") for day in days]


def test_pain_stops_lately_count_the_last_fourteen_days_only(person, routine):
    now = moment(THURSDAY)
    for days in (0, 13, 15):
        PainReport.objects.create(user=person, routine=routine, created_at=now - timedelta(days))

    course = course_of(person, today=THURSDAY, zone=UTC, now=now)

    assert course.pain_stops_lately == 2
    assert course.stretch_days == ()
