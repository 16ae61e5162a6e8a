"""Write the step drawings (stretches/drawings.py) to static/stretches/steps/."""

from django.conf import settings
from django.core.management.base import BaseCommand

from stretches.drawings import DRAWINGS, svg

DRAWINGS_DIR = settings.BASE_DIR / "static" / "stretches" / "steps"


class Command(BaseCommand):
    help = "Redraw every step picture from stretches/drawings.py into static/stretches/steps/."

    def handle(self, *args, **options):
        DRAWINGS_DIR.mkdir(parents=True, exist_ok=True)
        for name, drawing in DRAWINGS.items():
            (DRAWINGS_DIR / f"{name}.svg").write_text(svg(drawing), encoding="utf-8")
        self.stdout.write(f"Drew {len(DRAWINGS)} pictures in {DRAWINGS_DIR}.")
