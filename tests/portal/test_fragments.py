"""Pieces of public pages kept per data version and language (portal/fragments.py): a change of
a record shows at once in every language, a filter's chosen value is marked whatever was kept,
and nothing restricted enters a piece shared with anonymous visitors."""

import pytest
from django.utils import translation

from silkroutes.meetings.services import cancel_meeting
from tests.factories import DocumentFactory, MeetingFactory, ProjectFactory

pytestmark = pytest.mark.django_db

LANGUAGES = {"": "cancelled", "/ru": "отменено", "/ar": "ملغى"}


def _pages(client, path):
    return {prefix: client.get(f"{prefix}{path}").content.decode() for prefix in LANGUAGES}


@pytest.mark.parametrize("path", ["/timetable/", "/timetable/?page_size=200"])
def test_timetable_shows_a_changed_meeting_in_every_language(
    client, secretariat_user, django_capture_on_commit_callbacks, path
):
    meeting = MeetingFactory(title="Senior officials, first round")
    for page in _pages(client, path).values():  # the pieces are kept in each language
        assert "Senior officials, first round" in page

    # In English (the requests above leave the last page's language active).
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        meeting.title = "Senior officials, second round"
        meeting.save()
        cancel_meeting(meeting, reason="No host", by=secretariat_user)

    for prefix, page in _pages(client, path).items():
        assert "Senior officials, first round" not in page
        assert "Senior officials, second round</a>" in page  # the list
        assert "<title>Senior officials, second round:" in page  # the picture
        assert f'<span class="status status-cancelled">{LANGUAGES[prefix]}</span>' in page
        assert 'class="tt-mark tt-cancelled"' in page


def test_programme_shows_a_renamed_project_in_every_language(
    client, django_capture_on_commit_callbacks
):
    project = ProjectFactory(title="Border management in Central Asia")
    _pages(client, "/programme/")

    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        project.title = "Border management in the Silk Routes countries"
        project.save()

    for page in _pages(client, "/programme/").values():
        assert "Border management in Central Asia" not in page
        assert "Border management in the Silk Routes countries</a>" in page


def test_filter_marks_the_chosen_value_whatever_was_kept(client):
    MeetingFactory()
    client.get("/timetable/")  # the options kept with "all statuses" chosen

    page = client.get("/timetable/?status=held&year=2015").content.decode()

    assert '<option value="held" selected>held</option>' in page
    assert '<option value="2015" selected>2015</option>' in page
    assert '<option value="" selected>all statuses</option>' not in page
    assert '<option value="" selected>all bodies</option>' in page


def test_year_beyond_the_list_is_offered_only_to_who_chose_it(client):
    MeetingFactory()

    chosen = client.get("/programme/?year=2090").content.decode()
    other = client.get("/programme/").content.decode()

    assert '<option value="2090" selected>2090</option>' in chosen
    assert 'value="2090"' not in other


def test_nothing_restricted_enters_a_kept_piece(client, secretariat_user):
    meeting = MeetingFactory(title="Working group meeting")
    DocumentFactory(
        title="Secretariat briefing on delegations",
        access_tier="secretariat",
        meeting=meeting,
    )
    client.force_login(secretariat_user)
    for path in ("/timetable/", "/programme/", f"/meetings/{meeting.slug}/"):
        client.get(path)  # a signed-in person renders (and keeps) the pieces first
    client.logout()

    for path in ("/timetable/", "/programme/", f"/meetings/{meeting.slug}/"):
        page = client.get(path).content.decode()
        assert "Secretariat briefing on delegations" not in page
    assert "Working group meeting" in client.get("/timetable/").content.decode()
