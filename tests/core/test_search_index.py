"""The stored search index: kept true by every write in its own transaction, covering the fields
each domain searches, never a way to find what the searcher may not see, and rebuilt on demand."""

import pytest
from django.contrib.postgres.search import SearchVector
from django.core.management import call_command
from django.db import connection
from django.db.models import Func, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Replace
from django.utils import timezone

from silkroutes.actors.models import Organisation
from silkroutes.actors.search import ORGANISATION_SEARCH_FIELDS, search_organisations
from silkroutes.core.fuzzydates import FuzzyDate
from silkroutes.core.models import Source
from silkroutes.core.queries import SOURCE_SEARCH_FIELDS
from silkroutes.core.search import searchable_columns
from silkroutes.core.search_index import FOLD_FUNCTION, SEARCH_COLUMN, indexed_tables
from silkroutes.documents.models import Document
from silkroutes.documents.queries import DOCUMENT_SEARCH_FIELDS, search_documents
from silkroutes.meetings import services
from silkroutes.meetings.models import Body, Meeting
from silkroutes.meetings.search import BODY_SEARCH_FIELDS, MEETING_SEARCH_FIELDS, search_meetings
from silkroutes.programme.models import Project, Result
from silkroutes.programme.search import (
    PROJECT_SEARCH_FIELDS,
    RESULT_SEARCH_FIELDS,
    search_projects,
)
from silkroutes.strategy.models import Area, PriorityGoal
from silkroutes.strategy.search import AREA_SEARCH_FIELDS, GOAL_SEARCH_FIELDS
from tests.factories import DocumentFactory, OrganisationFactory, ProjectFactory

pytestmark = pytest.mark.django_db

SEARCHED = [
    (Organisation, ORGANISATION_SEARCH_FIELDS),
    (Body, BODY_SEARCH_FIELDS),
    (Meeting, MEETING_SEARCH_FIELDS),
    (Project, PROJECT_SEARCH_FIELDS),
    (Document, DOCUMENT_SEARCH_FIELDS),
    (PriorityGoal, GOAL_SEARCH_FIELDS),
    (Area, AREA_SEARCH_FIELDS),
    (Result, RESULT_SEARCH_FIELDS),
    (Source, SOURCE_SEARCH_FIELDS),
]


def slugs(queryset) -> list[str]:
    return [record.slug for record in queryset]


def test_the_index_covers_the_fields_each_domain_searches():
    """A field added to a domain's search fields needs a migration of the index."""
    tables = indexed_tables()

    for model, fields in SEARCHED:
        assert sorted(tables[model._meta.db_table]) == sorted(searchable_columns(model, fields))


def test_a_meeting_foreseen_through_the_service_is_found(secretariat_user):
    services.foresee_meeting(
        Body.objects.get(slug="senior-officials"),
        date=FuzzyDate.parse("2017"),
        title="Ministerial Quetzalcoatl Conference",
        by=secretariat_user,
    )

    assert slugs(search_meetings("quetzalcoatl")) == ["senior-officials-2017"]


def test_a_renamed_project_is_found_by_its_new_name_only():
    project = Project.objects.get(slug="desir")
    project.title = "Xylophone diaspora engagement"
    project.acronym = ""
    project.save()

    assert slugs(search_projects("xylophone")) == ["desir"]
    assert slugs(search_projects("DESIR")) == []


def test_a_deleted_organisation_is_no_longer_found():
    OrganisationFactory(slug="ocarina", name="Ocarina Foundation")
    assert slugs(search_organisations("ocarina")) == ["ocarina"]

    Organisation.objects.filter(slug="ocarina").delete()

    assert slugs(search_organisations("ocarina")) == []


def test_a_restricted_document_is_found_only_by_those_who_may_read_it(
    secretariat_user, sweden_donor
):
    """The index holds every title; what may be found is decided by who searches."""
    meeting = Meeting.objects.get(slug="som-2016")
    DocumentFactory(
        slug="secret-note",
        title="Zephyrine readmission note",
        access_tier="secretariat",
        meeting=meeting,
        published_at=timezone.now(),
    )

    assert slugs(search_documents("zephyrine")) == []
    assert slugs(search_documents("zephyrine", sweden_donor)) == []
    assert slugs(search_documents("zephyrine", secretariat_user)) == ["secret-note"]


def as_stored(column: str) -> Func:
    """As the search wrote the text before it was stored: angle brackets as spaces, accents
    folded."""
    text = TextField()
    opening = Replace(column, Value("<"), Value(" "), output_field=text)
    closing = Replace(opening, Value(">"), Value(" "), output_field=text)
    return Func(closing, function=FOLD_FUNCTION, output_field=text)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_the_stored_document_is_the_text_search_ranked_before():
    """Same words, same positions: the ranks, and so the order of results, do not change."""
    DocumentFactory(title="Agenda <draft> of the meeting")
    ProjectFactory(title="Labour migration <draft> plan in Türkiye", acronym="LMP")
    for model, fields in SEARCHED:
        columns = [as_stored(column) for column in searchable_columns(model, fields)]
        stored = RawSQL(f'"{model._meta.db_table}"."{SEARCH_COLUMN}"', [])  # noqa: S611
        rows = model.objects.annotate(parsed=SearchVector(*columns, config="simple"), stored=stored)
        assert rows.exists()
        assert [(row.parsed, row.stored) for row in rows if row.parsed != row.stored] == []


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite drops triggers on remakes")
def test_migrate_restores_the_triggers_a_table_remake_drops():
    with connection.cursor() as cursor:
        for suffix in ("insert", "update", "delete"):
            cursor.execute(f'DROP TRIGGER "programme_project_search_{suffix}"')
    Project.objects.filter(slug="desir").update(title="Xylophone diaspora engagement")
    assert slugs(search_projects("xylophone")) == []

    call_command("migrate", verbosity=0)
    Project.objects.filter(slug="bridging-measures").update(title="Marimba bridging measures")

    assert slugs(search_projects("xylophone")) == ["desir"]
    assert slugs(search_projects("marimba")) == ["bridging-measures"]


def test_the_rebuild_command_names_the_tables_it_rebuilt(capsys):
    if connection.vendor == "sqlite":  # an edit the triggers did not see
        with connection.cursor() as cursor:
            cursor.execute('DROP TRIGGER "programme_project_search_update"')
        Project.objects.filter(slug="desir").update(title="Xylophone diaspora engagement")

    call_command("rebuild_search_index")

    assert capsys.readouterr().out == (
        "Search index rebuilt for 9 tables: actors_organisation, core_source, documents_document, "
        "meetings_body, meetings_meeting, programme_project, programme_result, strategy_area, "
        "strategy_prioritygoal.\n"
    )
    if connection.vendor == "sqlite":
        assert slugs(search_projects("xylophone")) == ["desir"]
