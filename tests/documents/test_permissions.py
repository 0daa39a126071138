"""Who may read a document: every tier × every role × draft/published/embargo, checked through
the predicate (one document) and the query (lists) alike."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from silkroutes.documents.permissions import can_view_document
from silkroutes.documents.queries import documents_visible_to, public_documents_of
from silkroutes.meetings.models import Meeting
from tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "secretariat", "chair", "focal_point", "donor", "implementer")
NOW = timezone.now()
PAST = NOW - dt.timedelta(days=1)
FUTURE = NOW + dt.timedelta(days=30)


@pytest.fixture
def people(
    secretariat_user, turkey_focal_point, pakistan_focal_point, sweden_donor, iom_implementer
):
    return {
        "anonymous": AnonymousUser(),
        "secretariat": secretariat_user,
        "chair": turkey_focal_point,  # Türkiye co-chairs the Silk Routes working group
        "focal_point": pakistan_focal_point,
        "donor": sweden_donor,
        "implementer": iom_implementer,
    }


def _who(*roles):
    return {role: role in roles for role in ROLES}


EVERYONE = _who(*ROLES)
SECRETARIAT = _who("secretariat")

# (tier, meeting slug, published, embargo_until) → who may read it
CASES = [
    ("public", "wg-silk-routes-2015", True, None, EVERYONE),
    ("public", "wg-silk-routes-2015", False, None, SECRETARIAT),
    (
        "participating-states",
        "wg-silk-routes-2015",
        True,
        None,
        _who("secretariat", "chair", "focal_point"),
    ),
    ("participating-states", "wg-silk-routes-2015", False, None, SECRETARIAT),
    ("body-members", "wg-silk-routes-2015", True, None, _who("secretariat", "chair")),
    ("body-members", "wg-black-sea-2015", True, None, SECRETARIAT),
    ("body-members", "wg-silk-routes-2015", False, None, SECRETARIAT),
    ("secretariat", "wg-silk-routes-2015", True, None, SECRETARIAT),
    ("secretariat", "wg-silk-routes-2015", True, FUTURE, SECRETARIAT),
    ("secretariat", "wg-silk-routes-2015", True, PAST, EVERYONE),
    ("secretariat", "wg-silk-routes-2015", False, PAST, SECRETARIAT),
    (
        "participating-states",
        "wg-silk-routes-2015",
        True,
        FUTURE,
        _who("secretariat", "chair", "focal_point"),
    ),
    ("body-members", "wg-silk-routes-2015", True, PAST, EVERYONE),
]


@pytest.mark.parametrize(("tier", "meeting", "published", "embargo", "expected"), CASES)
def test_who_may_read_a_document(people, tier, meeting, published, embargo, expected):
    document = DocumentFactory(
        meeting=Meeting.objects.get(slug=meeting),
        access_tier=tier,
        published_at=PAST if published else None,
        embargo_until=embargo,
    )

    by_predicate = {role: can_view_document(user, document) for role, user in people.items()}
    by_query = {
        role: documents_visible_to(user).filter(pk=document.pk).exists()
        for role, user in people.items()
    }

    assert by_predicate == expected
    assert by_query == expected


def test_a_body_members_document_of_a_body_is_read_by_its_chairs(people):
    from silkroutes.meetings.models import Body

    document = DocumentFactory(
        body=Body.objects.get(slug="wg-silk-routes"), access_tier="body-members", published_at=PAST
    )

    assert can_view_document(people["chair"], document)
    assert not can_view_document(people["focal_point"], document)


def test_the_meeting_page_query_gives_only_public_documents():
    meeting = Meeting.objects.get(slug="som-2016")
    public = DocumentFactory(meeting=meeting, published_at=PAST, title="Open agenda")
    DocumentFactory(meeting=meeting, published_at=PAST, access_tier="secretariat")
    DocumentFactory(meeting=meeting, title="Draft agenda")
    embargoed = DocumentFactory(
        meeting=meeting, published_at=PAST, access_tier="participating-states", embargo_until=PAST
    )

    assert set(public_documents_of(meeting)) == {public, embargoed}
