"""Writes through the API: the same services as the workspace, the token's user as the actor;
403 for who may not, 409 for a stale version, 422 naming the field for a broken rule."""

import datetime as dt

import pytest

from silkroutes.accounts.models import ApiToken
from silkroutes.meetings.models import Meeting, MeetingStatusChange
from silkroutes.programme.models import FundingRecord, ProjectStatusChange

from .conftest import bearer, token_for

pytestmark = pytest.mark.django_db

API = "/api/v1"


def send(client, method: str, path: str, key: str | None, data=None):
    headers = bearer(key) if key else {}
    return getattr(client, method)(
        f"{API}{path}", data or {}, content_type="application/json", **headers
    )


@pytest.fixture
def secretariat(secretariat_user):
    return token_for(secretariat_user, ApiToken.Scope.WRITE)


def test_the_secretariat_foresees_and_schedules_a_meeting(client, secretariat, secretariat_user):
    foreseen = send(
        client,
        "post",
        "/meetings",
        secretariat,
        {"body": "senior-officials", "date": "2017-Q2", "title": "SOM 2017"},
    )
    slug = foreseen.json()["slug"]
    scheduled = send(
        client,
        "post",
        f"/meetings/{slug}/schedule",
        secretariat,
        {"revision": 0, "first_day": "2017-05-10", "city": "Istanbul", "country": "tr"},
    )
    agenda = send(
        client,
        "put",
        f"/meetings/{slug}/agenda",
        secretariat,
        {"revision": 1, "items": [{"title": "Opening"}, {"title": "Follow-up"}]},
    )

    assert foreseen.status_code == 201
    assert foreseen.json()["date"]["value"] == "2017-Q2"
    assert foreseen.json()["status"] == "foreseen"
    assert scheduled.status_code == 200, scheduled.content
    assert scheduled.json()["status"] == "scheduled"
    assert scheduled.json()["country"]["code"] == "TR"
    assert [i["title"]["en"] for i in agenda.json()["agenda"]] == ["Opening", "Follow-up"]
    steps = MeetingStatusChange.objects.filter(meeting__slug=slug).order_by("pk")
    assert [(s.status, s.changed_by) for s in steps] == [
        ("foreseen", secretariat_user),
        ("scheduled", secretariat_user),
    ]
    assert client.get(f"{API}/meetings/{slug}").json()["revision"] == 2


def test_a_stale_revision_is_a_409_conflict(client, secretariat):
    meeting = Meeting.objects.get(slug="som-2015")
    Meeting.objects.filter(pk=meeting.pk).update(revision=3)

    response = send(
        client, "post", "/meetings/som-2015/postpone", secretariat, {"revision": 2, "reason": "x"}
    )

    assert response.status_code == 409
    assert response.json()["title"] == "Conflict"
    assert "revision 2, now 3" in response.json()["detail"]
    assert Meeting.objects.get(pk=meeting.pk).status == "foreseen"


def test_a_rule_of_the_service_is_a_422_naming_the_field(client, secretariat):
    bad_date = send(
        client,
        "post",
        "/meetings",
        secretariat,
        {"body": "senior-officials", "date": "2017-13", "title": "SOM"},
    )
    unknown_body = send(
        client, "post", "/meetings", secretariat, {"body": "nobody", "date": "2017", "title": "X"}
    )
    not_allowed = send(client, "post", "/meetings/som-2015/hold", secretariat, {"participants": 10})

    assert bad_date.status_code == 422
    assert bad_date.json()["errors"][0]["field"] == "date"
    assert unknown_body.status_code == 422
    assert unknown_body.json()["errors"] == [
        {"field": "body", "in": "body", "message": "“nobody” names nothing."}
    ]
    assert not_allowed.status_code == 422
    assert "cannot go from" in not_allowed.json()["detail"]


