"""The workspace pages of implementation reporting, as the Secretariat, a focal point, a donor
and an anonymous visitor see them."""

import html
import re

import pytest
from django.urls import reverse

from silkroutes.actors.models import Organisation
from silkroutes.monitoring import services
from silkroutes.monitoring.models import Initiative, InitiativeStatus, ReportingCycle
from silkroutes.strategy.models import ActionItem, Framework, PriorityGoal

from .conftest import report

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


@pytest.fixture
def turkey():
    return Organisation.objects.get(slug="turkey")


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("workspace:monitoring"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("workspace:login"))


def test_a_donor_has_no_reporting_workspace(client, sweden_donor):
    client.force_login(sweden_donor)

    assert client.get(reverse("workspace:monitoring")).status_code == 403


def test_the_secretariat_opens_a_cycle_with_the_form(client, secretariat_user):
    client.force_login(secretariat_user)
    framework = Framework.objects.get(slug="multi-annual-strategy-2014-2016")

    response = client.post(
        reverse("workspace:monitoring_cycle_open"),
        {
            "framework": framework.pk,
            "title": "Implementation 2015",
            "opens": "2015-01-01",
            "deadline": "2099-12-31",
        },
        follow=True,
    )

    cycle = ReportingCycle.objects.get(title="Implementation 2015")
    assert response.redirect_chain[-1][0] == reverse("workspace:monitoring_cycle", args=[cycle.pk])
    assert "The reporting cycle is open; focal points were told." in _text(response)
    assert "No entry yet." in _text(response)


def test_a_deadline_before_the_opening_is_shown_as_an_error(client, secretariat_user):
    client.force_login(secretariat_user)
    framework = Framework.objects.get(slug="multi-annual-strategy-2014-2016")

    response = client.post(
        reverse("workspace:monitoring_cycle_open"),
        {"framework": framework.pk, "title": "x", "opens": "2015-02-01", "deadline": "2015-01-01"},
    )

    assert response.status_code == 200
    assert "The deadline cannot be before the cycle opens." in _text(response)
    assert not ReportingCycle.objects.exists()


def test_a_focal_point_cannot_open_a_cycle(client, turkey_focal_point):
    client.force_login(turkey_focal_point)

    assert client.get(reverse("workspace:monitoring_cycle_open")).status_code == 403


def test_a_focal_point_reports_and_submits_with_the_form(client, cycle, turkey_focal_point, turkey):
    client.force_login(turkey_focal_point)
    goal = PriorityGoal.objects.get(code="trafficking")
    item = ActionItem.objects.get(code="2.4", framework=cycle.framework)

    response = client.post(
        reverse("workspace:monitoring_report", args=[cycle.pk]),
        {
            "state": turkey.pk,
            "kind": "policy",
            "title": "National referral mechanism",
            "description": "Victims are referred to shelters.",
            "start": "2015-Q2",
            "end": "",
            "goals": [goal.pk],
            "action_items": [item.pk],
            "submit": "",
        },
        follow=True,
    )

    entry = Initiative.objects.get(title="National referral mechanism")
    assert entry.status == InitiativeStatus.SUBMITTED
    assert (entry.start_precision, entry.start.month) == ("quarter", 4)
    text = _text(response)
    assert "Submitted to the Secretariat for verification." in text
    assert "submitted to the Secretariat" in text
    assert "Q2 2015" in text
    assert "5. Prevent and combat human trafficking" in text


def test_a_date_that_is_not_a_date_is_explained(client, cycle, turkey_focal_point, turkey):
    client.force_login(turkey_focal_point)

    response = client.post(
        reverse("workspace:monitoring_report", args=[cycle.pk]),
        {"state": turkey.pk, "kind": "policy", "title": "t", "description": "d", "start": "spring"},
    )

    assert response.status_code == 200
    assert "“spring” is not a date; use 2015, 2015-Q2, 2015-04 or 2015-04-17." in _text(response)
    assert not Initiative.objects.exists()


def test_a_focal_point_can_only_choose_its_own_state(client, cycle, turkey_focal_point):
    client.force_login(turkey_focal_point)

    response = client.get(reverse("workspace:monitoring_report", args=[cycle.pk]))

    assert re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', response.content.decode()) == [
        "Turkey"
    ]


def test_another_states_draft_does_not_exist_for_a_focal_point(
    client, cycle, turkey_focal_point, pakistan_focal_point, turkey
):
    entry = report(cycle, turkey_focal_point, turkey)
    client.force_login(pakistan_focal_point)

    assert (
        client.get(reverse("workspace:monitoring_initiative", args=[entry.pk])).status_code == 404
    )
    assert entry.title not in _text(
        client.get(reverse("workspace:monitoring_cycle", args=[cycle.pk]))
    )


def test_the_secretariat_asks_back_only_with_a_question(
    client, cycle, turkey_focal_point, secretariat_user, turkey
):
    entry = report(cycle, turkey_focal_point, turkey)
    services.submit(entry, by=turkey_focal_point)
    client.force_login(secretariat_user)
    url = reverse("workspace:monitoring_initiative_review", args=[entry.pk])

    refused = client.post(url, {"decision": "ask_back", "note": ""})
    assert refused.status_code == 400
    assert "Say what the state should clarify, or why it is rejected." in _text(refused)

    response = client.post(url, {"decision": "ask_back", "note": "Which provinces?"}, follow=True)
    assert "Asked back: the state was told." in _text(response)
    assert "Note of the Secretariat: Which provinces?" in _text(response)
    entry.refresh_from_db()
    assert entry.status == InitiativeStatus.QUERY


def test_a_focal_point_cannot_review(client, cycle, turkey_focal_point, turkey):
    entry = report(cycle, turkey_focal_point, turkey)
    services.submit(entry, by=turkey_focal_point)
    client.force_login(turkey_focal_point)

    response = client.post(
        reverse("workspace:monitoring_initiative_review", args=[entry.pk]), {"decision": "verify"}
    )

    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.status == InitiativeStatus.SUBMITTED


def _entries(cycle, by, state, n):
    for i in range(n):
        entry = report(cycle, by, state, title=f"Entry {i}", goals=("trafficking", "integration"))
        services.submit(entry, by=by)


@pytest.mark.parametrize("n", [1, 3])
def test_the_cycle_page_costs_the_same_for_1_and_3_entries(
    client, cycle, turkey_focal_point, secretariat_user, turkey, django_assert_num_queries, n
):
    _entries(cycle, turkey_focal_point, turkey, n)
    client.force_login(secretariat_user)

    with django_assert_num_queries(10):  # +2: the data version, the footer's data date
        response = client.get(reverse("workspace:monitoring_cycle", args=[cycle.pk]))
    assert f"Waiting for verification ({n})" in _text(response)


@pytest.mark.parametrize("n", [1, 3])
def test_the_reporting_home_costs_the_same_for_1_and_3_cycles(
    client, secretariat_user, django_assert_num_queries, n
):
    framework = Framework.objects.get(slug="multi-annual-strategy-2014-2016")
    for i in range(n):
        ReportingCycle.objects.create(
            framework=framework,
            title=f"Cycle {i}",
            opens="2015-01-01",
            deadline="2099-01-01",
            opened_by=secretariat_user,
        )
    client.force_login(secretariat_user)

    with django_assert_num_queries(8):  # +2: the data version, the footer's data date
        response = client.get(reverse("workspace:monitoring"))
    assert _text(response).count("Cycle ") >= n
