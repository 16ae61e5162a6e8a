import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


def import_settings_with(env_overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS"}
    }
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "-c", "import config.settings"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_without_secret_key_or_hosts_refuses_to_start():
    result = import_settings_with({"DEBUG": "false"})

    assert result.returncode != 0
    assert (
        "DEBUG is off, so these settings must come from the environment: SECRET_KEY, ALLOWED_HOSTS."
        in result.stderr
    )


def test_production_with_its_settings_starts():
    result = import_settings_with(
        {"DEBUG": "false", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "limber.example"}
    )

    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_migrations_match_the_models():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
