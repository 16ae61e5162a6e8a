"""The person's last pain stops and finished routines, written in Python, read as the template's
loop and `date` filter wrote them: the same markup, byte for byte, in any time zone."""

import zoneinfo
from datetime import UTC, datetime, timedelta

import pytest
from django.template import Context, Template
from django.utils import timezone

from stretches.progress.recent_lists import finished_items, pain_stop_items
from stretches.progress.recent_rows import Finished, PainStop

AS_THE_TEMPLATE_WROTE_THEM = Template(
    '<ul>{% for report in pain_reports %}<li>{{ report.created_at|date:"j M Y, H:i" }}: '
    "{{ report.routine_title }}{% if report.step_position %}, step {{ report.step_position }}"
    "{% endif %}</li>{% endfor %}</ul>"
    '<ul>{% for completion in completions %}<li>{{ completion.completed_at|date:"j M Y, H:i" }}'
    ": {{ completion.routine_title }}</li>{% endfor %}</ul>"
)
TITLES = ["Chair twist", 'Hips & "hamstrings" <gentle>', "Neck's rest"]
# Each month, single- and double-digit days and hours, midnight and just before it.
MOMENTS = [
    datetime(2026, month, 1, 0, 0, tzinfo=UTC) + timedelta(days=month * 2, hours=month * 7)
    for month in range(1, 13)
] + [datetime(2026, 12, 31, 23, 59, tzinfo=UTC), datetime(2027, 1, 1, 0, 5, tzinfo=UTC)]


@pytest.mark.parametrize("zone", ["UTC", "Europe/London", "Pacific/Auckland", "America/St_Johns"])
def test_the_lists_read_as_the_template_wrote_them(zone):
    stops = tuple(
        PainStop(when, (None, 0, 3)[n % 3], TITLES[n % 3]) for n, when in enumerate(MOMENTS)
    )
    finished = tuple(Finished(when, TITLES[n % 3]) for n, when in enumerate(MOMENTS))

    with timezone.override(zoneinfo.ZoneInfo(zone)):
        ours = f"<ul>{pain_stop_items(stops)}</ul><ul>{finished_items(finished)}</ul>"
        theirs = AS_THE_TEMPLATE_WROTE_THEM.render(
            Context({"pain_reports": stops, "completions": finished})
        )

    assert ours == theirs
    assert "&amp;" in ours
