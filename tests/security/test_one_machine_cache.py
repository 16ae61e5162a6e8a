"""`make serve` without Redis: its gunicorn workers are separate processes sharing one cache.

A cache kept in each process would let a routine unpublished through one worker stay on the
others' pages, and a session signed out on one stay signed in on the others (sessions are read
from the cache, config/sessions.py).
"""

from tests.security.test_deploy_checks import run_in_production

SETUP = "import django; django.setup(); from django.core.cache import cache; "


def test_production_processes_without_redis_share_one_cache(tmp_path):
    one_machine = {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "REDIS_URL": "",
        "CACHE_DIR": str(tmp_path),
    }

    run_in_production(
        "-c", SETUP + "cache.set('limber:written-by', 'one')", check=True, **one_machine
    )
    result = run_in_production(
        "-c", SETUP + "print(cache.get('limber:written-by'))", check=True, **one_machine
    )

    assert result.stdout.strip() == "one"
