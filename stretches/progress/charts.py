"""The person's charts as SVG: coordinates worked out here, and the repeated shapes written here.

The templates under templates/progress/includes/ hold each chart's frame, name and legend and
print the shapes made here, so the charts need no chart library, no inline style and no script:
the CSP holds and the page prints. The shapes are written in Python, not by a template loop: at
84 days a template spent over 10 ms a page resolving their variables (docs/performance.md).
Everything written into the markup is a number or a label made here; labels are escaped anyway.
"""

import math
from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property

from django.utils.html import escape
from django.utils.safestring import mark_safe

from stretches.models import PAIN_SCALE
from stretches.progress import chart_tables, summaries
from stretches.progress.course import WEEKS_SHOWN, Course, course_of

# The plot's frame in SVG units; CSS scales the whole picture to the width it is given.
WIDTH, HEIGHT = 560, 250
# TOP leaves room for the count over the tallest bar.
LEFT, RIGHT, TOP, BOTTOM = 40, 14, 24, 36
PLOT_WIDTH, PLOT_HEIGHT = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
PAIN_MAX = PAIN_SCALE.stop - 1
MARKER_SIZE = 8
CELL, CELL_GAP, CALENDAR_LEFT, CALENDAR_TOP = 24, 4, 40, 22


def number(value):
    """An SVG coordinate: one decimal at most, whatever the page's language formats numbers as."""
    return f"{value:.1f}".removesuffix(".0")


@dataclass(frozen=True)
class Tick:
    at: str
    label: str


@dataclass(frozen=True)
class Marker:
    x: str
    y: str
    corner_x: str  # a square marker's top-left corner
    corner_y: str


@dataclass(frozen=True)
class Series:
    key: str
    markers: tuple[Marker, ...]
    line: str  # polyline points


@dataclass(frozen=True)
class Bar:
    x: str
    y: str
    width: str
    height: str
    label_x: str
    label_y: str
    sessions: int


@dataclass(frozen=True)
class Cell:
    x: str
    y: str
    tick: str  # polyline points of the check mark on a day they stretched; "" otherwise
    css_class: str


@dataclass(frozen=True)
class Frame:
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM
    x_label_y: int = HEIGHT - BOTTOM + 20


def _axes(frame, y_ticks, x_ticks):
    """The grid, the y and x labels: each chart's axes, as the first shapes in its SVG."""
    grid = "".join(
        f'<line x1="{frame.left}" x2="{frame.right}" y1="{tick.at}" y2="{tick.at}"/>'
        for tick in y_ticks
    )
    y_labels = "".join(
        f'<text x="{frame.left - 8}" y="{tick.at}" dy="4">{escape(tick.label)}</text>'
        for tick in y_ticks
    )
    x_labels = "".join(
        f'<text x="{tick.at}" y="{frame.x_label_y}">{escape(tick.label)}</text>' for tick in x_ticks
    )
    return (
        f'<g class="chart-grid">{grid}</g>'
        f'<g class="chart-axis-labels chart-y-labels">{y_labels}</g>'
        f'<g class="chart-axis-labels chart-x-labels">{x_labels}</g>'
    )


def _x_axis(frame):
    return (
        f'<line class="chart-axis" x1="{frame.left}" x2="{frame.right}" '
        f'y1="{frame.bottom}" y2="{frame.bottom}"/>'
    )


@dataclass(frozen=True)
class LineChart:
    frame: Frame
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    series: tuple[Series, ...]

    def shapes(self):
        """Axes, then each series: its line (two points or more) and its markers.

        "before" is drawn with circles, "after" with squares, so the two differ without colour.
        """
        series = []
        for line in self.series:
            key = line.key
            path = (
                f'<polyline class="pain-line pain-{key}" points="{line.line}"/>'
                if len(line.markers) > 1
                else ""
            )
            if key == "before":
                markers = "".join(
                    f'<circle class="pain-marker pain-before" cx="{m.x}" cy="{m.y}" '
                    f'r="{number(MARKER_SIZE / 2)}"/>'
                    for m in line.markers
                )
            else:
                markers = "".join(
                    f'<rect class="pain-marker pain-after" x="{m.corner_x}" y="{m.corner_y}" '
                    f'width="{MARKER_SIZE}" height="{MARKER_SIZE}"/>'
                    for m in line.markers
                )
            series.append(
                f'<g class="pain-series pain-{key}" data-series="{key}">{path}{markers}</g>'
            )
        return mark_safe(
            _axes(self.frame, self.y_ticks, self.x_ticks) + _x_axis(self.frame) + "".join(series)
        )


