"""Done-when of the public portal: a visitor clicks through home → programme (two filters
combined, kept after a reload) → a project → its funder's organisation page → the timetable → a
meeting, then switches the meeting page to Arabic (right-to-left) and to Russian, with no console
error and no Content-Security-Policy violation on the way."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

PROJECT = "Support to the Silk Routes Partnership for Migration under the Budapest Process"
MEETING = "8th Meeting of the Working Group on the Silk Routes Region"


def _main_nav(page: Page):
    return page.get_by_role("navigation", name="Main")


def test_tour_of_the_portal_in_three_languages(starter_data, page: Page, page_log) -> None:
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Silk Routes Partnership")

    # Programme: combine two filters, submit, reload; the filters stay chosen and applied.
    _main_nav(page).get_by_role("link", name="Programme").click()
    expect(page).to_have_url(re.compile(r"/programme/$"))
    form = page.locator("form.project-filters")
    form.get_by_label("Status").select_option(value="launched")
    form.get_by_label("Funder").select_option(label="Sweden")
    form.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"status=launched"))
    expect(page).to_have_url(re.compile(r"funder=sweden"))
    page.reload()
    expect(form.get_by_label("Status")).to_have_value("launched")
    expect(form.get_by_label("Funder").locator("option:checked")).to_have_text("Sweden")
    results = page.locator("main")
    expect(results.get_by_role("link", name=PROJECT)).to_be_visible()
    expect(results.get_by_role("link", name=re.compile("DESIR"))).to_have_count(0)

    # The project, then its funder's organisation page.
    results.get_by_role("link", name=PROJECT).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PROJECT)
    page.locator("#participant-sweden-funding").get_by_role("link", name="Sweden").click()
    expect(page).to_have_url(re.compile(r"/organisations/sweden/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sweden")
    expect(page.get_by_role("link", name=PROJECT).first).to_be_visible()

    # The timetable, then a meeting.
    _main_nav(page).get_by_role("link", name="Timetable").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tentative timetable")
    page.locator("main").get_by_role("link", name=MEETING).first.click()
    expect(page).to_have_url(re.compile(r"/meetings/wg-silk-routes-2016/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(MEETING)
    assert page.evaluate("document.documentElement.dir") == "ltr"

    # Arabic: the same page, right to left; the data (the meeting's title) stays as it is.
    switcher = page.get_by_role("navigation", name="Language")
    switcher.locator('a[hreflang="ar"]').click()
    expect(page).to_have_url(re.compile(r"/ar/meetings/wg-silk-routes-2016/$"))
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    expect(page.get_by_role("heading", level=1)).to_contain_text(MEETING)
    expect(page.get_by_role("navigation", name="القائمة الرئيسية")).to_contain_text("الجدول الزمني")

    # Russian: left to right again, the interface in Russian.
    page.get_by_role("navigation", name="اللغة").locator('a[hreflang="ru"]').click()
    expect(page).to_have_url(re.compile(r"/ru/meetings/wg-silk-routes-2016/$"))
    assert page.evaluate("document.documentElement.dir") == "ltr"
    assert page.evaluate("document.documentElement.lang") == "ru"
    expect(page.get_by_role("navigation", name="Главное меню")).to_contain_text("Расписание")
    expect(page.locator("main")).to_contain_text("мая 2016")

    assert page_log.problems == []
