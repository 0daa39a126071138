"""The provenance of the records on a page: citations and alternatives of records of any models,
loaded together."""

import pytest
from django.contrib.contenttypes.models import ContentType

from silkroutes.core.models import Alternative, Citation, Source
from silkroutes.core.provenance import load_provenance
from silkroutes.core.queries import with_provenance
from silkroutes.meetings.models import Meeting
from tests.factories import MeetingFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sources():
    return [
        Source.objects.create(key=f"source-{n}", title=f"Source {n}", url="https://example.org")
        for n in (1, 2)
    ]


def test_records_of_two_models_get_their_own_provenance_in_two_queries(
    django_assert_num_queries, sources
):
    first, second = sources
    meeting, project = MeetingFactory(), ProjectFactory()
    Citation.objects.create(record=meeting, source=first, section="2.a")
    Citation.objects.create(record=project, source=second, quote="as planned")
    other_date = Alternative.objects.create(record=meeting, field="date", value="2016-Q2")
    Citation.objects.create(record=other_date, source=second)
    # The same primary key in another model is another record.
    Citation.objects.create(
        content_type=ContentType.objects.get_for_model(Meeting),
        object_id=project.pk + 10**6,
        source=first,
    )
    ContentType.objects.get_for_models(Meeting, type(project), Alternative)  # cached as on a site

    with django_assert_num_queries(2):
        load_provenance([meeting, project])
        shown = [
            [(c.source.title, c.section, c.quote) for c in meeting.provenance.citations],
            [
                (a.field, a.value, [c.source.title for c in a.cited])
                for a in meeting.provenance.alternatives
            ],
            [(c.source.title, c.quote) for c in project.provenance.citations],
            project.provenance.alternatives,
        ]

    assert shown == [
        [("Source 1", "2.a", "")],
        [("date", "2016-Q2", ["Source 2"])],
        [("Source 2", "as planned")],
        [],
    ]


def test_a_list_loads_the_provenance_of_all_its_records_in_two_queries(
    django_assert_num_queries, sources
):
    meetings = MeetingFactory.create_batch(3)
    for meeting in meetings:
        Citation.objects.create(record=meeting, source=sources[0], section=meeting.slug)
    ContentType.objects.get_for_models(Meeting, Alternative)

    with django_assert_num_queries(3):  # the meetings, their alternatives, the citations
        loaded = list(with_provenance(Meeting.objects.filter(pk__in=[m.pk for m in meetings])))
        sections = {m.slug: [c.section for c in m.provenance.citations] for m in loaded}

    assert sections == {m.slug: [m.slug] for m in meetings}


def test_a_record_loaded_alone_finds_its_provenance_when_asked(sources):
    meeting = MeetingFactory()
    Citation.objects.create(record=meeting, source=sources[1], section="4")

    fresh = Meeting.objects.get(pk=meeting.pk)

    assert [(c.source.key, c.section) for c in fresh.provenance.citations] == [("source-2", "4")]
