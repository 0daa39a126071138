"""Text that no download or e-mail could carry is refused where it comes in (issue 14, M2 and
"CR/LF in single-line fields"): the workspace forms, the API and the dataset loader refuse control
characters other than tab, LF and CR, and line breaks in one-line fields, with a message that says
what to do, and store nothing. A title stored with a line break before these rules still gets its
e-mails sent, on one line."""

import re

import pytest
import yaml
from django.test import Client
from django.urls import reverse

from silkroutes.accounts.models import ApiToken
from silkroutes.actors.models import Country, Organisation
from silkroutes.dataset.loader import DatasetError, load_dataset
from silkroutes.meetings import services
from silkroutes.meetings.models import Meeting, MeetingStatus
from silkroutes.programme.models import FundingRecord
from tests.api.conftest import bearer, token_for

pytestmark = pytest.mark.django_db

CONTROL = "This text holds an invisible control character (U+000B)"
ONE_LINE = "This field takes a single line: remove the line break."


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page_text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


# -- the workspace forms -------------------------------------------------------------------------


def funding_form(note: str) -> dict:
    return {
        "funding-project": "desir",
        "funding-donor": Organisation.objects.get(slug="sweden").pk,
        "funding-kind": "pledge",
        "funding-amount": "10",
        "funding-currency": "EUR",
        "funding-firmness": "indicative",
        "funding-note": note,
    }


def test_a_note_with_a_vertical_tab_is_refused_and_one_with_line_breaks_kept(sweden_donor):
    client = signed_in(sweden_donor)
    url = reverse("workspace:programme_record_money")

    refused = client.post(url, funding_form("Paid in two parts\x0bthe second in May"))
    accepted = client.post(url, funding_form("Paid in two parts\r\nthe second in May"))

    assert refused.status_code == 400
    assert CONTROL in page_text(refused)
    assert accepted.status_code == 302
    (record,) = FundingRecord.objects.filter(project__slug="desir")
    assert record.note == "Paid in two parts\r\nthe second in May"


def test_a_city_with_a_line_break_is_refused_and_the_meeting_not_scheduled(secretariat_user):
    response = signed_in(secretariat_user).post(
        reverse("workspace:meeting_schedule", args=["som-2015"]),
        {
            "first_day": "2015-12-10",
            "city": "Istanbul\r\nBcc: everyone@example.org",
            "country": Country.objects.get(code="TR").pk,
        },
    )

    assert response.status_code == 400
    assert ONE_LINE in page_text(response)
    assert Meeting.objects.get(slug="som-2015").status == MeetingStatus.FORESEEN


# -- the API -------------------------------------------------------------------------------------


def post(client, path: str, user, data: dict):
    key = token_for(user, ApiToken.Scope.WRITE)
    return client.post(f"/api/v1{path}", data, content_type="application/json", **bearer(key))


def test_the_api_refuses_a_control_character_naming_the_field(client, sweden_donor):
    data = {"donor": "sweden", "kind": "interest", "note": "See annex\x0cpage 2"}

    response = post(client, "/projects/desir/funding", sweden_donor, data)

    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert error["field"] == "note"
    assert "invisible control character (U+000C)" in error["message"]
    assert not FundingRecord.objects.filter(project__slug="desir").exists()


def test_the_api_refuses_a_title_with_a_line_break(client, secretariat_user):
    data = {"body": "senior-officials", "date": "2017", "title": "SOM 2017\r\nBcc: x@example.org"}

    response = post(client, "/meetings", secretariat_user, data)

    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "title", "in": "body", "message": ONE_LINE}]
    assert not Meeting.objects.filter(title__startswith="SOM 2017").exists()


# -- the dataset loader --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("description", "Agenda\x0bto follow", CONTROL),
        ("city", "Istanbul\nBcc: x@example.org", ONE_LINE),
    ],
)
def test_the_loader_refuses_the_text_and_loads_nothing(
    starter_dataset_path, tmp_path, field, value, expected
):
    data = yaml.safe_load(starter_dataset_path.read_text(encoding="utf-8"))
    meeting = data["meetings"][0]
    meeting[field] = value
    path = tmp_path / "dataset.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")

    with pytest.raises(DatasetError) as refused:
        load_dataset(path)

    assert f"meetings “{meeting['slug']}”: {field}: {expected}" in str(refused.value)
    assert getattr(Meeting.objects.get(slug=meeting["slug"]), field) != value


# -- e-mail subjects -----------------------------------------------------------------------------


def test_a_title_stored_with_a_line_break_reaches_the_invitation_on_one_line(
    secretariat_user, turkey_focal_point, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = Meeting.objects.get(slug="som-2015")
    Meeting.objects.filter(pk=meeting.pk).update(title="SOM 2015\r\nBcc: everyone@example.org")
    meeting.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        services.invite(
            meeting, organisations=[Organisation.objects.get(slug="turkey")], by=secretariat_user
        )

    (mail,) = mailoutbox
    assert mail.subject == "Invitation: SOM 2015 Bcc: everyone@example.org"
    assert mail.to == ["ayse@example.org"]


# -- the admin -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "message"),
    [("Report\x0bannex", CONTROL), ("Report\nannex", ONE_LINE)],
    ids=["control character", "line break"],
)
def test_the_admin_refuses_the_text_and_stores_nothing(admin_client, title, message):
    from silkroutes.core.models import Source

    response = admin_client.post(
        "/admin/core/source/add/",
        {"key": "hostile-source", "kind": "web-page", "title": title, "url": ""},
    )

    assert response.status_code == 200
    assert message in page_text(response)
    assert not Source.objects.filter(key="hostile-source").exists()


def test_the_admin_still_saves_ordinary_text(admin_client):
    from silkroutes.core.models import Source

    source = Source.objects.create(key="plain-source", title="Plain", kind="web-page")
    response = admin_client.post(
        f"/admin/core/source/{source.pk}/change/",
        {"key": "plain-source", "kind": "web-page", "title": "Plain, edited", "url": ""},
    )

    assert response.status_code == 302
    source.refresh_from_db()
    assert source.title == "Plain, edited"
