from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from stretches.models import CheckIn, PainReport, Screening


class Command(BaseCommand):
    help = (
        "Delete screenings, pain reports and check-ins tied only to a browser session once they are older "
        "than SCREENING_RETENTION_DAYS. Accounts' data is kept until the person deletes it."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        cutoff = timezone.now() - timedelta(days=settings.SCREENING_RETENTION_DAYS)
        _, screening_rows = Screening.objects.filter(
            user__isnull=True, created_at__lt=cutoff
        ).delete()
        reports, _ = PainReport.objects.filter(user__isnull=True, created_at__lt=cutoff).delete()
        check_ins, _ = CheckIn.objects.filter(user__isnull=True, created_at__lt=cutoff).delete()
        screenings = screening_rows.get("stretches.Screening", 0)
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"Deleted {screenings} anonymous screenings, {reports} pain reports and "
                f"{check_ins} check-ins "
                f"older than {settings.SCREENING_RETENTION_DAYS} days."
            )
