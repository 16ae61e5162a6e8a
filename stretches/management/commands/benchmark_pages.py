"""Time Limber's main pages against a catalogue of many routines; speed targets live here.

Everything it creates is rolled back, so it can run against a development database.
"""

import re
import statistics
import time
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import Argon2PasswordHasher, PBKDF2PasswordHasher
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone

from stretches.models import CheckIn, Contraindication, Routine, RoutineCompletion, Step
from stretches.page_weight import measure_page
from stretches.routine_file import DEFAULT_ROUTINE_FILE, load_routine_data, read_routine_file

# Median milliseconds per page, measured through the whole Django stack in-process.
TARGETS_MS = {
    "routine list": 60,
    "routine detail": 30,
    "screening": 40,
    "steps": 40,
    # With CHECK_INS check-ins and as many finished routines: the charts count them in the
    # database; the report (three months, about 1,300 rows on paper) renders every one.
    "person's page": 200,
    "progress report": 750,
}
# A person who has checked in around every routine, several times a day, for months.
CHECK_INS = 1000
# The heaviest seed routine's steps page with all its pictures, compressed as served, on a phone
# connection: HTML, styles, scripts and pictures together.
STEPS_PAGE_WEIGHT_TARGET_KB = 300


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
                weight = self.heaviest_steps_page()
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
        weight_kb = weight.total_bytes / 1000
        verdict = "ok" if weight_kb <= STEPS_PAGE_WEIGHT_TARGET_KB else "HEAVY"
        self.stdout.write(
            f"{verdict:4} {'steps weight':15} {weight_kb:6.1f} kB transferred "
            f"(target {STEPS_PAGE_WEIGHT_TARGET_KB} kB), {weight.picture_count} pictures, "
            f"{weight.url}"
        )
        if weight_kb > STEPS_PAGE_WEIGHT_TARGET_KB:
            missed.append("steps page weight")
        for hasher, milliseconds in self.hash_costs():
            # No target: the cost is the point (it slows guessing); the throttles carry the rest.
            self.stdout.write(f"info {hasher:15} {milliseconds:6.1f} ms per password hash")
        if missed and not report_only:
            raise CommandError(f"Slower than the target: {', '.join(missed)}.")

    def hash_costs(self, repeat=5):
        """What one password hash costs, with the production hasher and the one it replaced."""
        # The hashers themselves, not PASSWORD_HASHERS: a test run swaps in a fast one.
        for hasher in (Argon2PasswordHasher(), PBKDF2PasswordHasher()):
            timings = []
            for _ in range(repeat):
                started = time.perf_counter()
                hasher.encode("a calm walk by the river at dawn", hasher.salt())
                timings.append((time.perf_counter() - started) * 1000)
            yield hasher.algorithm, statistics.median(timings)

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
        self.screen(client, target)
        pages = {
            "routine list": reverse("stretches:routine_list"),
            "routine detail": target.get_absolute_url(),
            "screening": reverse("stretches:screening", kwargs={"slug": target.slug}) + "?retake=1",
            "steps": reverse("stretches:routine_steps", kwargs={"slug": target.slug}),
        }
        timings = {page: self.time_page(client, url, repeat) for page, url in pages.items()}
        person = self.person_with_check_ins(target)
        person.force_login(person.user)
        for page, url in {
            "person's page": reverse("accounts:profile"),
            "progress report": reverse("stretches:progress_report"),
        }.items():
            timings[page] = self.time_page(person, url, repeat)
        return timings

    def person_with_check_ins(self, routine):
        """A signed-in client whose person has CHECK_INS check-ins and as many finished routines,
        every three hours back over four months."""
        user = get_user_model().objects.create_user(
            username="benchmark-person", email="benchmark-person@example.com"
        )
        now = timezone.now()
        moments = [now - timedelta(hours=3 * n) for n in range(CHECK_INS)]
        CheckIn.objects.bulk_create(
            CheckIn(
                user=user,
                routine=routine,
                pain_before=n % 11,
                pain_after=n % 7,
                compared=CheckIn.Compared.BETTER,
                created_at=moment,
            )
            for n, moment in enumerate(moments)
        )
        RoutineCompletion.objects.bulk_create(
            RoutineCompletion(user=user, routine=routine, completed_at=moment) for moment in moments
        )
        client = Client()
        client.user = user
        return client

    def screen(self, client, routine):
        """Answer "no" to every question, so the client may open the routine's steps."""
        # Read from the page, not from response.context: that is only filled in under a test run.
        screening_url = reverse("stretches:screening", kwargs={"slug": routine.slug})
        page = client.get(screening_url).content.decode()
        answers = dict.fromkeys(re.findall(r'type="radio" name="([^"]+)"', page), "no")
        token = re.search(r'name="form_token" value="([^"]+)"', page)
        client.post(screening_url, answers | {"routine": routine.slug, "form_token": token[1]})

    def heaviest_steps_page(self):
        """The seed routines' steps pages, with their pictures: the heaviest one's weight."""
        load_routine_data(read_routine_file(DEFAULT_ROUTINE_FILE))
        client = Client()
        weights = []
        for routine in Routine.objects.published().filter(slug__in=self.seed_slugs()):
            self.screen(client, routine)
            url = reverse("stretches:routine_steps", kwargs={"slug": routine.slug})
            weights.append(measure_page(client, url))
        return max(weights, key=lambda weight: weight.total_bytes)

    def seed_slugs(self):
        return list((read_routine_file(DEFAULT_ROUTINE_FILE).get("routines") or {}).keys())

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
