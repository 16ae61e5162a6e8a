"""The reminder clock: queue the reminder emails that have fallen due (stretches.progress)."""

import logging
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from stretches.progress.reminder_clock import tick

logger = logging.getLogger("limber.reminders")


class Command(BaseCommand):
    help = (
        "Queue the reminder emails due now, once, or with --every SECONDS as a long-running "
        "clock (make run's `clock` process). The task worker sends them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDS",
            help="Run again every SECONDS until stopped (default: once).",
        )

    def handle(self, *, every, verbosity, **options):
        if not every:
            self.report(tick(), verbosity)
            return
        while True:
            close_old_connections()
            try:
                self.report(tick(), verbosity)
            except Exception:
                # A database restart must not stop the clock: honcho would stop the site with it.
                logger.exception("Reminder clock tick failed; trying again in %s s", every)
            time.sleep(every)

    def report(self, result, verbosity):
        if verbosity >= 2 or (verbosity >= 1 and any(vars(result).values())):
            self.stdout.write(
                f"Reminders: {result.created} due, {result.requeued} queued again, "
                f"{result.reclaimed} reclaimed, {result.given_up} given up"
            )
