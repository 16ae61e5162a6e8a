import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


def import_settings_with(env_overrides):
    return run_python_with(env_overrides, "-c", "import config.settings")


def run_python_with(env_overrides, *arguments):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS"}
    }
    env.update(env_overrides, ENV_FILE=os.devnull)
    return subprocess.run(
        [sys.executable, *arguments],
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


def test_make_refuses_an_old_python_with_one_clear_line(tmp_path):
    fake_python = tmp_path / "python3"
    fake_python.write_text(
        '#!/bin/sh\n[ "$1" = "--version" ] && { echo "Python 3.11.7"; exit 0; }\nexit 1\n'
    )
    fake_python.chmod(0o755)
    env = {**os.environ, "PATH": f"{tmp_path}:{os.environ['PATH']}"}

    result = subprocess.run(
        ["make", "--no-print-directory", "python-check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    assert result.stdout.splitlines() == [
        "Limber needs Python 3.12 or newer (3.13, see .python-version); python3 here is: Python 3.11.7"
    ]


def test_production_uses_host_prefixed_secure_cookies():
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS"}
    }
    env.update(DEBUG="false", SECRET_KEY="x" * 50, ALLOWED_HOSTS="limber.example")
    code = (
        "from config import settings as s; "
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE, "
        "s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_AGE)"
    )

    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )

    assert result.stdout.split() == [
        "__Host-sessionid",
        "__Host-csrftoken",
        "True",
        "True",
        "43200",
    ]


def test_production_checks_before_collectstatic_has_run(tmp_path):
    """`make serve` runs `check` and `migrate` before `collectstatic`; no URL may need the manifest."""
    production = {
        "DEBUG": "false",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "limber.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
    }

    result = run_python_with(production, "manage.py", "check")

    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_favicon_redirects_to_the_current_static_file(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response.url == "/static/img/favicon.svg"
