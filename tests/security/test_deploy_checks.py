"""Finding 7: `check --deploy` crashed before collectstatic, and warned about HSTS and email."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k7#Vq2!mZ9@wL4$rT8^pX1&nB6*cY3(hJ5)dF0_sG-aQ+eR=uI",
    "ALLOWED_HOSTS": "limber.example",
    "EMAIL_HOST": "smtp.limber.example",
}


# Set by tests/conftest.py for the browser tests; production never has it, and the check says so.
TEST_ONLY = {"DJANGO_ALLOW_ASYNC_UNSAFE"}


def run_in_production(*arguments, check=False, **overrides):
    """Run Python here with the production environment (plus `overrides`), nothing test-only."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in PRODUCTION and key not in TEST_ONLY
    }
    env.update(PRODUCTION, **overrides)
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=check,
    )


def test_the_deploy_checks_pass_in_production_with_no_warning():
    result = run_in_production("manage.py", "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_sends_a_year_of_hsts_with_subdomains_and_preload():
    code = (
        "from django.conf import settings as s; import django; django.setup(); "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)"
    )

    result = run_in_production("-c", code, check=True, DJANGO_SETTINGS_MODULE="config.settings")

    assert result.stdout.split() == ["31536000", "True", "True"]


def test_the_operator_can_turn_preload_off():
    code = "from config import settings as s; print(s.SECURE_HSTS_PRELOAD)"

    result = run_in_production("-c", code, check=True, SECURE_HSTS_PRELOAD="false")

    assert result.stdout.strip() == "False"
