"""The progress report: the person's own records over a period they pick, one section a month."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from stretches.models import PainReport, Screening, ScreeningAnswer
from stretches.progress.forms import ReportPeriodForm, default_period
from tests.factories import ContraindicationFactory, RoutineFactory, UserFactory
from tests.progress.pages import find_all, page_tree, table_rows, text
from tests.progress.records import at_noon, check_in, finished, today

pytestmark = pytest.mark.django_db

REPORT = reverse("stretches:progress_report")


@pytest.fixture
def person(client):
    user = UserFactory()
    client.force_login(user)
    return user


@pytest.fixture
def routine():
    return RoutineFactory(title="Chair twist")


def month_headings(response):
    return [text(h2).split(" (")[0] for h2 in find_all(page_tree(response), "h2")]


def errors(response):
    tree = page_tree(response)
    return [text(div) for div in find_all(tree, "div", "alert-danger")] + [
        text(div) for div in find_all(tree, "div", "invalid-feedback")
    ]


def test_the_report_needs_sign_in(client):
    response = client.get(REPORT)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_report_is_never_cached(client, person):
    response = client.get(REPORT)

    assert response.status_code == 200
    assert set(response["Cache-Control"].replace(" ", "").split(",")) >= {
        "no-cache",
        "no-store",
        "must-revalidate",
        "private",
    }


def test_the_report_is_read_only(client, person):
    response = client.post(REPORT, {"start": "2026-01-01", "end": "2026-01-31"})

    assert response.status_code == 405


def test_by_default_the_report_covers_this_month_and_the_two_before(client, person):
    start, end = default_period(today())

    response = client.get(REPORT)

    assert start.day == 1
    assert end == today()
    assert len(month_headings(response)) == 3
    assert month_headings(response)[-1] == f"{today():%B %Y}"


def test_each_month_lists_its_own_check_ins_sessions_pain_stops_and_screenings(
    client, person, routine
):
    check_in(person, routine, when=at_noon(date(2026, 3, 5)), before=6, after=4, compared="better")
    finished(person, routine, when=at_noon(date(2026, 3, 5)))
    PainReport.objects.create(
        user=person, routine=routine, step_position=3, created_at=at_noon(date(2026, 4, 2))
    )
    blocked = Screening.objects.create(
        user=person,
        routine=routine,
        routine_title="Chair twist",
        outcome=Screening.Outcome.BLOCKED,
        created_at=at_noon(date(2026, 4, 20)),
    )
    ScreeningAnswer.objects.create(
        screening=blocked,
        contraindication=ContraindicationFactory(name="Osteopenia"),
        condition_name="Osteopenia",
        question_text="Osteopenia?",
        answer="yes",
    )

    response = client.get(REPORT, {"start": "2026-03-01", "end": "2026-05-15"})

    assert response.status_code == 200
    assert month_headings(response) == ["March 2026", "April 2026", "May 2026"]
    march, april, may = find_all(page_tree(response), "section", "report-month")
    [check_ins] = find_all(march, "table", "report-check-ins")
    assert table_rows(check_ins) == [["Thu 5 Mar, 12:00", "Chair twist", "6", "4", "Better"]]
    [sessions] = find_all(march, "table", "report-completions")
    assert table_rows(sessions) == [["Thu 5 Mar, 12:00", "Chair twist"]]
    assert find_all(march, "table", "report-pain-stops") == []
    [stops] = find_all(april, "table", "report-pain-stops")
    assert table_rows(stops) == [["Thu 2 Apr, 12:00", "Chair twist", "3"]]
    [screenings] = find_all(april, "table", "report-screenings")
    assert table_rows(screenings) == [
        ["Mon 20 Apr, 12:00", "Chair twist", "Blocked", "Osteopenia (Yes)"]
    ]
    assert [text(p) for p in find_all(march, "p", "month-totals")] == [
        "1 routine finished, 1 check-in (average pain before 6, after 4), 0 pain stops, "
        "0 screenings."
    ]
    assert "Nothing recorded this month." in text(may)


def test_records_outside_the_period_are_left_out(client, person, routine):
    check_in(person, routine, when=at_noon(date(2026, 2, 28)), before=9)
    check_in(person, routine, when=at_noon(date(2026, 3, 1)), before=3)
    check_in(person, routine, when=at_noon(date(2026, 3, 31)), before=4)
    check_in(person, routine, when=at_noon(date(2026, 4, 1)), before=9)

    response = client.get(REPORT, {"start": "2026-03-01", "end": "2026-03-31"})

    [table] = find_all(page_tree(response), "table", "report-check-ins")
    assert [row[2] for row in table_rows(table)] == ["3", "4"]


def test_someone_elses_records_never_appear(client, person):
    someone_else = UserFactory()
    theirs = RoutineFactory(title="Their very own routine")
    check_in(someone_else, theirs, when=at_noon(today()), before=8)
    finished(someone_else, theirs, when=at_noon(today()))
    PainReport.objects.create(user=someone_else, routine=theirs, created_at=at_noon(today()))

    response = client.get(REPORT)

    assert response.status_code == 200
    assert "Their very own routine" not in response.content.decode()
    assert find_all(page_tree(response), "table", "report-table") == []


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"start": "2026-03-10", "end": "2026-03-01"}, "The end date must be on or after"),
        ({"start": "2025-01-01", "end": "2026-01-01"}, "A report covers at most 12 months"),
        ({"start": "yesterday", "end": "2026-01-01"}, "Enter a valid date."),
        ({"start": "2026-01-01"}, "This field is required."),
        ({"start": "1999-12-31", "end": "2000-01-31"}, "Pick a start date in 2000 or later."),
        ({"start": "0001-01-01", "end": "0001-01-02"}, "Pick a start date in 2000 or later."),
        ({"start": "9999-12-30", "end": "9999-12-31"}, "Pick an end date no later than today."),
        ({"start": "2026-01-01", "end": "99999-01-01"}, "Enter a valid date."),
    ],
)
def test_a_bad_period_is_a_form_error_with_status_400(client, person, query, message):
    response = client.get(REPORT, query)

    assert response.status_code == 400
    assert any(message in error for error in errors(response)), errors(response)
    assert find_all(page_tree(response), "section", "report-month") == []


@pytest.mark.parametrize(
    ("start", "end", "valid"),
    [
        (date(2025, 11, 20), date(2026, 11, 19), True),
        (date(2025, 11, 20), date(2026, 11, 20), False),
        (date(2024, 2, 29), date(2025, 2, 28), True),
        (date(2024, 2, 29), date(2025, 3, 1), False),
        (date(2026, 11, 20), date(2026, 11, 20), True),
        (date(2026, 11, 20), date(2026, 11, 21), False),  # tomorrow
        (date(2000, 1, 1), date(2000, 12, 31), True),
    ],
)
def test_a_period_is_at_most_twelve_months_and_ends_by_today(start, end, valid):
    form = ReportPeriodForm({"start": start, "end": end}, today=date(2026, 11, 20))

    assert form.is_valid() is valid, form.errors


def test_the_default_period_starts_on_the_first_of_the_month_two_months_back():
    assert default_period(date(2026, 1, 31)) == (date(2025, 11, 1), date(2026, 1, 31))
    assert default_period(date(2026, 3, 1)) == (date(2026, 1, 1), date(2026, 3, 1))


def test_a_report_spanning_a_whole_year_has_a_section_for_each_month(client, person):
    end = today()
    start = end.replace(day=1) - timedelta(days=300)

    response = client.get(REPORT, {"start": start.isoformat(), "end": end.isoformat()})

    months = (end.year - start.year) * 12 + end.month - start.month + 1
    assert len(find_all(page_tree(response), "section", "report-month")) == months
