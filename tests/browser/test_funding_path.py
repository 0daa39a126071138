"""Done-when of the programme's money: through the workspace a donor's representative (Sweden)
records interest in DESIR, the Secretariat turns it into a pledge, and the project's funding
gap and its goal's coverage change on the public gaps page."""

from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from silkroutes.programme.models import Project
from silkroutes.programme.services import record_budget
from silkroutes.strategy.models import PriorityGoal
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

DESIR = "Diaspora Engagement in the Silk Routes Countries (DESIR)"


def sign_in(page: Page, username: str) -> None:
    page.goto(reverse("workspace:login"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text(f"Signed in as {username}")).to_be_visible()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()


def expect_gap(page: Page, row_id: str, *, covered: str, gap: str, share: str) -> None:
    row = page.locator(f"#{row_id}")
    expect(row.locator(".fd-budget")).to_have_text("EUR 500,000.00")
    expect(row.locator(".fd-covered")).to_have_text(covered)
    expect(row.locator(".fd-gap")).to_have_text(gap)
    expect(row.locator(".fd-share")).to_have_text(share)


def test_interest_turned_into_a_pledge_narrows_the_gap_on_the_portal(
    starter_data, sweden_donor, secretariat_user, page: Page, page_log
) -> None:
    # No source gives DESIR a goal or a budget: the test gives it both, so that a gap exists.
    desir = Project.objects.get(slug="desir")
    desir.goals.add(PriorityGoal.objects.get(code="migration-development"))
    record_budget(desir, amount=Decimal("500000"), currency="EUR", by=secretariat_user)
    gaps = reverse("portal:funding_gaps")

    page.goto(gaps)
    expect_gap(page, "gap-desir", covered="EUR 0.00", gap="EUR 500,000.00", share="0 % covered")
    goal = page.locator("#goal-migration-development")
    expect(goal.locator(".fd-funded")).to_have_text("1")  # the Silk Routes Partnership project
    expect_gap(
        page,
        "goal-migration-development",
        covered="EUR 0.00",
        gap="EUR 500,000.00",
        share="0 % covered",
    )

    sign_in(page, "karin")
    page.goto(reverse("workspace:programme_funding"))
    interest = page.get_by_role("group", name="Express interest in a project")
    interest.get_by_label("Project").select_option(label=DESIR)
    expect(interest.get_by_label("For")).to_have_value(
        str(sweden_donor.memberships.get().organisation_id)
    )
    interest.get_by_role("button", name="Record the interest").click()
    expect(page.locator(".messages")).to_contain_text(
        f"The interest of Sweden in “{DESIR}” is recorded."
    )
    sign_out(page)

    sign_in(page, "sedef")
    page.goto(reverse("workspace:programme_funding"))
    waiting = page.locator(".pw-card", has_text=f"Sweden in “{DESIR}”")
    pledge = waiting.get_by_role("group", name="Turn into a pledge")
    pledge.get_by_label("Amount pledged").fill("200000")
    pledge.get_by_label("Currency").fill("EUR")
    pledge.get_by_label("Firmness").select_option(label="indicative")
    pledge.get_by_role("button", name="Record the pledge").click()
    expect(page.locator(".messages")).to_contain_text(
        f"The interest of Sweden in “{DESIR}” is now a pledge."
    )

    page.goto(gaps)
    expect_gap(
        page, "gap-desir", covered="EUR 200,000.00", gap="EUR 300,000.00", share="40 % covered"
    )
    expect(goal.locator(".fd-funded")).to_have_text("2")
    expect_gap(
        page,
        "goal-migration-development",
        covered="EUR 200,000.00",
        gap="EUR 300,000.00",
        share="40 % covered",
    )
    page.evaluate("() => new Promise(requestAnimationFrame)")  # let queued CSP reports arrive
    assert page_log.problems == []
