"""The tables of the open-data package: one per public entity (and one per many-to-many link),
each with its columns, primary key and foreign keys. Every table reads through the domain apps'
``public_*`` reads, so whatever they restrict stays out of the package.

Hook for records of other apps (documents, outcomes and action points, whose access tiers decide
what is public): add a ``Resource`` reading their public query (``public_documents()``,
``public_outcomes()``) to ``RESOURCES`` below, with ``model`` set so that their citations follow.
"""

from silkroutes.actors.models import Partnership, Region, Role
from silkroutes.actors.queries import public_countries, public_organisations
from silkroutes.core.models import Source
from silkroutes.meetings.models import Meeting
from silkroutes.meetings.search import public_bodies, public_meetings
from silkroutes.programme.models import (
    Budget,
    ExchangeRate,
    Indicator,
    Project,
    ProjectLink,
    ProjectStatusChange,
    Result,
)
from silkroutes.programme.search import (
    public_funding_records,
    public_participations,
    public_projects,
    public_recipients,
)
from silkroutes.strategy.models import Area, Framework, GoalLabel, PriorityGoal

from .opendata import Column, Resource

C = Column


def _fk(name: str, resource: str, field: str, **kwargs) -> Column:
    return Column(name, ref=(resource, field), **kwargs)


def _projects():
    return public_projects()


