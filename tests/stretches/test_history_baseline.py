import importlib

import pytest
from django.apps import apps
from django.core.management import call_command

from stretches.models import Contraindication, Routine, Step
from stretches.revisions import revert_routine, routine_history

pytestmark = pytest.mark.django_db

baseline_migration = importlib.import_module("stretches.migrations.0007_history_baseline")


def forget_all_history():
    for model in (Contraindication, Routine, Step):
        model.history.all().delete()
    Routine.history.model.contraindications.model.objects.all().delete()


def test_content_from_before_history_gets_a_first_version_to_revert_to(reviewer):
    call_command("load_routines")
    forget_all_history()
    routine = Routine.objects.get(slug="chair-twist")
    conditions = set(routine.contraindications.values_list("slug", flat=True))

    baseline_migration.record_baseline(apps, None)

    assert Routine.history.count() == Routine.objects.count()
    assert Step.history.count() == Step.objects.count()
    assert Contraindication.history.count() == Contraindication.objects.count()
    first = routine_history(routine)[-1]
    assert (first.action, first.reason) == ("Created", baseline_migration.REASON)
    routine.title = "Changed"
    routine.save()
    routine.contraindications.clear()
    revert_routine(routine, to=first.when, by=reviewer)
    routine.refresh_from_db()
    assert routine.title == "Chair twist"
    assert set(routine.contraindications.values_list("slug", flat=True)) == conditions


def test_the_baseline_skips_content_that_already_has_history():
    call_command("load_routines")
    before = Routine.history.count()

    baseline_migration.record_baseline(apps, None)

    assert Routine.history.count() == before