def test_an_invalid_body_is_a_422_listing_each_field(client, secretariat):
    response = send(
        client,
        "post",
        "/meetings/som-2015/schedule",
        secretariat,
        {"first_day": "someday", "country": "Turkey", "colour": "red"},
    )

    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"first_day", "country", "city", "colour"}
    assert all(e["in"] == "body" for e in response.json()["errors"])


def test_writing_needs_a_token_with_the_write_scope(client, secretariat_user):
    read_only = token_for(secretariat_user, ApiToken.Scope.READ)
    data = {"body": "senior-officials", "date": "2017", "title": "SOM 2017"}

    anonymous = send(client, "post", "/meetings", None, data)
    reading = send(client, "post", "/meetings", read_only, data)

    assert anonymous.status_code == 401
    assert anonymous["WWW-Authenticate"] == 'Bearer realm="api"'
    assert reading.status_code == 403
    assert reading.json()["detail"] == "This token may only read; writing needs the write scope."
    assert not Meeting.objects.filter(title="SOM 2017").exists()


def test_who_may_not_is_refused_with_403(client, pakistan_focal_point):
    key = token_for(pakistan_focal_point, ApiToken.Scope.WRITE)

    response = send(
        client,
        "post",
        "/meetings",
        key,
        {"body": "senior-officials", "date": "2017", "title": "SOM 2017"},
    )

    assert response.status_code == 403
    assert "Only the Secretariat or the chair" in response.json()["detail"]


def test_a_focal_point_registers_the_delegation_only_its_state_and_the_secretariat_see(
    client, secretariat, pakistan_focal_point, turkey_focal_point
):
    pakistan = token_for(pakistan_focal_point, ApiToken.Scope.WRITE)
    turkey = token_for(turkey_focal_point)
    invited = send(
        client,
        "post",
        "/meetings/som-2015/invitations",
        secretariat,
        {"organisations": ["pakistan"]},
    )
    members = [{"name": "A. Khan", "function": "Director", "is_head": True}, {"name": "B. Shah"}]

    registered = send(
        client, "put", "/meetings/som-2015/delegations/pakistan", pakistan, {"members": members}
    )
    for_turkey = send(
        client, "put", "/meetings/som-2015/delegations/pakistan", turkey, {"members": members}
    )
    seen_by = {
        who: client.get(f"{API}/meetings/som-2015/delegations", **headers).json()["count"]
        for who, headers in (
            ("anonymous", {}),
            ("pakistan", bearer(pakistan)),
            ("turkey", bearer(turkey)),
            ("secretariat", bearer(secretariat)),
        )
    }

    assert invited.json() == {"invited": ["pakistan"]}
    assert registered.status_code == 200, registered.content
    assert [m["name"] for m in registered.json()["members"]] == ["A. Khan", "B. Shah"]
    assert for_turkey.status_code == 403
    assert seen_by == {"anonymous": 0, "pakistan": 1, "turkey": 0, "secretariat": 1}


def test_a_donor_records_interest_and_turns_it_into_a_pledge(client, sweden_donor):
    key = token_for(sweden_donor, ApiToken.Scope.WRITE)

    interest = send(
        client, "post", "/projects/desir/funding", key, {"donor": "sweden", "kind": "interest"}
    )
    pledge = send(
        client,
        "post",
        f"/funding/{interest.json()['key']}/pledge",
        key,
        {"amount": "250000.00", "currency": "eur", "on": "2015-06"},
    )
    commitment = send(
        client,
        "post",
        "/projects/desir/funding",
        key,
        {"donor": "sweden", "kind": "commitment", "amount": "1.00", "currency": "EUR"},
    )

    assert interest.status_code == 201, interest.content
    assert pledge.status_code == 201, pledge.content
    assert pledge.json()["follows"] == interest.json()["key"]
    assert (pledge.json()["amount"], pledge.json()["currency"]) == ("250000.00", "EUR")
    assert pledge.json()["date"]["value"] == "2015-06"
    assert commitment.status_code == 403
    record = FundingRecord.objects.get(key=pledge.json()["key"])
    assert record.recorded_by == sweden_donor
    listed = client.get(f"{API}/projects/desir/funding").json()["results"]
    assert {r["kind"] for r in listed} == {"interest", "pledge"}


