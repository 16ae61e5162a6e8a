"""Browser tests: Playwright driving Debian's Chromium against live_server.

Every page a test opens is watched: a console error, an uncaught exception, a Content-Security-
Policy violation or a failed request fails the test.
"""

import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
AXE_SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# Chromium must not reach out: this machine's network is closed except to package registries.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    executable = shutil.which("chromium")
    assert executable, (
        "Debian's Chromium is missing: `make test` installs it (apt-get install chromium)."
    )
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_ARGS}


@pytest.fixture
def seeded(transactional_db):
    call_command("load_routines", verbosity=0)


class PageProblems(list):
    """What went wrong in the browser while a test ran, as readable lines."""

    def expect_status(self, status):
        """A test that opens an error page on purpose says so; that status is then not a problem."""
        self.allowed_statuses.add(status)


def watch_page(page):
    """Record every console error, uncaught exception, CSP violation and failed request."""
    problems = PageProblems()
    problems.allowed_statuses = set()
    page.add_init_script(REPORT_CSP_VIOLATIONS)
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(f"uncaught: {error}"))
    page.on("requestfailed", lambda request: record_failed_request(problems, request))

    def check_response(response):
        if response.status >= 400 and response.status not in problems.allowed_statuses:
            problems.append(f"HTTP {response.status}: {response.url}")

    page.on("response", check_response)
    return problems


@pytest.fixture
def site(page, live_server):
    """A watched page with the live server's address, failing the test on any browser problem."""
    page.base = live_server.url
    page.problems = watch_page(page)
    page.set_default_timeout(10_000)
    yield page
    # Messages from a page that loaded with an expected error status are its console echo of it.
    real_problems = [
        problem
        for problem in page.problems
        if not any(f"status of {status}" in problem for status in page.problems.allowed_statuses)
    ]
    assert real_problems == [], "\n".join(page.problems)


def record_failed_request(problems, request):
    # A request still running when the test navigates on (a favicon, say) is aborted by the
    # browser; that is the navigation, not a broken page.
    if request.failure != "net::ERR_ABORTED":
        problems.append(f"failed: {request.url} ({request.failure})")


def run_axe(page):
    """axe-core's WCAG 2.x A/AA violations on the current page, as 'rule: selector' lines."""
    page.evaluate(AXE_SOURCE.read_text())
    violations = page.evaluate(
        """axe.run(document, {runOnly: {type: "tag",
             values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}})
           .then(result => result.violations.flatMap(
             v => v.nodes.map(n => `${v.id}: ${n.target.join(" ")}`)))"""
    )
    return violations
