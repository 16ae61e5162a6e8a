"""The calendar's squares, placed from a table worked out once per process, are where drawing
each square on its own put them: the same markup, byte for byte."""

from datetime import date, timedelta

import pytest

from stretches.progress.charts import (
    CALENDAR_LEFT,
    CALENDAR_TOP,
    CELL,
    CELL_GAP,
    Cell,
    Tick,
    calendar_chart,
    number,
)
from stretches.progress.course import WEEKS_SHOWN, Course, StretchDay

THURSDAY = date(2026, 11, 19)


def drawn_a_square_at_a_time(course):
    """The cells and month labels as calendar_chart worked them out before the table."""
    stretched = {day.day for day in course.stretch_days}
    pitch = CELL + CELL_GAP
    cells, month_labels = [], []
    for week in range(WEEKS_SHOWN):
        monday = course.first_day + timedelta(weeks=week)
        x = CALENDAR_LEFT + week * pitch
        month_begins = any((monday + timedelta(days=d)).day == 1 for d in range(7))
        if month_begins or week == 0:
            label_day = monday + timedelta(days=6) if month_begins else monday
            month_labels.append(Tick(number(x), f"{label_day:%b}"))
        for weekday in range(7):
            day = monday + timedelta(days=weekday)
            y = CALENDAR_TOP + weekday * pitch
            classes = ["calendar-day"]
            tick = ""
            if day > course.today:
                classes.append("calendar-day-future")
            elif day in stretched:
                classes.append("calendar-day-stretched")
                tick = (
                    f"{number(x + 6)},{number(y + 12)} {number(x + 10)},{number(y + 17)} "
                    f"{number(x + 18)},{number(y + 7)}"
                )
            if day == course.today:
                classes.append("calendar-day-today")
            cells.append(Cell(number(x), number(y), tick, " ".join(classes)))
    return tuple(cells), tuple(month_labels)


def a_course(today, stretched_days):
    first_day = today - timedelta(days=today.weekday(), weeks=WEEKS_SHOWN - 1)
    days = sorted({first_day + timedelta(days=n) for n in stretched_days})
    return Course(first_day, today, (), (), tuple(StretchDay(day, 1, 0) for day in days))


@pytest.mark.parametrize("today", [THURSDAY + timedelta(days=n) for n in range(7)])
@pytest.mark.parametrize(
    "stretched_days",
    [(), (0,), range(0, 84, 3), range(84), (40, 41, 83)],
    ids=["none", "the first day", "every third day", "every day", "a few, one ahead"],
)
def test_the_calendar_is_the_same_as_drawn_a_square_at_a_time(today, stretched_days):
    course = a_course(today, stretched_days)

    chart = calendar_chart(course)

    assert (chart.cells, chart.month_labels) == drawn_a_square_at_a_time(course)