@dataclass(frozen=True)
class BarChart:
    frame: Frame
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    bars: tuple[Bar, ...]

    def shapes(self):
        """Axes, then a bar with its count over it for each week with any; then the x axis."""
        bars = "".join(
            f'<rect class="session-bar" x="{bar.x}" y="{bar.y}" width="{bar.width}" '
            f'height="{bar.height}"/>'
            f'<text class="session-count" x="{bar.label_x}" y="{bar.label_y}">{bar.sessions}</text>'
            for bar in self.bars
            if bar.sessions
        )
        return mark_safe(
            _axes(self.frame, self.y_ticks, self.x_ticks)
            + f'<g class="session-bars">{bars}</g>'
            + _x_axis(self.frame)
        )


@dataclass(frozen=True)
class CalendarChart:
    width: int
    height: int
    cells: tuple[Cell, ...]
    month_labels: tuple[Tick, ...]
    weekday_labels: tuple[Tick, ...]

    def shapes(self):
        """Month names over the columns, weekday names beside the rows, then a square a day."""
        months = "".join(
            f'<text x="{tick.at}" y="14">{escape(tick.label)}</text>' for tick in self.month_labels
        )
        weekdays = "".join(
            f'<text x="{CALENDAR_LEFT - 8}" y="{tick.at}">{escape(tick.label)}</text>'
            for tick in self.weekday_labels
        )
        cells = "".join(
            f'<rect class="{cell.css_class}" x="{cell.x}" y="{cell.y}" '
            f'width="{CELL}" height="{CELL}"/>'
            + (f'<polyline class="calendar-tick" points="{cell.tick}"/>' if cell.tick else "")
            for cell in self.cells
        )
        return mark_safe(
            f'<g class="chart-axis-labels calendar-months">{months}</g>'
            f'<g class="chart-axis-labels calendar-weekdays">{weekdays}</g>{cells}'
        )


@dataclass(frozen=True)
class ProgressCharts:
    """The person's page's three charts, their summaries and tables, and the course behind them.

    Each is worked out when the page first asks for it: a person with nothing recorded yet is
    shown a sentence, not charts, and costs only the course's query.
    """

    course: Course
    weeks_shown: int = WEEKS_SHOWN

    @cached_property
    def pain(self):
        return pain_chart(self.course)

    @cached_property
    def sessions(self):
        return sessions_chart(self.course)

    @cached_property
    def calendar(self):
        return calendar_chart(self.course)

    @cached_property
    def pain_summary(self):
        return summaries.pain_summary(self.course)

    @cached_property
    def sessions_summary(self):
        return summaries.sessions_summary(self.course)

    @cached_property
    def calendar_summary(self):
        return summaries.calendar_summary(self.course)

    @cached_property
    def pain_rows(self):
        return chart_tables.pain_rows(self.course)

    @cached_property
    def sessions_rows(self):
        return chart_tables.sessions_rows(self.course)

    @cached_property
    def calendar_rows(self):
        return chart_tables.calendar_rows(self.course)


def progress_charts(user, *, today=None, course=None):
    """The charts over `course`, or over the person's course as of `today` (read here)."""
    return ProgressCharts(course=course or course_of(user, today=today))


def _date_x(course, day):
    span = (course.last_day - course.first_day).days
    return LEFT + PLOT_WIDTH * (day - course.first_day).days / span


def _value_y(value, top_value):
    return TOP + PLOT_HEIGHT * (1 - value / top_value)


def _fortnight_ticks(course, x_of):
    mondays = (course.first_day + timedelta(weeks=n) for n in range(0, WEEKS_SHOWN, 2))
    return tuple(Tick(number(x_of(day)), summaries.short_date(day)) for day in mondays)


