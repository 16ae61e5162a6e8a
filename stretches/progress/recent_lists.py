"""The person's last pain stops and finished routines as list items, written in Python.

Up to RECENT_SHOWN of each, every one with its time: through a template loop and the `date`
filter they were about a tenth of the person's page for someone with many records
(docs/performance.md), for the same reason the charts' tables are written here too.
"""

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from stretches.progress.chart_tables import MONTHS


def moment_label(when):
    """As the `date:"j M Y, H:i"` filter writes it in English, in the current time zone."""
    local = timezone.localtime(when)
    return f"{local.day} {MONTHS[local.month - 1]} {local.year}, {local.hour:02}:{local.minute:02}"


def pain_stop_items(stops):
    return mark_safe(
        "".join(
            f"<li>{moment_label(stop.created_at)}: {escape(stop.routine_title)}"
            f"{f', step {stop.step_position}' if stop.step_position else ''}</li>"
            for stop in stops
        )
    )


def finished_items(finished):
    return mark_safe(
        "".join(
            f"<li>{moment_label(done.completed_at)}: {escape(done.routine_title)}</li>"
            for done in finished
        )
    )
