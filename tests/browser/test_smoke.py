"""The portal and the admin open in a real browser, without console errors or CSP violations."""

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


@pytest.mark.usefixtures("starter_data")
def test_home_shows_title_without_errors(page: Page, page_log) -> None:
    page.goto("/")

    expect(page.locator("h1").first).to_be_visible()
    expect(page.locator("h1").first).to_contain_text("Silk Routes Partnership")
    page.evaluate("() => new Promise(requestAnimationFrame)")  # let queued CSP reports arrive
    assert page_log.problems == []


def test_admin_login_shows_form(page: Page) -> None:
    page.goto("/admin/login/")

    form = page.locator("form#login-form")
    expect(form).to_be_visible()
    expect(form.get_by_label("Username")).to_be_editable()
    expect(form.get_by_label("Password")).to_be_editable()
    expect(form.locator("input[type=submit]")).to_be_visible()
