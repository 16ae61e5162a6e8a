"""`make bench` (`python -m deploy.bench`): Limber in production mode under load, each page next to a bare view.

For each catalogue size it starts `deploy/serve` (gunicorn, DEBUG off) with config.bench_settings,
which adds a bare `HttpResponse("ok")` view, then runs wrk on every page interleaved with that
view and prints req/s, the ratio to the bare view, p50, p99 and errors against the targets of
docs/performance.md. It exits 1 when a target is missed. Timings never go in the test suite.

The environment chooses (defaults in brackets):
  BENCH_DATABASE_URL  [postgres://postgres@127.0.0.1:5432/limber_bench]  "sqlite" for SQLite;
                      the database is dropped and made anew
  REDIS_URL           [redis://127.0.0.1:6379/15]  flushed first; "" for the file cache that
                      production mode uses without Redis (a new directory each time)
  BENCH_SIZES [10,10000]   BENCH_SECONDS [10]   BENCH_CONNECTIONS [16]   BENCH_PORT [8765]
  BENCH_PAGES [all]  page names to run, comma-separated (e.g. "detail,screening GET")
  DB_POOL, CONN_MAX_AGE, WEB_CONCURRENCY, WSGI_SERVER: passed to the server as they are.
"""

import contextlib
import html
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
HOST = "127.0.0.1"
PORT = int(os.environ.get("BENCH_PORT", "8765"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "10,10000").split(",")]
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/limber_bench"
)
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
ROUTINE = "chair-twist"
UNCACHED = str(ROOT / "deploy" / "wrk" / "uncached.lua")
FLOW = str(ROOT / "deploy" / "wrk" / "screening_flow.lua")


@dataclass(frozen=True)
class Target:
    ratio: float | None = None
    p99_ms: float | None = None
    per_second: float | None = None


PUBLIC = Target(ratio=0.8, p99_ms=50)
DYNAMIC = Target(ratio=0.3, p99_ms=100)
FLOWS = Target(per_second=120)


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    target: Target
    script: str | None = None
    session: str | None = None  # "screened" or "signed_in": the cookie the page is asked with


PAGES = [
    Page("/", "/", PUBLIC),
    Page("/safety/", "/safety/", PUBLIC),
    Page("/routines/", "/routines/", PUBLIC),
    Page("detail", f"/routines/{ROUTINE}/", PUBLIC),
    Page("/routines/ uncached", "/routines/", DYNAMIC, UNCACHED),
    Page("?q=twist uncached", "/routines/?q=twist", DYNAMIC, UNCACHED),
    Page("?body_area=neck uncached", "/routines/?body_area=neck&position=chair", DYNAMIC, UNCACHED),
    Page("detail uncached", f"/routines/{ROUTINE}/", DYNAMIC, UNCACHED),
    Page("screening GET", f"/routines/{ROUTINE}/screening/", DYNAMIC),
    Page("steps (screened)", f"/routines/{ROUTINE}/steps/", DYNAMIC, session="screened"),
    Page("person's page", "/account/me/", DYNAMIC, session="signed_in"),
    Page("screening flow", f"/routines/{ROUTINE}/screening/", FLOWS, FLOW),
]


@dataclass(frozen=True)
class Run:
    per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def main():
    missed = []
    database = "SQLite" if DATABASE_URL == "sqlite" else "PostgreSQL"
    print(f"Limber bench: {database}, cache {'Redis' if REDIS_URL else 'files'}, ", end="")
    print(f"wrk {CONNECTIONS} connections x {SECONDS} s, server {server_environment()}")
    for size in SIZES:
        env = fresh_environment()
        manage(env, "migrate", "--no-input", "--verbosity", "0")
        manage(env, "load_routines", "--verbosity", "0")
        manage(env, "add_sample_routines", "--total", str(size))
        if DATABASE_URL != "sqlite":
            analyze_postgresql_database(DATABASE_URL)
        with server(env):
            sessions = {"screened": screened_session(), "signed_in": signed_in_session(env)}
            warm_up(sessions)
            print(f"\n{size:,} routines")
            print(
                f"{'page':28} {'req/s':>8} {'bare':>7} {'ratio':>6} {'p50':>7} {'p99':>7} "
                f"{'errors':>6}  target"
            )
            for page in chosen_pages():
                bare = wrk("/bench/bare/")
                cookies = sessions.get(page.session)
                run = wrk(page.path, page.script, cookie_header(cookies) if cookies else None)
                verdict = judge(page.target, run, bare)
                if verdict != "ok":
                    missed.append(f"{page.name} at {size:,} routines")
                print(row(page, run, bare, verdict), flush=True)
    if missed:
        print(f"\nMissed targets: {'; '.join(missed)}")
        return 1
    print("\nEvery target met.")
    return 0


