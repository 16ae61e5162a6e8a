import gzip

import pytest
from django.contrib.staticfiles import finders
from django.core.management import CommandError, call_command

from stretches.models import Routine, Screening
from stretches.page_weight import measure_page
from tests.helpers import screen, url

pytestmark = pytest.mark.django_db


def test_benchmark_measures_every_page_and_leaves_nothing_behind(capsys):
    call_command("load_routines", verbosity=0)

    call_command("benchmark_pages", routines=3, repeat=1, report_only=True)

    lines = [line for line in capsys.readouterr().out.splitlines() if "median" in line]
    assert [line.split("median")[0].split(maxsplit=1)[1].strip() for line in lines] == [
        "routine list",
        "routine detail",
        "screening",
        "steps",
        "person's page",
        "progress report",
    ]
    assert Routine.objects.count() == 10
    assert Screening.objects.count() == 0


def test_benchmark_refuses_nonsense_sizes():
    with pytest.raises(CommandError, match="must be at least 1"):
        call_command("benchmark_pages", routines=0)


def test_benchmark_weighs_the_heaviest_steps_page_with_its_pictures(capsys):
    call_command("load_routines", verbosity=0)

    call_command("benchmark_pages", routines=1, repeat=1, report_only=True)

    weight = next(line for line in capsys.readouterr().out.splitlines() if "steps weight" in line)
    assert weight.startswith("ok ")
    assert "(target 300 kB), 5 pictures, /routines/" in weight


def test_a_page_weighs_its_html_and_every_file_it_loads_compressed(client):
    call_command("load_routines", verbosity=0)
    routine = Routine.objects.get(slug="neck-flexion")
    screen(client, routine)

    weight = measure_page(client, url("routine_steps", routine))

    drawing = finders.find("stretches/steps/neck-flexion-1.svg")
    with open(drawing, "rb") as file:
        assert weight.file_bytes["/static/stretches/steps/neck-flexion-1.svg"] == len(
            gzip.compress(file.read())
        )
    assert weight.picture_count == 2
    assert "/static/vendor/bootstrap/css/bootstrap.min.css" in weight.file_bytes
    assert "/static/js/wake-lock.js" in weight.file_bytes
    assert weight.total_bytes == weight.html_bytes + sum(weight.file_bytes.values())
