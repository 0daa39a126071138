"""The long lists (meetings, projects, organisations) are sent as our renderers build them,
without django-ninja validating them against the operation's schema again: what they send must
be exactly what that validation gives, and keep the ETag of every GET."""

import json

import pytest
from ninja.responses import NinjaJSONEncoder

from silkroutes.api.schemas.common import page_of
from silkroutes.api.schemas.output import MeetingOut, OrganisationOut, ProjectOut

pytestmark = pytest.mark.django_db

LISTS = [
    ("/api/v1/meetings?page_size=100", MeetingOut),
    ("/api/v1/meetings?lang=ar&ordering=-date", MeetingOut),
    ("/api/v1/projects?expand=participants,funding,status_history,results", ProjectOut),
    ("/api/v1/projects?lang=ru", ProjectOut),
    ("/api/v1/organisations?expand=roles", OrganisationOut),
]


@pytest.mark.parametrize(("url", "schema"), LISTS)
def test_a_long_list_sends_what_its_schema_validates_to(client, url, schema):
    body = client.get(url).json()

    validated = page_of(schema).model_validate(body).model_dump()

    assert body["count"] > 0
    assert json.loads(json.dumps(validated, cls=NinjaJSONEncoder)) == body


@pytest.mark.parametrize(("url", "schema"), LISTS[:1])
def test_a_long_list_keeps_its_etag_and_answers_304(client, url, schema):
    first = client.get(url)

    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert first["Content-Type"] == "application/json; charset=utf-8"
    assert first["Cache-Control"] == "private, no-cache"
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
