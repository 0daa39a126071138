"""The workspace's document pages and the download every reader goes through."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from silkroutes.meetings.models import Meeting
from tests.factories import DocumentFactory, DocumentFileFactory

from . import samples

pytestmark = pytest.mark.django_db

PAST = timezone.now() - dt.timedelta(days=1)


def _published(tier="public", meeting="wg-silk-routes-2015", **extra):
    document = DocumentFactory(
        meeting=Meeting.objects.get(slug=meeting), access_tier=tier, published_at=PAST, **extra
    )
    DocumentFileFactory(document=document)
    return document


def _download(client, document, language="en"):
    response = client.get(reverse("workspace:document_download", args=[document.slug, language]))
    if response.status_code == 200:
        # Reading to the end lets the test client close the file (and nothing else).
        response.downloaded = b"".join(response.streaming_content)
    return response


def test_a_public_document_is_downloaded_by_anyone_as_an_attachment(client):
    document = _published(title="Agenda of the 6th meeting")

    response = _download(client, document)

    assert response.status_code == 200
    assert response.downloaded == b"%PDF-1.4\n%test\n"
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"document.pdf\"; filename*=UTF-8''document.pdf"
    )
    assert response["Cache-Control"] == "public, max-age=300"


def test_a_restricted_document_is_not_found_for_those_who_may_not_read_it(
    client, pakistan_focal_point
):
    document = _published(tier="body-members")

    assert _download(client, document).status_code == 404
    client.force_login(pakistan_focal_point)
    assert _download(client, document).status_code == 404


def test_a_restricted_document_is_served_privately_to_its_readers(client, turkey_focal_point):
    document = _published(tier="body-members")
    client.force_login(turkey_focal_point)

    response = _download(client, document)

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_access_is_checked_on_every_download(client, turkey_focal_point):
    document = _published(tier="body-members")
    client.force_login(turkey_focal_point)
    assert _download(client, document).status_code == 200

    document.access_tier = "secretariat"
    document.save()

    assert _download(client, document).status_code == 404


def test_a_draft_is_downloaded_by_the_secretariat_only(
    client, secretariat_user, turkey_focal_point
):
    document = _published()
    document.published_at = None
    document.save()

    client.force_login(turkey_focal_point)
    assert _download(client, document).status_code == 404
    client.force_login(secretariat_user)
    assert _download(client, document).status_code == 200


def test_a_language_without_a_file_is_not_found(client):
    document = _published()

    assert _download(client, document, "ru").status_code == 404


def test_the_list_shows_what_the_person_may_read(client, pakistan_focal_point):
    _published(title="Public agenda")
    _published(tier="participating-states", title="Note for the states")
    _published(tier="secretariat", title="Internal briefing")
    client.force_login(pakistan_focal_point)

    page = client.get(reverse("workspace:document_list")).content.decode()

    assert "Public agenda" in page
    assert "Note for the states" in page
    assert "Internal briefing" not in page
    assert "Upload a document" not in page


def test_the_list_of_a_meeting_and_an_invalid_meeting_filter(client, secretariat_user):
    _published(title="Agenda 2015")
    _published(meeting="som-2016", title="Agenda of the SOM")
    client.force_login(secretariat_user)
    url = reverse("workspace:document_list")

    page = client.get(url, {"meeting": "som-2016"}).content.decode()
    invalid = client.get(url, {"meeting": "no-such-meeting"})

    assert "Agenda of the SOM" in page
    assert "Agenda 2015" not in page
    assert invalid.status_code == 400
    assert "No meeting “no-such-meeting”." in invalid.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_the_document_list_costs_the_same_for_1_and_3_documents(
    client, secretariat_user, django_assert_num_queries, count
):
    for n in range(count):
        document = _published(title=f"Numbered document {n}")
        DocumentFileFactory(document=document, language="ru")
    client.force_login(secretariat_user)

    url = reverse("workspace:document_list")
    client.get(url)  # warm the process's caches (country names)

    with django_assert_num_queries(6):
        page = client.get(url).content.decode()

    assert page.count("Numbered document") == count
    assert page.count(">Russian</a>") == count


def test_the_secretariat_uploads_and_publishes_a_document(
    client, secretariat_user, django_capture_on_commit_callbacks
):
    client.force_login(secretariat_user)
    meeting = Meeting.objects.get(slug="wg-silk-routes-2016")

    response = client.post(
        reverse("workspace:document_create"),
        {
            "title": "Agenda of the 8th meeting",
            "kind": "agenda",
            "meeting": meeting.pk,
            "access_tier": "public",
            "language": "en",
            "upload": samples.upload("agenda.pdf", samples.PDF),
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Draft saved. Publish it when it is ready." in page
    assert "draft: only the Secretariat sees it" in page
    document = meeting.documents.get()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("workspace:document_publish", args=[document.slug]), follow=True
        )

    assert "Published. Those who may read it are told by e-mail." in response.content.decode()
    assert _download(client.__class__(), document).status_code == 200  # anonymous now


def test_others_may_not_upload_publish_or_see_history(client, turkey_focal_point):
    document = _published()
    client.force_login(turkey_focal_point)

    assert client.get(reverse("workspace:document_create")).status_code == 403
    assert (
        client.post(reverse("workspace:document_publish", args=[document.slug])).status_code == 403
    )
    assert (
        client.get(reverse("workspace:document_history", args=[document.slug])).status_code == 403
    )


def test_the_history_shows_who_changed_what(client, secretariat_user):
    from silkroutes.documents.services import create_document, update_document

    document = create_document(
        title="Report", kind="report", access_tier="public", by=secretariat_user
    )
    update_document(document, title="Report of the SOM", by=secretariat_user)
    client.force_login(secretariat_user)

    page = client.get(reverse("workspace:document_history", args=[document.slug])).content.decode()

    assert "sedef" in page
    assert "<b>title</b>: Report → Report of the SOM" in page
    assert "first recorded version" in page
