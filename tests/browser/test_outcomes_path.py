"""The whole path of a meeting in a real browser, from foreseen to follow-up: the Secretariat
schedules the 2015 Senior Officials' Meeting, publishes its agenda, invites Türkiye, whose focal
point registers a delegation; the meeting is held (the steps of ``test_meeting_path.py``); the
Secretariat then adopts conclusions with two action points, which appear on the follow-up list
of the body's next meeting (2016), where Türkiye's focal point marks its own done."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import create_cast, sign_in, sign_out
from tests.browser.test_meeting_path import (
    MEETING,
    hold,
    invite_turkey,
    publish_agenda,
    register_delegation,
    schedule,
)

pytestmark = pytest.mark.browser

OUTCOMES = "/workspace/outcomes/meetings/som-2015/"
FOLLOW_UP = "/workspace/outcomes/meetings/som-2016/follow-up/"


def hold_the_2015_meeting(page: Page) -> None:
    sign_in(page, "sedef")
    page.goto(MEETING)
    schedule(page)
    publish_agenda(page)
    invite_turkey(page)
    sign_out(page)
    sign_in(page, "ayse")
    register_delegation(page)
    sign_out(page)
    sign_in(page, "sedef")
    page.goto(MEETING)
    hold(page)


def adopt_conclusions(page: Page) -> None:
    page.goto(OUTCOMES)
    page.get_by_role("link", name="Record an outcome").click()
    page.get_by_label("Kind").select_option("conclusion")
    page.get_by_label("Title").fill("Conclusions of the Senior Officials' Meeting 2015")
    page.get_by_label("Text as adopted").fill(
        "The Senior Officials took stock of the Silk Routes Programme and agreed on next steps."
    )
    page.get_by_label("Publish now").check()
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_text("Outcome recorded. Add its action points below.")).to_be_visible()


def add_action_point(page: Page, description: str, due: str, *, state="", body="") -> None:
    form = page.locator("form", has=page.get_by_role("button", name="Add"))
    form.get_by_label("What is to be done").fill(description)
    if state:
        form.get_by_label("Owner: a state or organisation").select_option(label=state)
    if body:
        form.get_by_label("or owner: a body").select_option(label=body)
    form.get_by_label("Due").fill(due)
    form.get_by_role("button", name="Add").click()
    expect(page.get_by_text("Action point added.")).to_be_visible()


@pytest.mark.usefixtures("starter_data")
def test_conclusions_of_a_held_meeting_are_followed_up_at_the_next_one(
    page: Page, page_log, mailoutbox
) -> None:
    page.set_default_timeout(60_000)  # a long path: leave room for a busy machine
    create_cast("sedef", "ayse")
    hold_the_2015_meeting(page)

    adopt_conclusions(page)
    add_action_point(page, "Report on the return workshops", "2016-06-30", state="Turkey")
    add_action_point(
        page, "Prepare the programme review", "2016-09-30", body="Senior Officials' Meeting"
    )
    actions = page.get_by_role("table", name="Action points of this outcome")
    expect(actions).to_contain_text("Report on the return workshops")
    expect(actions).to_contain_text("Prepare the programme review")

    page.goto(FOLLOW_UP)
    review = page.get_by_role("table", name="Action points to review")
    expect(review).to_contain_text("Report on the return workshops")
    expect(review).to_contain_text("Prepare the programme review")
    expect(review).to_contain_text("Conclusions of the Senior Officials' Meeting 2015")
    sign_out(page)

    sign_in(page, "ayse")
    page.goto(FOLLOW_UP)
    review = page.get_by_role("table", name="Action points to review")
    review.get_by_role("button", name="Mark done: Report on the return workshops").click()
    expect(page.get_by_text("Marked done.")).to_be_visible()
    review = page.get_by_role("table", name="Action points to review")
    expect(review).not_to_contain_text("Report on the return workshops")
    expect(review).to_contain_text("Prepare the programme review")

    page.evaluate("() => new Promise(requestAnimationFrame)")  # let queued CSP reports arrive
    assert page_log.problems == []