def pain_chart(course):
    def series(key):
        points = [
            (_date_x(course, day.day), _value_y(getattr(day, key), PAIN_MAX))
            for day in course.pain_days
            if getattr(day, key) is not None
        ]
        half = MARKER_SIZE / 2
        return Series(
            key=key,
            markers=tuple(
                Marker(number(x), number(y), number(x - half), number(y - half)) for x, y in points
            ),
            line=" ".join(f"{number(x)},{number(y)}" for x, y in points),
        )

    return LineChart(
        frame=Frame(),
        y_ticks=tuple(
            Tick(number(_value_y(value, PAIN_MAX)), str(value)) for value in range(0, 11, 2)
        ),
        x_ticks=_fortnight_ticks(course, lambda day: _date_x(course, day)),
        series=(series("before"), series("after")),
    )


def _axis_top(largest):
    """A round top for the sessions axis with at most six ticks; 4 when there is little to show."""
    step = 1 if largest <= 5 else math.ceil(largest / 5)
    return max(4, step * math.ceil(largest / step)), step


def sessions_chart(course):
    top_value, step = _axis_top(max(week.sessions for week in course.weeks))
    slot = PLOT_WIDTH / WEEKS_SHOWN
    bar_width = slot * 0.6

    def bar(index, week):
        x = LEFT + slot * index + (slot - bar_width) / 2
        y = _value_y(week.sessions, top_value)
        return Bar(
            x=number(x),
            y=number(y),
            width=number(bar_width),
            height=number(HEIGHT - BOTTOM - y),
            label_x=number(x + bar_width / 2),
            label_y=number(y - 4),
            sessions=week.sessions,
        )

    def slot_middle(day):
        return LEFT + slot * ((day - course.first_day).days // 7) + slot / 2

    return BarChart(
        frame=Frame(),
        y_ticks=tuple(
            Tick(number(_value_y(value, top_value)), str(value))
            for value in range(0, top_value + 1, step)
        ),
        x_ticks=_fortnight_ticks(course, slot_middle),
        bars=tuple(bar(index, week) for index, week in enumerate(course.weeks)),
    )


def _calendar_places():
    """Each cell's x, y and tick by week and weekday: the same for every calendar, so worked out
    once per process rather than a square at a time on every person's page."""
    pitch = CELL + CELL_GAP
    places = {}
    for week in range(WEEKS_SHOWN):
        x = CALENDAR_LEFT + week * pitch
        for weekday in range(7):
            y = CALENDAR_TOP + weekday * pitch
            tick = (
                f"{number(x + 6)},{number(y + 12)} {number(x + 10)},{number(y + 17)} "
                f"{number(x + 18)},{number(y + 7)}"
            )
            places[week, weekday] = (number(x), number(y), tick)
    return places


_CALENDAR_PLACES = _calendar_places()


def calendar_chart(course):
    """Weeks as columns, Monday at the top, like a paper wall calendar turned on its side."""
    stretched = {day.day for day in course.stretch_days}
    pitch = CELL + CELL_GAP
    cells = []
    month_labels = []
    for week in range(WEEKS_SHOWN):
        monday = course.first_day + timedelta(weeks=week)
        # A month is named over the week its 1st falls in; the first week always gets a name.
        month_begins = any((monday + timedelta(days=d)).day == 1 for d in range(7))
        if month_begins or week == 0:
            label_day = monday + timedelta(days=6) if month_begins else monday
            month_labels.append(Tick(_CALENDAR_PLACES[week, 0][0], f"{label_day:%b}"))
        for weekday in range(7):
            day = monday + timedelta(days=weekday)
            x, y, stretched_tick = _CALENDAR_PLACES[week, weekday]
            classes = ["calendar-day"]
            tick = ""
            if day > course.today:
                classes.append("calendar-day-future")
            elif day in stretched:
                classes.append("calendar-day-stretched")
                tick = stretched_tick
            if day == course.today:
                classes.append("calendar-day-today")
            cells.append(Cell(x, y, tick, " ".join(classes)))
    weekday_labels = tuple(
        Tick(number(CALENDAR_TOP + weekday * pitch + CELL / 2 + 4), name)
        for weekday, name in ((0, "Mon"), (2, "Wed"), (4, "Fri"), (6, "Sun"))
    )
    return CalendarChart(
        width=CALENDAR_LEFT + WEEKS_SHOWN * pitch,
        height=CALENDAR_TOP + 7 * pitch,
        cells=tuple(cells),
        month_labels=tuple(month_labels),
        weekday_labels=weekday_labels,
    )
