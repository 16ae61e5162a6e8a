from django.core.management.base import BaseCommand, CommandError

from stretches.routine_file import (
    DEFAULT_ROUTINE_FILE,
    RoutineFileError,
    load_routine_data,
    read_routine_file,
)


class Command(BaseCommand):
    help = "Load routines and contraindications from a YAML file: an atomic upsert by slug."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", nargs="?", default=str(DEFAULT_ROUTINE_FILE), help="Defaults to Limber's own."
        )
        parser.add_argument(
            "--keep-existing",
            action="store_true",
            help="Only add what is missing; leave routines already in the database untouched.",
        )

    def handle(self, *args, file, keep_existing, **options):
        try:
            result = load_routine_data(read_routine_file(file), keep_existing=keep_existing)
        except RoutineFileError as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        if options["verbosity"] < 1:
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {file}: {result.created} created, {result.updated} updated, "
                f"{result.unchanged} left as they were."
            )
        )
