"""WCAG 2.1 AA: axe-core (from the PyPI package axe-playwright-python, run through
``page.evaluate``, which the page's Content-Security-Policy does not block) finds no violation on
each page type of the portal in English, and on a few in Arabic (right-to-left)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

# One page of every type, with records of the starter dataset.
PAGES = {
    "home": "/",
    "goal": "/goals/legal-migration/",
    "programme list": "/programme/?status=launched",
    "project": "/programme/silk-routes-partnership/",
    "timetable": "/timetable/",
    "meeting": "/meetings/wg-silk-routes-2016/",
    "bodies": "/bodies/",
    "body": "/bodies/wg-silk-routes/",
    "organisations": "/organisations/",
    "organisation": "/organisations/icmpd/",
    "countries": "/countries/",
    "country": "/countries/pk/",
    "partnerships": "/partnerships/",
    "sources": "/sources/",
    "source": "/sources/bp-event-sr-wg-8/",
    "search results": "/search/?q=Silk",
    "home (Arabic)": "/ar/",
    "goals": "/goals/",
    "areas": "/areas/",
    "area": "/areas/diaspora-engagement/",
    "programme list (Arabic)": "/ar/programme/",
    "meeting (Arabic)": "/ar/meetings/wg-silk-routes-2016/",
    "timetable (Russian)": "/ru/timetable/",
}
# WCAG 2.0/2.1 A and AA, and axe's best practices (landmarks, heading order, one main, …).
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
}


def test_no_axe_violations_on_any_page_type(starter_data, page: Page, page_log) -> None:
    axe = Axe()
    reports = {}
    for name, url in PAGES.items():
        response = page.goto(url, timeout=60_000)
        assert response is not None, f"{name}: {url}"
        assert response.ok, f"{name}: {url}"
        results = axe.run(page, options=AXE_OPTIONS)
        assert results.response["testEngine"]["name"] == "axe-core"
        assert len(results.response["passes"]) > 10, f"{name}: axe checked almost nothing"
        if results.violations_count:
            reports[f"{name} ({url})"] = results.generate_report()
    assert reports == {}, "\n\n".join(f"{name}\n{report}" for name, report in reports.items())
    assert page_log.problems == []


# Dark mode (prefers-color-scheme): the page types whose colours differ most.
DARK_PAGES = {
    "home": "/",
    "timetable": "/timetable/",
    "programme list": "/programme/?status=launched",
    "project": "/programme/silk-routes-partnership/",
    "areas": "/areas/",
    "home (Arabic)": "/ar/",
}


def test_dark_mode_is_dark_and_keeps_its_contrast(starter_data, page: Page, page_log) -> None:
    page.emulate_media(color_scheme="dark")
    axe = Axe()
    reports = {}
    for name, url in DARK_PAGES.items():
        response = page.goto(url, timeout=60_000)
        assert response is not None, f"{name}: {url}"
        assert response.ok, f"{name}: {url}"
        background = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
        assert background == "rgb(18, 22, 29)", f"{name}: {background}"
        results = axe.run(page, options=AXE_OPTIONS)
        if results.violations_count:
            reports[f"{name} ({url})"] = results.generate_report()
    assert reports == {}, "\n\n".join(f"{name}\n{report}" for name, report in reports.items())
    assert page_log.problems == []
