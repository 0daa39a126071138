"""The path of a meeting through the workspace, in a real browser: the Secretariat schedules the
2015 Senior Officials' Meeting (foreseen for "2015"), publishes its agenda and invites Türkiye;
Türkiye's focal point registers a delegation; the Secretariat records that it was held."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import create_cast, sign_in, sign_out

pytestmark = pytest.mark.browser

MEETING = "/workspace/meetings/som-2015/"


def step(page: Page, name: str):
    """The form of one step on a meeting's page (a fieldset named by its legend)."""
    return page.get_by_role("group", name=name, exact=True)


def schedule(page: Page) -> None:
    form = step(page, "Schedule")
    form.get_by_label("First day").fill("2015-12-10")
    form.get_by_label("Last day").fill("2015-12-11")
    form.get_by_label("City").fill("Istanbul")
    form.get_by_label("Country").select_option(label="Türkiye")
    form.get_by_label("Host").select_option(label="Turkey")
    form.get_by_role("button", name="Schedule").click()
    expect(page.get_by_text("The meeting is scheduled.")).to_be_visible()


def publish_agenda(page: Page) -> None:
    page.get_by_role("link", name="Publish the agenda").click()
    page.get_by_role("group", name="Item 1").get_by_label("Title of the item").fill(
        "Opening of the meeting"
    )
    item = page.get_by_role("group", name="Item 2")
    item.get_by_label("Title of the item").fill("Review of the Silk Routes Programme")
    item.get_by_label("Goals of the item").fill("Take stock of the projects launched")
    page.get_by_role("button", name="Publish the agenda").click()
    expect(page.get_by_text("The agenda is published.")).to_be_visible()


def invite_turkey(page: Page) -> None:
    form = step(page, "Invite")
    form.get_by_label("Turkey", exact=True).check()
    form.get_by_role("button", name="Invite").click()
    expect(page.get_by_text("The invitations are recorded.")).to_be_visible()


def register_delegation(page: Page) -> None:
    page.get_by_role("link", name="register the delegation").click()
    head = page.get_by_role("group", name="Member 1")
    head.get_by_label("Name").fill("Ahmet Yılmaz")
    head.get_by_label("Function").fill("Director General for Migration Management")
    head.get_by_label("Head of delegation").check()
    page.get_by_role("group", name="Member 2").get_by_label("Name").fill("Elif Demir")
    page.get_by_role("button", name="Register the delegation").click()
    expect(page.get_by_text("The delegation of Turkey is registered.")).to_be_visible()


def hold(page: Page) -> None:
    form = step(page, "Record that the meeting was held")
    form.get_by_label("Participants").fill("2")
    form.get_by_label("Countries represented").fill("1")
    form.get_by_role("button", name="Held").click()
    expect(page.get_by_text("The meeting is recorded as held.")).to_be_visible()


@pytest.mark.usefixtures("starter_data")
def test_a_foreseen_meeting_is_scheduled_prepared_and_held(
    page: Page, page_log, mailoutbox
) -> None:
    create_cast("sedef", "ayse")

    sign_in(page, "sedef")
    page.get_by_role("link", name="Senior Officials' Meeting 2015").click()
    expect(page.locator(".facts")).to_contain_text("2015")
    schedule(page)
    expect(page.locator(".facts")).to_contain_text("Istanbul, Türkiye")
    publish_agenda(page)
    invite_turkey(page)
    sign_out(page)

    assert [mail.to for mail in mailoutbox] == [["ayse@example.org"]]
    sign_in(page, "ayse")
    register_delegation(page)
    expect(page.get_by_role("table", name="Delegation of Turkey")).to_contain_text("Ahmet Yılmaz")
    sign_out(page)

    sign_in(page, "sedef")
    page.goto(MEETING)
    hold(page)
    expect(page.locator(".facts")).to_contain_text("held")
    expect(page.get_by_role("table", name="Changes of status, oldest first")).to_contain_text(
        "sedef"
    )
    page.evaluate("() => new Promise(requestAnimationFrame)")  # let queued CSP reports arrive
    assert page_log.problems == []
