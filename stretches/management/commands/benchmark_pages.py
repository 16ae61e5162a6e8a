"""Time Limber's main pages against a catalogue of many routines; speed targets live here.

Everything it creates is rolled back, so it can run against a development database.
"""

import re
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from stretches.models import Contraindication, Routine, Step

# Median milliseconds per page, measured through the whole Django stack in-process.
TARGETS_MS = {"routine list": 60, "routine detail": 30, "screening": 40, "steps": 40}


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time the main pages with many routines and fail if a median misses its target."

    def add_arguments(self, parser):
        parser.add_argument("--routines", type=int, default=500)
        parser.add_argument("--repeat", type=int, default=20)
        parser.add_argument(
            "--report-only", action="store_true", help="Print the timings; never fail on a target."
        )

    def handle(self, *args, routines, repeat, report_only, **options):
        if routines < 1 or repeat < 1:
            raise CommandError("--routines and --repeat must be at least 1.")
        try:
            # The test client speaks as "testserver", whatever hosts this site really serves.
            with transaction.atomic(), override_settings(ALLOWED_HOSTS=["testserver"]):
                results = self.measure(routines, repeat)
                raise Rollback
        except Rollback:
            pass
        missed = []
        for page, (median_ms, queries) in results.items():
            target = TARGETS_MS[page]
            verdict = "ok" if median_ms <= target else "SLOW"
            self.stdout.write(
                f"{verdict:4} {page:15} median {median_ms:6.1f} ms (target {target} ms), {queries} queries"
            )
            if median_ms > target:
                missed.append(page)
        if missed and not report_only:
            raise CommandError(f"Slower than the target: {', '.join(missed)}.")

    def measure(self, routine_count, repeat):
        Contraindication.objects.create(
            name="Benchmark red flag",
            slug="benchmark-red-flag",
            question="Benchmark?",
            explanation="Benchmark.",
            guidance="Benchmark.",
            urgency=Contraindication.Urgency.SEE_DOCTOR,
            applies_to_all_routines=True,
        )
        created = Routine.objects.bulk_create(
            Routine(
                title=f"Benchmark routine {n:05d}",
                slug=f"benchmark-routine-{n:05d}",
                about="A benchmark routine.",
                position=Routine.Position.CHAIR,
                body_area=Routine.BodyArea.NECK,
                estimated_minutes=3,
                status=Routine.Status.PUBLISHED,
            )
            for n in range(routine_count)
        )
        Step.objects.bulk_create(
            Step(routine=routine, position=p, instruction="Move.")
            for routine in created
            for p in (1, 2, 3)
        )
        target = created[0]
        client = Client()
        screening_url = reverse("stretches:screening", kwargs={"slug": target.slug})
        # Read from the page as a browser would: response.context exists only under the test
        # runner's instrumentation, never in a management command.
        page = client.get(screening_url).content.decode()
        answers = dict.fromkeys(re.findall(r'name="(question-[\w-]+)"', page), "no") | {
            "routine": target.slug,
            "form_token": re.search(r'name="form_token" value="([^"]*)"', page)[1],
        }
        client.post(screening_url, answers)
        pages = {
            "routine list": reverse("stretches:routine_list"),
            "routine detail": target.get_absolute_url(),
            "screening": reverse("stretches:screening", kwargs={"slug": target.slug}) + "?retake=1",
            "steps": reverse("stretches:routine_steps", kwargs={"slug": target.slug}),
        }
        return {page: self.time_page(client, url, repeat) for page, url in pages.items()}

    def time_page(self, client, url, repeat):
        timings = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise CommandError(f"{url} answered {response.status_code}.")
        return statistics.median(timings), len(queries)
