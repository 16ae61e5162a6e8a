"""Reading the charts by keyboard: Tab to a chart's table control, open it, read the table."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import run_axe
from tests.browser.journeys import open_path
from tests.browser.progress_journeys import DAYS, signed_in_with_a_few_weeks


def tab_to(page, locator, limit=80):
    """Press Tab until `locator` has focus, as a keyboard user would; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {locator}")


def test_a_person_reads_each_chart_as_a_table_by_keyboard(site, seeded):
    signed_in_with_a_few_weeks(site)
    open_path(site, "/account/me/")

    for name in ("Line chart: pain", "Bar chart: routines finished", "Calendar: the days"):
        expect(site.get_by_role("img", name=re.compile(f"^{name}"))).to_be_visible()
    expect(site.locator("#pain-chart-summary")).to_contain_text(
        "Pain before stretching went from 6"
    )

    pain_control = site.get_by_text("Pain by day, as a table", exact=True)
    pain_table = site.get_by_role("table", name=re.compile("^Pain from 0"))
    expect(pain_table).to_be_hidden()
    tab_to(site, pain_control)
    site.keyboard.press("Enter")
    expect(pain_table).to_be_visible()
    expect(pain_table.locator("tbody tr")).to_have_count(len(DAYS))
    expect(pain_table.locator("tbody tr").last.locator("td")).to_have_text(["1", "3", "1"])

    sessions_control = site.get_by_text("Routines each week, as a table", exact=True)
    tab_to(site, sessions_control, limit=5)
    site.keyboard.press("Space")
    sessions_table = site.get_by_role("table", name=re.compile("^Routines you finished"))
    expect(sessions_table).to_be_visible()
    expect(sessions_table.locator("tbody tr")).to_have_count(12)

    calendar_control = site.get_by_text("Days you stretched, as a table", exact=True)
    tab_to(site, calendar_control, limit=5)
    site.keyboard.press("Enter")
    expect(site.get_by_role("table", name=re.compile("^Each day you"))).to_be_visible()


def test_axe_finds_nothing_on_the_person_s_page_with_charts(site, seeded):
    signed_in_with_a_few_weeks(site)
    open_path(site, "/account/me/")
    for control in site.locator("details.chart-data > summary").all():
        control.click()

    assert run_axe(site) == []


def test_axe_finds_nothing_on_the_progress_report(site, seeded):
    signed_in_with_a_few_weeks(site)
    open_path(site, "/progress/report/")
    expect(site.locator("section.report-month")).to_have_count(3)

    assert run_axe(site) == []


def test_axe_finds_nothing_on_the_report_with_a_bad_period(site, seeded):
    site.problems.expect_status(400)
    signed_in_with_a_few_weeks(site)
    open_path(site, "/progress/report/?start=2026-03-10&end=2026-03-01")
    expect(site.get_by_role("alert")).to_contain_text("The end date must be on or after")

    assert run_axe(site) == []
