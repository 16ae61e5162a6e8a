"""The person's page draws their last 12 weeks: at 0, 1 and 200 check-ins, and only their own."""

from datetime import timedelta

import pytest
from django.urls import reverse

from stretches.models import CheckIn
from stretches.progress.summaries import short_date
from tests.factories import RoutineFactory, UserFactory
from tests.progress.pages import by_id, classes, find_all, page_tree, table_rows, text
from tests.progress.records import check_in, days_ago, finished, today

pytestmark = pytest.mark.django_db

PROFILE = reverse("accounts:profile")


@pytest.fixture
def person(client):
    user = UserFactory()
    client.force_login(user)
    return user


@pytest.fixture
def routine():
    return RoutineFactory(title="Chair twist")


def chart_section(tree, heading_id):
    return next(
        section
        for section in find_all(tree, "section", "progress-chart")
        if dict(section.attributes).get("aria-labelledby") == heading_id
    )


def markers(svg, shape, series):
    return [
        element
        for element in find_all(svg, shape, "pain-marker")
        if f"pain-{series}" in classes(element)
    ]


def the_svg(section):
    [svg] = [svg for svg in find_all(section, "svg") if "chart" in classes(svg)]
    return svg


def test_with_nothing_recorded_the_page_says_so_and_draws_no_chart(client, person):
    response = client.get(PROFILE)

    tree = page_tree(response)
    course = by_id(tree, "course-title")
    assert text(course) == "Your last 12 weeks"
    assert [text(p) for p in find_all(tree, "p", "progress-empty")] == [
        "Nothing here yet. When you finish a routine or check in how it felt, your pain, your "
        "sessions and the days you stretched show here as charts."
    ]
    assert find_all(tree, "svg", "chart") == []
    assert find_all(tree, "details", "chart-data") == []
    report_link = reverse("stretches:progress_report")
    assert any(dict(a.attributes).get("href") == report_link for a in find_all(tree, "a"))


def test_one_check_in_is_one_point_per_series_with_no_line_and_a_one_row_table(
    client, person, routine
):
    when = days_ago(3)
    check_in(person, routine, when=when, before=6, after=4)

    tree = page_tree(client.get(PROFILE))

    pain = chart_section(tree, "pain-chart-heading")
    day = short_date(when.date())
    assert text(by_id(tree, "pain-chart-summary")) == (
        f"Pain before stretching was 6 on {day}. Pain after stretching was 4 on {day}."
    )
    svg = the_svg(pain)
    assert dict(svg.attributes)["role"] == "img"
    assert text(by_id(svg, "pain-chart-name")).startswith("Line chart: pain from 0 (none) to 10")
    [before] = markers(svg, "circle", "before")
    [after] = markers(svg, "rect", "after")
    # The plot runs from y=24 (pain 10) to y=214 (pain 0): 6 sits at 100, 4 at 138.
    assert dict(before.attributes)["cy"] == "100"
    assert float(dict(after.attributes)["y"]) + 4 == 138
    assert find_all(svg, "polyline") == []
    assert table_rows(by_id(tree, "pain-table")) == [[f"{when:%a} {day} {when:%Y}", "1", "6", "4"]]

    assert text(by_id(tree, "sessions-chart-summary")) == (
        "No finished routines in the last 12 weeks."
    )
    assert find_all(tree, "rect", "session-bar") == []

    stretched = find_all(tree, "rect", "calendar-day-stretched")
    # One in the calendar, one in its legend.
    assert len(stretched) == 2
    assert table_rows(by_id(tree, "calendar-table")) == [[f"{when:%a} {day} {when:%Y}", "0", "1"]]
    assert text(by_id(tree, "calendar-chart-summary")).startswith("You stretched on 1 of the last")


