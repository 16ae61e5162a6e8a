"""Give content that existed before history was kept a first version to diff and revert against.

Without it, the first change to a seed routine on an existing database would show no "before",
and nothing could be reverted to the content as it was. A fresh database has no rows here yet.
"""

from django.db import migrations
from django.utils import timezone

REASON = "History began (content as it was when Limber started keeping history)"


def record_baseline(apps, schema_editor):
    now = timezone.now()
    for model_name in ("Contraindication", "Routine", "Step"):
        model = apps.get_model("stretches", model_name)
        historical = apps.get_model("stretches", f"Historical{model_name}")
        recorded = set(historical.objects.values_list("id", flat=True).distinct())
        field_names = [field.attname for field in model._meta.concrete_fields]
        rows = [
            historical(
                **{name: getattr(instance, name) for name in field_names},
                history_date=now,
                history_type="+",
                history_change_reason=REASON,
            )
            for instance in model.objects.exclude(pk__in=recorded)
        ]
        historical.objects.bulk_create(rows)
        if model_name == "Routine":
            record_contraindication_links(apps, model, historical, now)


def record_contraindication_links(apps, routine_model, historical, now):
    links = apps.get_model("stretches", "HistoricalRoutine_contraindications")
    through = routine_model.contraindications.through
    baseline = dict(
        historical.objects.filter(history_date=now, history_change_reason=REASON).values_list(
            "id", "history_id"
        )
    )
    links.objects.bulk_create(
        links(
            id=row.id,
            history_id=baseline[row.routine_id],
            routine_id=row.routine_id,
            contraindication_id=row.contraindication_id,
        )
        for row in through.objects.filter(routine_id__in=list(baseline))
    )


class Migration(migrations.Migration):
    dependencies = [("stretches", "0006_editorial_groups")]

    operations = [migrations.RunPython(record_baseline, migrations.RunPython.noop)]