def test_the_secretariat_moves_a_project_along_its_lifecycle(client, secretariat):
    moved = send(
        client,
        "post",
        "/projects/desir/moves",
        secretariat,
        {"to": "identified", "on": "2016", "note": "Back to the pipeline"},
    )
    refused = send(client, "post", "/projects/desir/moves", secretariat, {"to": "completed"})

    assert moved.status_code == 201, moved.content
    assert moved.json()["previous_status"] == "under-consideration"
    assert moved.json()["date"]["value"] == "2016"
    assert client.get(f"{API}/projects/desir").json()["status"] == "identified"
    assert ProjectStatusChange.objects.filter(project__slug="desir").last().note == (
        "Back to the pipeline"
    )
    assert refused.status_code == 422
    assert "cannot go from" in refused.json()["detail"]


def test_outcomes_and_action_points_through_the_api(client, secretariat, pakistan_focal_point):
    pakistan = token_for(pakistan_focal_point, ApiToken.Scope.WRITE)
    adopted = send(
        client,
        "post",
        "/meetings/som-2016/outcomes",
        secretariat,
        {
            "kind": "conclusion",
            "title": "Conclusions of the SOM",
            "text": "The participants agreed.",
            "goals": ["trafficking"],
            "access_tier": "participating-states",
        },
    )
    outcome = adopted.json()
    hidden_while_draft = client.get(f"{API}/outcomes/{outcome['id']}", **bearer(pakistan))
    send(client, "post", f"/outcomes/{outcome['id']}/publish", secretariat)
    point = send(
        client,
        "post",
        f"/outcomes/{outcome['id']}/action_points",
        secretariat,
        {
            "description": "Report on returns",
            "owner_organisation": "pakistan",
            "due_date": "2017-03-01",
        },
    ).json()
    revised = send(
        client,
        "post",
        f"/outcomes/{outcome['id']}/revisions",
        secretariat,
        {"title": "Conclusions", "text": "Agreed, with one change.", "expected_version": 1},
    )
    stale = send(
        client,
        "post",
        f"/outcomes/{outcome['id']}/revisions",
        secretariat,
        {"title": "Conclusions", "text": "Another change.", "expected_version": 1},
    )
    done = send(
        client,
        "post",
        f"/action_points/{point['id']}/status",
        pakistan,
        {"status": "done", "expected_version": point["version"]},
    )

    assert adopted.status_code == 201, adopted.content
    assert outcome["published_at"] is None
    assert hidden_while_draft.status_code == 404
    assert point["owner_organisation"]["slug"] == "pakistan"
    assert revised.status_code == 201
    assert revised.json()["version"] == 2
    assert stale.status_code == 409
    assert "Nothing of yours was saved" in stale.json()["detail"]
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "done"
    assert client.get(f"{API}/outcomes/{outcome['id']}").status_code == 404
    assert client.get(f"{API}/outcomes/{outcome['id']}", **bearer(pakistan)).json()["text"] == (
        "Agreed, with one change."
    )


def test_a_write_on_a_meeting_that_is_not_there_is_a_404(client, secretariat):
    response = send(
        client, "post", "/meetings/no-such-meeting/cancel", secretariat, {"reason": "x"}
    )

    assert response.status_code == 404
    assert response.json()["title"] == "Not found"


def test_the_meeting_is_held_after_its_first_day(client, secretariat):
    meeting = Meeting.objects.get(slug="som-2015")
    meeting.date, meeting.date_precision, meeting.status = dt.date(2015, 6, 1), "day", "scheduled"
    meeting.save()

    held = send(
        client, "post", "/meetings/som-2015/hold", secretariat, {"participants": 80, "revision": 0}
    )

    assert held.status_code == 200, held.content
    assert held.json()["status"] == "held"
    assert held.json()["participants"] == 80
