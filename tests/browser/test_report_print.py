"""On paper: each month of the report starts a new A4 page, and the charts print."""

import re

from playwright.sync_api import expect

from tests.browser.journeys import open_path
from tests.browser.progress_journeys import signed_in_with_a_few_weeks


def test_each_month_of_the_report_starts_a_new_printed_page(site, seeded):
    signed_in_with_a_few_weeks(site)
    open_path(site, "/progress/report/")
    months = site.locator("section.report-month")
    expect(months).to_have_count(3)

    site.emulate_media(media="print")

    breaks = months.evaluate_all("sections => sections.map(s => getComputedStyle(s).breakBefore)")
    assert breaks == ["auto", "page", "page"]
    expect(site.get_by_role("button", name="Print the report")).to_be_hidden()
    expect(site.locator("form.report-period")).to_be_hidden()
    pdf = site.pdf(prefer_css_page_size=True)
    pages = re.findall(rb"/Type\s*/Page(?!s)", pdf)
    sizes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", pdf))
    # Three months, each on its own A4 sheets (595 by 842 points).
    assert len(pages) >= 3
    assert {(round(float(w)), round(float(h))) for w, h in sizes} == {(595, 842)}


def test_the_charts_print(site, seeded):
    signed_in_with_a_few_weeks(site)
    open_path(site, "/account/me/")

    site.emulate_media(media="print")

    for chart in site.locator("svg.chart").all():
        expect(chart).to_be_visible()
    expect(site.locator("svg.chart")).to_have_count(3)
