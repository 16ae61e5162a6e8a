"""The production topology: two app servers behind HAProxy, sharing PostgreSQL and Redis.

Starts `deploy/two-servers` for real (about half a minute), so it runs in its own group:
`make test-topology`, which CI runs once, on its PostgreSQL pass.
"""

import os
import signal
import socket
import subprocess
import time
import urllib.parse
from pathlib import Path

import psycopg
import pytest
import redis

from deploy.bench import hidden_value, recreate_postgresql_database, request

pytestmark = pytest.mark.topology

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "a calm walk by the river at dawn"
ROUTINE_URL = "/routines/chair-twist/"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def topology_database_url():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise RuntimeError("The topology shares PostgreSQL: run with DATABASE_URL=postgres://...")
    parts = urllib.parse.urlsplit(url)
    return parts._replace(path=parts.path + "_topology").geturl()


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """The balancer's port and the two app servers' ports, all answering."""
    database_url = topology_database_url()
    recreate_postgresql_database(database_url)
    redis_url = os.environ.get("TOPOLOGY_REDIS_URL", "redis://127.0.0.1:6379/14")
    redis.Redis.from_url(redis_url).flushdb()
    balancer, app1, app2 = free_port(), free_port(), free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "HOST": "127.0.0.1",
        "PORT": str(balancer),
        "APP_PORTS": f"{app1} {app2}",
        "SECRET_KEY": "topology-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    log = tmp_path_factory.mktemp("topology") / "servers.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [str(ROOT / "deploy" / "two-servers")],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_until_ready([balancer, app1, app2], process, log)
            yield {"balancer": balancer, "app1": app1, "app2": app2, "env": env}
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


def wait_until_ready(ports, process, log):
    deadline = time.monotonic() + 180
    waiting = set(ports)
    while waiting and time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"deploy/two-servers stopped:\n{log.read_text()}")
        for port in list(waiting):
            try:
                if request("GET", "/readyz", port=port)[0] == 200:
                    waiting.discard(port)
            except OSError:
                pass
        time.sleep(0.5)
    if waiting:
        raise RuntimeError(f"Ports {waiting} never became ready:\n{log.read_text()}")


def sign_in(port, email, password, cookies=None):
    status, page, cookies_ = request("GET", "/account/signin/", cookies=cookies, port=port)
    cookies = (cookies or {}) | cookies_
    form = {
        "username": email,
        "password": password,
        "csrfmiddlewaretoken": hidden_value(page, "csrfmiddlewaretoken"),
    }
    status, _, more = request("POST", "/account/signin/", form, cookies, port=port)
    return status, cookies | more


def create_account(servers, email, *, superuser=False):
    """An account ready to sign in with (a sign-up would wait for its emailed confirmation)."""
    create = "create_superuser" if superuser else "create_user"
    subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "python"),
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            f"from accounts.models import User; User.objects.{create}('{email}', '{email}', "
            f"'{PASSWORD}')",
        ],
        cwd=ROOT,
        env=servers["env"],
        check=True,
        capture_output=True,
    )


def test_a_session_made_on_one_server_is_valid_on_the_other(servers):
    create_account(servers, "kim@example.com")
    status, cookies = sign_in(servers["app1"], "kim@example.com", PASSWORD)
    assert status == 302

    status, page, _ = request("GET", "/account/me/", cookies=cookies, port=servers["app2"])

    assert status == 200
    assert "kim@example.com" in page


def test_the_sign_in_throttle_counts_failures_on_both_servers(servers):
    create_account(servers, "lee@example.com")
    attempts = [
        sign_in(servers[f"app{1 + n % 2}"], "lee@example.com", "wrong")[0] for n in range(5)
    ]

    status, _ = sign_in(servers["app1"], "lee@example.com", PASSWORD)

    # Four refusals, then the fifth failure locks the pair on both servers: the right password
    # no longer signs in on either.
    assert attempts[:4] == [200, 200, 200, 200]
    assert attempts[4] == 429
    assert status == 429
    assert sign_in(servers["app2"], "lee@example.com", PASSWORD)[0] == 429


def test_a_content_change_on_one_server_is_seen_by_the_other(servers):
    create_account(servers, "rita@example.com", superuser=True)
    # Cached in Redis, and kept by app2's workers, which now follow the content version.
    assert [request("GET", ROUTINE_URL, port=servers["app2"])[0] for _ in range(6)] == [200] * 6
    followers = redis.Redis.from_url(servers["env"]["REDIS_URL"]).pubsub_numsub(
        f":1:limber:content-version@db{servers['env']['REDIS_URL'].rsplit('/', 1)[1]}"
    )
    assert followers[0][1] >= 1
    status, reviewer = sign_in(servers["app1"], "rita@example.com", PASSWORD)
    assert status == 302
    with psycopg.connect(servers["env"]["DATABASE_URL"]) as connection:
        pk = connection.execute(
            "SELECT id FROM stretches_routine WHERE slug = 'chair-twist'"
        ).fetchone()[0]
    _, change_page, _ = request(
        "GET", f"/admin/stretches/routine/{pk}/change/", cookies=reviewer, port=servers["app1"]
    )
    token = hidden_value(change_page, "csrfmiddlewaretoken")

    status, _, _ = request(
        "POST",
        f"/admin/stretches/routine/{pk}/transition/unpublish/",
        {"csrfmiddlewaretoken": token},
        reviewer,
        port=servers["app1"],
    )

    assert status == 302
    assert [request("GET", ROUTINE_URL, port=servers["app2"])[0] for _ in range(6)] == [404] * 6
    assert request("GET", ROUTINE_URL, port=servers["balancer"])[0] == 404


def test_the_balancer_serves_pages_and_takes_its_health_from_readyz(servers):
    statuses = [request("GET", "/routines/", port=servers["balancer"])[0] for _ in range(4)]

    assert statuses == [200, 200, 200, 200]
    assert request("GET", "/readyz", port=servers["balancer"])[0] == 200
