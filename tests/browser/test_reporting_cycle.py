"""A reporting cycle in a real browser: the Secretariat opens it, Türkiye's focal point reports
an initiative against trafficking and submits it, the Secretariat verifies it, and the public
coverage dashboard counts it."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import create_cast, sign_in, sign_out

pytestmark = pytest.mark.browser


# The live server's first request imports every URL module and view (several seconds on a busy
# machine): the first page may take longer than the fixture's default timeout.
FIRST_PAGE_TIMEOUT_MS = 60_000


def coverage_counts(page: Page, *, timeout: float | None = None) -> tuple[str, bool]:
    """(the number of verified initiatives shown, whether Türkiye has a column by country)."""
    page.goto("/coverage/", timeout=timeout)
    shown = page.locator("#verified-initiatives").inner_text()
    table = page.get_by_role("table", name="Goals by country: projects, meetings, outcomes")
    has_turkey = table.get_by_role("columnheader", name="Türkiye").count() == 1
    return shown, has_turkey


def open_cycle(page: Page) -> None:
    page.goto("/workspace/monitoring/")
    page.get_by_role("link", name="Open a reporting cycle").click()
    page.get_by_label("Title").fill("Implementation 2015")
    page.get_by_label("Opens on").fill("2015-01-01")
    page.get_by_label("Deadline").fill("2099-12-31")
    page.get_by_role("button", name="Open the cycle").click()
    expect(page.get_by_text("The reporting cycle is open; focal points were told.")).to_be_visible()


def report_initiative(page: Page) -> None:
    page.goto("/workspace/monitoring/")
    page.get_by_role("link", name="Implementation 2015").click()
    page.get_by_role("link", name="Report an initiative").click()
    page.get_by_label("policy").check()
    page.get_by_label("Title").fill("National referral mechanism for victims of trafficking")
    page.get_by_label("What was done").fill("Victims identified at the border are referred.")
    page.get_by_label("Start").fill("2015-Q2")
    page.get_by_label("5. Prevent and combat human trafficking").check()
    page.get_by_label("2.4 Annual meetings of the Working Group on the Silk Routes Region").check()
    page.get_by_role("button", name="Submit to the Secretariat").click()
    expect(page.get_by_text("Submitted to the Secretariat for verification.")).to_be_visible()


def verify(page: Page) -> None:
    page.goto("/workspace/monitoring/")
    open_cycles = page.get_by_role("region", name="Cycles open for reporting")
    open_cycles.get_by_role("link", name="Implementation 2015").click()
    expect(page.get_by_role("heading", name="Waiting for verification (1)")).to_be_visible()
    page.get_by_role("link", name="National referral mechanism for victims of trafficking").click()
    page.get_by_role("button", name="Verify and publish").click()
    expect(page.get_by_text("Verified: the initiative is published.")).to_be_visible()


@pytest.mark.usefixtures("starter_data")
def test_a_reporting_cycle_changes_the_coverage(page: Page, page_log) -> None:
    create_cast("sedef", "ayse")
    assert coverage_counts(page, timeout=FIRST_PAGE_TIMEOUT_MS) == ("0", False)

    sign_in(page, "sedef")
    open_cycle(page)
    sign_out(page)

    sign_in(page, "ayse")
    report_initiative(page)
    sign_out(page)
    assert coverage_counts(page) == ("0", False)  # submitted is not published

    sign_in(page, "sedef")
    verify(page)
    sign_out(page)

    assert coverage_counts(page) == ("1", True)
    by_country = page.get_by_role("table", name="Goals by country: projects, meetings, outcomes")
    trafficking = by_country.get_by_role("row", name="5. Prevent and combat human trafficking")
    turkey_cell = trafficking.get_by_role("cell").last  # Türkiye comes last by name
    expect(turkey_cell).to_contain_text(re.compile(r"initiatives\s*1"))
    page.evaluate("() => new Promise(requestAnimationFrame)")  # let queued CSP reports arrive
    assert page_log.problems == []
