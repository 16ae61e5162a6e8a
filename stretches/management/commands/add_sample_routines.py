"""Add published sample routines, with steps and condition links, to load-test a large catalogue."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from stretches.caching import content_changed
from stretches.models import Contraindication, Routine, Step

BODY_AREAS = list(Routine.BodyArea.values)
POSITIONS = [p for p in Routine.Position.values if p != Routine.Position.PARTNER]
EQUIPMENT = list(Routine.Equipment.values)
# One routine in five mentions a twist, so a search for "twist" finds 2,000 of 10,000.
MOVES = ["twist", "reach", "bend", "lean", "roll"]


class Command(BaseCommand):
    help = "Add published sample routines until the catalogue holds --total routines."

    def add_arguments(self, parser):
        parser.add_argument("--total", type=int, required=True)

    def handle(self, *args, total, **options):
        if total < 0:
            raise CommandError("--total must not be negative.")
        start = Routine.objects.count()
        if start >= total:
            return
        conditions = list(Contraindication.objects.filter(applies_to_all_routines=False)[:3])
        with transaction.atomic():
            routines = Routine.objects.bulk_create(sample_routine(n) for n in range(start, total))
            Step.objects.bulk_create(
                Step(routine=routine, position=position, instruction="Move slowly, then hold.")
                for routine in routines
                for position in (1, 2, 3)
            )
            links = Routine.contraindications.through
            links.objects.bulk_create(
                links(routine=routine, contraindication=condition)
                for routine in routines
                for condition in conditions
            )
            # bulk_create sends no signals: say the content changed ourselves.
            content_changed()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Fresh statistics, so the planner sees the catalogue it will be asked about.
                cursor.execute("ANALYZE")
        self.stdout.write(f"Added {total - start} sample routines.")


def sample_routine(n):
    return Routine(
        title=f"Sample stretch {n:05d}",
        slug=f"sample-stretch-{n:05d}",
        about=f"Sample stretch {n} for load tests: {MOVES[n % len(MOVES)]} slowly and breathe.",
        body_area=BODY_AREAS[n % len(BODY_AREAS)],
        position=POSITIONS[n // 4 % len(POSITIONS)],
        equipment=EQUIPMENT[n // 16 % len(EQUIPMENT)],
        estimated_minutes=1 + n % 10,
        status=Routine.Status.PUBLISHED,
    )