def test_two_hundred_check_ins_are_drawn_as_one_point_a_day_and_add_up_in_the_tables(
    client, person, routine
):
    # Four check-ins a day on 50 days, pain easing from 8 to 4 before and 6 to 2 after.
    for days in range(50):
        for hour in (8, 11, 15, 19):
            check_in(
                person,
                routine,
                when=days_ago(days, hour=hour),
                before=4 + days // 10,
                after=2 + days // 10,
            )
    for days in range(0, 50, 2):
        finished(person, routine, when=days_ago(days, hour=9))
    assert CheckIn.objects.count() == 200

    tree = page_tree(client.get(PROFILE))

    svg = the_svg(chart_section(tree, "pain-chart-heading"))
    assert len(markers(svg, "circle", "before")) == 50
    assert len(markers(svg, "rect", "after")) == 50
    lines = find_all(svg, "polyline", "pain-line")
    assert [len(dict(line.attributes)["points"].split()) for line in lines] == [50, 50]
    # The oldest day (pain 8) is highest on the chart, the newest (pain 4) lowest.
    first_y, last_y = (
        dict(lines[0].attributes)["points"].split()[i].split(",")[1] for i in (0, -1)
    )
    assert (first_y, last_y) == ("62", "138")
    rows = table_rows(by_id(tree, "pain-table"))
    assert len(rows) == 50
    assert sum(int(row[1]) for row in rows) == 200
    assert (rows[0][2:], rows[-1][2:]) == (["8", "6"], ["4", "2"])
    oldest, newest = short_date(today() - timedelta(days=49)), short_date(today())
    assert text(by_id(tree, "pain-chart-summary")) == (
        f"Pain before stretching went from 8 on {oldest} to 4 on {newest}. "
        f"Pain after stretching went from 6 on {oldest} to 2 on {newest}."
    )

    week_rows = table_rows(by_id(tree, "sessions-table"))
    assert len(week_rows) == 12
    assert sum(int(row[1]) for row in week_rows) == 25
    bars = find_all(tree, "rect", "session-bar")
    counts = [text(label) for label in find_all(tree, "text", "session-count")]
    assert len(bars) == sum(1 for row in week_rows if row[1] != "0")
    assert counts == [row[1] for row in week_rows if row[1] != "0"]

    calendar = find_all(tree, "rect", "calendar-day")
    assert len(calendar) == 12 * 7 + 2  # the grid, and the legend's two keys
    assert len(find_all(tree, "rect", "calendar-day-stretched")) == 50 + 1
    assert len(find_all(tree, "polyline", "calendar-tick")) == 50 + 1
    assert len(table_rows(by_id(tree, "calendar-table"))) == 50


def test_each_chart_has_a_name_a_summary_and_a_table_behind_a_summary_control(
    client, person, routine
):
    check_in(person, routine, when=days_ago(1), before=5, after=3)
    finished(person, routine, when=days_ago(1))

    tree = page_tree(client.get(PROFILE))

    for chart in ("pain", "sessions", "calendar"):
        section = chart_section(tree, f"{chart}-chart-heading")
        svg = the_svg(section)
        attributes = dict(svg.attributes)
        assert attributes["role"] == "img"
        assert text(by_id(tree, attributes["aria-labelledby"])) != ""
        assert attributes["aria-describedby"] == f"{chart}-chart-summary"
        [details] = find_all(section, "details", "chart-data")
        [summary] = find_all(details, "summary")
        assert text(summary).endswith("as a table")
        assert find_all(details, "table") == [by_id(tree, f"{chart}-table")]


def test_nobody_elses_check_ins_or_sessions_reach_the_chart(client, person, routine):
    someone_else = UserFactory()
    check_in(someone_else, routine, when=days_ago(2), before=9, after=9)
    finished(someone_else, routine, when=days_ago(2))
    CheckIn.objects.create(
        session_token="signed-out-browser", routine=routine, pain_before=8, created_at=days_ago(1)
    )

    tree = page_tree(client.get(PROFILE))

    assert find_all(tree, "svg", "chart") == []
    assert len(find_all(tree, "p", "progress-empty")) == 1


def test_check_ins_older_than_twelve_weeks_are_left_out(client, person, routine):
    check_in(person, routine, when=days_ago(7 * 12 + 7), before=9, after=9)
    check_in(person, routine, when=days_ago(2), before=3, after=2)

    tree = page_tree(client.get(PROFILE))

    rows = table_rows(by_id(tree, "pain-table"))
    assert [row[2:] for row in rows] == [["3", "2"]]


def test_the_page_needs_sign_in(client):
    response = client.get(PROFILE)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
