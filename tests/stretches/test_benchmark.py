import pytest
from django.core.management import CommandError, call_command

from stretches.models import Routine, Screening

pytestmark = pytest.mark.django_db


def test_benchmark_measures_every_page_and_leaves_nothing_behind(capsys):
    call_command("load_routines", verbosity=0)

    call_command("benchmark_pages", routines=3, repeat=1, report_only=True)

    lines = capsys.readouterr().out.splitlines()
    assert [line.split("median")[0].split(maxsplit=1)[1].strip() for line in lines] == [
        "routine list",
        "routine detail",
        "screening",
        "steps",
    ]
    assert Routine.objects.count() == 10
    assert Screening.objects.count() == 0


def test_benchmark_refuses_nonsense_sizes():
    with pytest.raises(CommandError, match="must be at least 1"):
        call_command("benchmark_pages", routines=0)
