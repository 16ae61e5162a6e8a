"""Finding 5: a database outage was a 500 with a traceback per request. Now: 503, Retry-After,
the friendly page, one log line per burst, and pages that need no database keep working.

The site runs in a subprocess pointed at a PostgreSQL port where nothing listens, so every
connection is refused, as in the outage that was measured.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Runs inside the subprocess: a few requests through Django's test client, answers as JSON.
PROBE = """
import json, logging, django
records = []
class Keep(logging.Handler):
    def emit(self, record):
        records.append(record.levelname + " " + record.name)
django.setup()
logging.getLogger().addHandler(Keep())
from django.test import Client
client = Client(HTTP_HOST="limber.example")
answers = []
for path in ["/routines/", "/routines/", "/routines/chair-twist/", "/"]:
    response = client.get(path, secure=True)
    answers.append([path, response.status_code, response.get("Retry-After"),
                    "back in a moment" in response.content.decode().lower()])
print(json.dumps({"answers": answers, "logged": records}))
"""


@pytest.fixture(scope="module")
def outcome():
    return run_with_the_database_away()


def run_with_the_database_away():
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "limber.example",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:9/limber",
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_pages_that_need_the_database_answer_503_with_retry_after_and_the_friendly_page(outcome):
    assert outcome["answers"][:3] == [
        ["/routines/", 503, "30", True],
        ["/routines/", 503, "30", True],
        ["/routines/chair-twist/", 503, "30", True],
    ]


def test_a_page_that_needs_no_database_keeps_working(outcome):
    assert outcome["answers"][3] == ["/", 200, None, False]


def test_the_outage_is_logged_once_for_the_burst_without_a_traceback_per_request(outcome):
    assert outcome["logged"] == ["WARNING limber.availability"]