def warm_up(sessions):
    """Ask every page a few times first, so no worker meets its first request under load."""
    for page in PAGES:
        cookies = sessions.get(page.session)
        for _ in range(4):
            request("GET", page.path, cookies=cookies)


def chosen_pages():
    names = [name for name in os.environ.get("BENCH_PAGES", "").split(",") if name]
    return [page for page in PAGES if not names or page.name in names]


def server_environment():
    names = ("DB_POOL", "CONN_MAX_AGE", "WEB_CONCURRENCY")
    chosen = [f"{name}={os.environ[name]}" for name in names if name in os.environ]
    return os.environ.get("WSGI_SERVER", "gunicorn") + " " + (" ".join(chosen) or "defaults")


def fresh_environment():
    """A clean database and cache, and the environment that points the server at them."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.bench_settings", "DEBUG": "false"}
    env.update(HOST=HOST, PORT=str(PORT), ALLOWED_HOSTS=HOST, SECURE_SSL_REDIRECT="false")
    env["SECRET_KEY"] = "bench-" + os.urandom(24).hex()
    # Every wrk connection comes from 127.0.0.1: at the real per-address rate the flow would be
    # refused (429) after 60 visitors. The throttle still counts every POST, at its usual cost.
    env.setdefault("THROTTLE_SCREENING_PER_ADDRESS", "1000000/m")
    if DATABASE_URL == "sqlite":
        path = ROOT / "bench.sqlite3"
        path.unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{path}"
    else:
        recreate_postgresql_database(DATABASE_URL)
        env["DATABASE_URL"] = DATABASE_URL
    env["REDIS_URL"] = REDIS_URL
    if REDIS_URL:
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
    else:
        # Production mode without Redis shares its cache through files: a new directory each time.
        env["CACHE_DIR"] = tempfile.mkdtemp(prefix="limber-bench-cache-")
    return env


def recreate_postgresql_database(url):
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    server = parts._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def analyze_postgresql_database(url):
    """Statistics for the rows just loaded, as autovacuum would have them in production by the
    time anyone asked: without, the planner guesses (and CI's PostgreSQL runs no autovacuum)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("VACUUM (ANALYZE)")


def manage(env, *arguments):
    subprocess.run([PYTHON, "manage.py", *arguments], cwd=ROOT, env=env, check=True)


@contextlib.contextmanager
def server(env):
    """`deploy/serve` in the background for the length of a `with` block."""
    with contextlib.suppress(OSError), socket.create_connection((HOST, PORT), timeout=1):
        # Its health check would pass, and every figure would be that other server's.
        raise SystemExit(f"Something already listens on {HOST}:{PORT}: stop it or set BENCH_PORT.")
    with open(ROOT / "bench-server.log", "w") as log:
        process = subprocess.Popen(
            [str(ROOT / "deploy" / "serve")],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
        try:
            wait_for_health(process)
            yield
        finally:
            # A server that failed to start has already exited, and its group with it.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


def wait_for_health(process):
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if request("GET", "/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("The server did not start: see bench-server.log.")


def request(method, path, body=None, cookies=None, *, port=PORT):
    """One HTTP request with the given cookies: (status, text, cookies set).

    Cookies are sent by hand: production cookies are Secure, and Python's cookie jar would
    rightly keep them from plain HTTP on this machine.
    """
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    headers = {"Cookie": cookie_header(cookies)} if cookies else {}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        body = urllib.parse.urlencode(body, doseq=True)
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    content = response.read().decode()
    set_cookies = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        set_cookies[name.strip()] = rest.split(";", 1)[0]
    connection.close()
    return response.status, content, set_cookies


def cookie_header(cookies):
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def screened_session():
    """The cookies of a visitor who answered "No" to every question of the routine."""
    path = f"/routines/{ROUTINE}/screening/"
    status, page, cookies = request("GET", path)
    answers = dict.fromkeys(set(re.findall(r'name="(question-[\w-]+)"', page)), "no")
    for name in ("csrfmiddlewaretoken", "form_token", "routine"):
        answers[name] = hidden_value(page, name)
    status, _, more = request("POST", path, answers, cookies)
    if status != 302:
        raise SystemExit(f"The screening POST answered {status}, not a redirect to the steps.")
    cookies |= more
    # Follow the redirect as a browser would: the steps page shows the "cleared" message once and
    # clears its cookie, so the visitor asks for the steps from then on with no message waiting.
    status, _, more = request("GET", f"/routines/{ROUTINE}/steps/", cookies=cookies)
    if status != 200:
        raise SystemExit(f"The steps page answered {status} after the screening, not 200.")
    for name, value in more.items():
        if value in ("", '""'):
            cookies.pop(name, None)
        else:
            cookies[name] = value
    return cookies


def signed_in_session(env):
    email, password = "bench@example.com", "a bench password of some length"
    manage(
        env,
        "shell",
        "--no-imports",
        "-c",
        (
            "from accounts.models import User; "
            f"User.objects.filter(email='{email}').exists() or "
            f"User.objects.create_user(username='{email}', email='{email}', password='{password}')"
        ),
    )
    status, page, cookies = request("GET", "/account/signin/")
    form = {
        "username": email,
        "password": password,
        "csrfmiddlewaretoken": hidden_value(page, "csrfmiddlewaretoken"),
    }
    status, _, more = request("POST", "/account/signin/", form, cookies)
    if status != 302:
        raise SystemExit(f"Signing in answered {status}, not a redirect.")
    return cookies | more


def hidden_value(page, name):
    found = re.search(rf'name="{name}" value="([^"]*)"', page) or re.search(
        rf'value="([^"]*)" name="{name}"', page
    )
    if not found:
        raise SystemExit(f"No {name} field on the page.")
    return html.unescape(found.group(1))


def wrk(path, script=None, cookies=None):
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency"]
    if script == FLOW:
        # One thread per connection: each walks its own visitor through the flow.
        command[1] = f"-t{CONNECTIONS}"
    if script:
        command += ["-s", script]
    if cookies:
        command += ["-H", f"Cookie: {cookies}"]
    output = subprocess.run(
        [*command, f"http://{HOST}:{PORT}{path}"], capture_output=True, text=True, check=True
    ).stdout
    per_second = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    if script == FLOW:
        per_second /= 3  # GET form, POST answers, GET steps
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output)) + sum(
        int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output)
    )
    return Run(per_second, latency(output, "50"), latency(output, "99"), errors)


def latency(output, percentile):
    value, unit = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def judge(target, run, bare):
    if run.errors:
        return "ERRORS"
    if target.per_second and run.per_second < target.per_second:
        return "SLOW"
    if target.ratio and run.per_second / bare.per_second < target.ratio:
        return "SLOW"
    if target.p99_ms and run.p99_ms > target.p99_ms:
        return "SLOW"
    return "ok"


def row(page, run, bare, verdict):
    target = page.target
    wanted = (
        f">= {target.per_second:.0f} flows/s"
        if target.per_second
        else f">= {target.ratio}x, p99 <= {target.p99_ms:.0f} ms"
    )
    return (
        f"{page.name:28} {run.per_second:8.1f} {bare.per_second:7.0f} "
        f"{run.per_second / bare.per_second:6.2f} {run.p50_ms:6.1f}ms {run.p99_ms:6.1f}ms "
        f"{run.errors:6d}  {wanted:24} {verdict}"
    )


if __name__ == "__main__":
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: `make bench` installs it from Debian.")
    # Stopped by a signal (`timeout`, a CI runner), still stop the server: it runs in a session
    # of its own and would keep the port for the next run.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sys.exit(main())
