"""The browser tests' watcher must itself catch what it promises to catch."""

from tests.browser.conftest import watch_page


def test_the_watcher_reports_a_csp_violation(page):
    problems = watch_page(page)

    page.set_content(
        """<meta http-equiv="Content-Security-Policy" content="script-src 'none'">"""
        "<script>document.title = 'ran';</script>"
    )

    assert page.title() != "ran"
    assert any("violates the following Content Security Policy directive" in p for p in problems)


def test_the_watcher_reports_console_errors_and_uncaught_exceptions(page):
    problems = watch_page(page)
    page.set_content("<p>hello</p>")

    page.evaluate("console.error('something broke')")
    page.evaluate("setTimeout(() => { throw new Error('uncaught boom'); }, 0)")
    page.wait_for_timeout(100)

    assert "something broke" in problems
    assert any("uncaught boom" in problem for problem in problems), problems
