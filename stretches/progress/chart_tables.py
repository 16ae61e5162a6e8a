"""Each chart's numbers as table rows, for the <details> under it: what a screen reader or a
printout reads instead of the picture.

Written in Python rather than a template loop for the same reason as the charts' shapes: a row a
day, each with a date, was most of the person's page's time (docs/performance.md).
"""

from django.utils.safestring import mark_safe

# English, as the site is: strftime's %a and %b cost more than the rest of a row together (a
# table row a day; docs/performance.md), and would follow the server's locale besides.
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_label(day):
    """A table's day, as the `date:"D j M Y"` filter writes it in English: "Mon 3 Nov 2026"."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def pain_rows(course):
    return mark_safe(
        "".join(
            f'<tr><th scope="row">{day_label(day.day)}</th><td>{day.check_ins}</td>'
            f"<td>{day.before_label}</td><td>{day.after_label}</td></tr>"
            for day in course.pain_days
        )
    )


def sessions_rows(course):
    return mark_safe(
        "".join(
            f'<tr><th scope="row">{day_label(week.starts)}</th><td>{week.sessions}</td></tr>'
            for week in course.weeks
        )
    )


def calendar_rows(course):
    return mark_safe(
        "".join(
            f'<tr><th scope="row">{day_label(day.day)}</th><td>{day.sessions}</td>'
            f"<td>{day.check_ins}</td></tr>"
            for day in course.stretch_days
        )
    )