RESOURCES: list[Resource] = [
    Resource(
        "sources",
        "Sources: documents and web pages the facts rest on",
        lambda: Source.objects.all(),
        (C("key", required=True), C("kind"), C("title"), C("url")),
        ("key",),
    ),
    Resource(
        "countries",
        "Countries (ISO 3166-1 alpha-2)",
        public_countries,
        (C("code", required=True), C("name", source="code", transform="country_name")),
        ("code",),
    ),
    Resource("regions", "Regions", lambda: Region.objects.all(), (C("code"), C("name")), ("code",)),
    Resource(
        "region_countries",
        "Member countries of each region",
        lambda: Region.countries.through.objects.filter(country__in=public_countries()),
        (
            _fk("region", "regions", "code", source="region__code"),
            _fk("country", "countries", "code", source="country__code"),
        ),
        ("region", "country"),
        cited=False,
    ),
    Resource(
        "organisations",
        "Organisations: governments, international organisations, dialogues, forums",
        public_organisations,
        (
            C("slug", required=True),
            C("name"),
            C("acronym"),
            C("kind"),
            C("iati_type", "integer", description="IATI OrganisationType code"),
            C("iati_ref", description="IATI organisation identifier"),
            _fk("country", "countries", "code", source="country__code"),
            C("url"),
        ),
        ("slug",),
    ),
    Resource(
        "frameworks",
        "Frameworks: declarations, strategies, action plans",
        lambda: Framework.objects.all(),
        (
            C("slug", required=True),
            C("title"),
            C("kind"),
            C("adopted", fuzzy=True),
            _fk("adopted_at", "meetings", "slug", source="adopted_at__slug"),
            C("period_start", fuzzy=True),
            C("period_end", fuzzy=True),
        ),
        ("slug",),
    ),
    Resource(
        "goals",
        "The priority goals",
        lambda: PriorityGoal.objects.all(),
        (C("code"), C("name")),
        ("code",),
    ),
    Resource(
        "goal_labels",
        "How each framework words and orders the goals",
        lambda: GoalLabel.objects.all(),
        (
            _fk("goal", "goals", "code", source="goal__code"),
            _fk("framework", "frameworks", "slug", source="framework__slug"),
            C("order", "integer"),
            C("label"),
        ),
        ("goal", "framework"),
        record_id=("goal__code", "framework__slug"),
    ),
    Resource(
        "areas",
        "Main areas of the programme",
        lambda: Area.objects.all(),
        (
            C("code"),
            _fk("framework", "frameworks", "slug", source="framework__slug"),
            C("order", "integer"),
            C("title"),
        ),
        ("code",),
    ),
    Resource(
        "bodies",
        "Bodies that meet: conferences, senior officials, working groups",
        public_bodies,
        (
            C("slug", required=True),
            C("name"),
            C("kind"),
            _fk("region", "regions", "code", source="region__code"),
            C("established", fuzzy=True),
            C("focus"),
            C("future_perspective"),
        ),
        ("slug",),
    ),
    Resource(
        "roles",
        "Dated roles: chairs, co-chairs, the Secretariat, chairs of bodies",
        lambda: Role.objects.filter(holder__in=public_organisations()),
        (
            C("key", required=True),
            C("kind"),
            _fk("holder", "organisations", "slug", source="holder__slug"),
            _fk("of_organisation", "organisations", "slug", source="of_organisation__slug"),
            _fk("body", "bodies", "slug", source="body__slug"),
            C("start", fuzzy=True),
            C("end", fuzzy=True),
        ),
        ("key",),
    ),
    Resource(
        "meetings",
        "Meetings, from a foreseen year to a held meeting",
        public_meetings,
        (
            C("slug", required=True),
            _fk("body", "bodies", "slug", source="body__slug"),
            C("number", "integer"),
            C("title"),
            C("date", fuzzy=True),
            C("end_date", "date"),
            C("status"),
            C("city"),
            _fk("country", "countries", "code", source="country__code"),
            _fk("host", "organisations", "slug", source="host__slug"),
            C("participants", "integer"),
            C("countries_count", "integer"),
            C("organisations_count", "integer"),
            C("description"),
        ),
        ("slug",),
    ),
    Resource(
        "meeting_goals",
        "Goals each meeting addresses",
        lambda: Meeting.goals.through.objects.filter(meeting__in=public_meetings()),
        (
            _fk("meeting", "meetings", "slug", source="meeting__slug"),
            _fk("goal", "goals", "code", source="prioritygoal__code"),
        ),
        ("meeting", "goal"),
        cited=False,
    ),
    Resource(
        "partnerships",
        "The dialogue's partnerships",
        lambda: Partnership.objects.filter(partner__in=public_organisations()),
        (
            C("slug", required=True),
            _fk("partner", "organisations", "slug", source="partner__slug"),
            C("purpose"),
            C("start", fuzzy=True),
            C("end", fuzzy=True),
        ),
        ("slug",),
    ),
    Resource(
        "projects",
        "Projects of the programme",
        _projects,
        (
            C("slug", required=True),
            C("title"),
            C("designation", description="The source's own words for a project without title"),
            C("acronym"),
            C("description"),
            C("status"),
            C("planned_start", fuzzy=True),
            C("planned_end", fuzzy=True),
            C("actual_start", fuzzy=True),
            C("actual_end", fuzzy=True),
            _fk("absorbed_into", "projects", "slug", source="absorbed_into__slug"),
        ),
        ("slug",),
    ),
    Resource(
        "project_goals",
        "Goals each project serves",
        lambda: Project.goals.through.objects.filter(project__in=_projects()),
        (
            _fk("project", "projects", "slug", source="project__slug"),
            _fk("goal", "goals", "code", source="prioritygoal__code"),
        ),
        ("project", "goal"),
        cited=False,
    ),
    Resource(
        "project_areas",
        "Areas each project belongs to",
        lambda: Project.areas.through.objects.filter(project__in=_projects()),
        (
            _fk("project", "projects", "slug", source="project__slug"),
            _fk("area", "areas", "code", source="area__code"),
        ),
        ("project", "area"),
        cited=False,
    ),
    Resource(
        "project_links",
        "A project builds on an earlier one",
        lambda: ProjectLink.objects.filter(project__in=_projects(), builds_on__in=_projects()),
        (
            _fk("project", "projects", "slug", source="project__slug"),
            _fk("builds_on", "projects", "slug", source="builds_on__slug"),
        ),
        ("project", "builds_on"),
        record_id=("project__slug", "builds_on__slug"),
    ),
    Resource(
        "status_changes",
        "Each step of a project's lifecycle",
        lambda: ProjectStatusChange.objects.filter(project__in=_projects()),
        (
            C("id", "integer", required=True),
            _fk("project", "projects", "slug", source="project__slug"),
            C("previous_status"),
            C("status"),
            C("date", fuzzy=True),
            C("note"),
        ),
        ("id",),
    ),
    Resource(
        "recipient_countries",
        "Countries that benefit from each project",
        public_recipients,
        (
            _fk("project", "projects", "slug", source="project__slug"),
            _fk("country", "countries", "code", source="country__code"),
            C("level"),
        ),
        ("project", "country"),
        record_id=("project__slug", "country__code"),
    ),
    Resource(
        "participations",
        "Organisations taking part in projects (IATI roles, lead partner, interest)",
        public_participations,
        (
            C("id", "integer", required=True),
            _fk("project", "projects", "slug", source="project__slug"),
            _fk("organisation", "organisations", "slug", source="organisation__slug"),
            C("role"),
        ),
        ("id",),
    ),
    Resource(
        "funding_records",
        "Expressed interest, pledges, commitments and disbursements",
        public_funding_records,
        (
            C("key", required=True),
            _fk("project", "projects", "slug", source="project__slug"),
            _fk("donor", "organisations", "slug", source="donor__slug"),
            C("kind"),
            C("amount", "number"),
            C("currency", description="ISO 4217"),
            C("date", fuzzy=True),
            C("firmness"),
            C("note"),
            _fk("follows", "funding_records", "key", source="follows__key"),
        ),
        ("key",),
    ),
    Resource(
        "budgets",
        "Project budgets",
        lambda: Budget.objects.filter(project__in=_projects()),
        (
            C("id", "integer", required=True),
            _fk("project", "projects", "slug", source="project__slug"),
            C("kind"),
            C("status"),
            C("amount", "number"),
            C("currency", description="ISO 4217"),
            C("period_start", fuzzy=True),
            C("period_end", fuzzy=True),
            C("note"),
        ),
        ("id",),
    ),
    Resource(
        "exchange_rates",
        "Exchange rates used to compare amounts: 1 from_currency = rate to_currency",
        lambda: ExchangeRate.objects.all(),
        (
            C("id", "integer", required=True),
            C("from_currency"),
            C("to_currency"),
            C("rate", "number"),
            C("date", "date"),
            _fk("source", "sources", "key", source="source__key"),
        ),
        ("id",),
    ),
    Resource(
        "results",
        "Outputs and outcomes of projects",
        lambda: Result.objects.filter(project__in=_projects()),
        (
            C("key", required=True),
            _fk("project", "projects", "slug", source="project__slug"),
            C("kind"),
            C("category"),
            C("title"),
            C("date", fuzzy=True),
            C("end_date", fuzzy=True),
            C("place"),
            _fk("country", "countries", "code", source="country__code"),
            C("people_count", "integer"),
            C("women_count", "integer"),
            C("institutions_count", "integer"),
            C("description"),
        ),
        ("key",),
    ),
    Resource(
        "result_goals",
        "Goals each result serves",
        lambda: Result.goals.through.objects.filter(result__project__in=_projects()),
        (
            _fk("result", "results", "key", source="result__key"),
            _fk("goal", "goals", "code", source="prioritygoal__code"),
        ),
        ("result", "goal"),
        cited=False,
    ),
    Resource(
        "indicators",
        "Indicators of results: baseline, target, actual",
        lambda: Indicator.objects.filter(result__project__in=_projects()),
        (
            C("id", "integer", required=True),
            _fk("result", "results", "key", source="result__key"),
            C("title"),
            C("unit"),
            C("baseline", "number"),
            C("baseline_year", "integer"),
            C("target", "number"),
            C("actual", "number"),
        ),
        ("id",),
    ),
]
