from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from stretches.routine_file import routine_file_text


class Command(BaseCommand):
    help = (
        "Write every routine, with its steps and contraindications, in the format load_routines "
        "reads."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="Where to write; standard output if omitted.")

    def handle(self, *args, file, **options):
        text = routine_file_text()
        if file is None:
            self.stdout.write(text, ending="")
            return
        try:
            Path(file).write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot write {file}: {error}") from error
        self.stderr.write(self.style.SUCCESS(f"Exported the routines to {file}."))
