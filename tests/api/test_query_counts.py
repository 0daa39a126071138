"""Every list endpoint costs the same number of SQL queries for 1 and for 3 items (pretalx).

Each case makes items that a filter isolates from the starter dataset, each with a citation and
an alternative (so that provenance must be prefetched), asks once to warm caches that are not
per request (content types), then counts the queries of the same request with 1 and 3 items."""

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from silkroutes.actors.models import Country, Partnership, Region
from silkroutes.core.models import Alternative, Citation, Source
from silkroutes.programme.models import Participation, ProjectStatusChange, RecipientCountry
from silkroutes.strategy.models import ActionItem, Area, Framework, GoalLabel, PriorityGoal
from tests.factories import (
    ActionPointFactory,
    BodyFactory,
    DocumentFactory,
    DocumentFileFactory,
    FundingRecordFactory,
    IndicatorFactory,
    MeetingFactory,
    OrganisationFactory,
    OutcomeFactory,
    ProjectFactory,
    ResultFactory,
    RoleFactory,
    StateFactory,
)

pytestmark = pytest.mark.django_db

_numbers = itertools.count(1)


def cite(record):
    """A citation of the strategy and an alternative with its own citation."""
    strategy = Source.objects.get(key="strategy")
    Citation.objects.create(record=record, source=strategy, section="1", quote="…")
    alternative = Alternative.objects.create(record=record, field="id", value="other")
    Citation.objects.create(record=alternative, source=strategy, section="2")
    return record


class Cases:
    """One method per list endpoint: ``make(n)`` adds n items, the URL lists exactly them."""

    def __init__(self):
        self.funder = StateFactory(country=Country.objects.get(code="SE"))
        self.region = cite(Region.objects.create(code="test-region", name="Test region"))
        self.framework = Framework.objects.create(slug="test-strategy", title="S", kind="strategy")
        self.body = BodyFactory()
        self.project = ProjectFactory()
        self.partner = OrganisationFactory()
        self.meeting = MeetingFactory(status="held")
        self.free_codes = iter(["FR", "DE", "IT", "ES", "PT", "BE"])

    def projects(self, expand=""):
        project = cite(ProjectFactory(status="launched"))
        cite(
            Participation.objects.create(project=project, organisation=self.funder, role="funding")
        )
        project.goals.add(PriorityGoal.objects.get(code="trafficking"))
        project.areas.add(Area.objects.first())
        cite(
            RecipientCountry.objects.create(project=project, country=Country.objects.get(code="AF"))
        )
        cite(FundingRecordFactory(project=project, donor=self.funder))
        cite(ProjectStatusChange.objects.create(project=project, status="launched"))
        return f"/api/v1/projects?funder={self.funder.slug}{expand}"

    def projects_expanded(self):
        return self.projects("&expand=participants,funding,status_history")

    def project_participants(self):
        organisation = OrganisationFactory()
        cite(
            Participation.objects.create(
                project=self.project, organisation=organisation, role="implementing"
            )
        )
        return f"/api/v1/projects/{self.project.slug}/participants"

    def project_funding(self):
        cite(FundingRecordFactory(project=self.project, donor=self.funder))
        return f"/api/v1/projects/{self.project.slug}/funding"

    def project_status_history(self):
        cite(ProjectStatusChange.objects.create(project=self.project, status="identified"))
        return f"/api/v1/projects/{self.project.slug}/status_history"

    def funding(self):
        cite(FundingRecordFactory(donor=self.funder))
        return f"/api/v1/funding?donor={self.funder.slug}"

    def meetings(self):
        meeting = cite(MeetingFactory(body=self.body, date=dt.date(2015, 1, 1)))
        meeting.goals.add(PriorityGoal.objects.get(code="trafficking"))
        return f"/api/v1/meetings?body={self.body.slug}"

    def bodies(self):
        body = cite(BodyFactory(region=self.region))
        cite(RoleFactory(body=body))
        return f"/api/v1/bodies?region={self.region.code}"

    def roles(self):
        cite(RoleFactory(holder=self.funder, body=BodyFactory()))
        return f"/api/v1/roles?holder={self.funder.slug}"

    def organisations(self, expand=""):
        organisation = cite(StateFactory(country=Country.objects.get_or_create(code="FR")[0]))
        cite(RoleFactory(holder=organisation))
        return f"/api/v1/organisations?country=FR{expand}"

    def organisations_expanded(self):
        return self.organisations("&expand=roles")

    def countries(self):
        country = cite(Country.objects.create(code=next(self.free_codes)))
        self.region.countries.add(country)
        return f"/api/v1/countries?region={self.region.code}"

    def regions(self, create=True):
        if create:  # the starter dataset's Silk Routes region is the first one with Pakistan
            region = cite(Region.objects.create(code=f"region-{next(_numbers)}", name="Region"))
            region.countries.add(Country.objects.get(code="AF"), Country.objects.get(code="PK"))
        return "/api/v1/regions?country=PK"

    def goals(self):
        number = next(_numbers)
        goal = cite(PriorityGoal.objects.create(code=f"goal-{number}", name=f"Goal {number}"))
        cite(GoalLabel.objects.create(goal=goal, framework=self.framework, order=number, label="L"))
        return f"/api/v1/goals?framework={self.framework.slug}"

    def areas(self):
        number = next(_numbers)
        cite(
            Area.objects.create(
                code=f"area-{number}", framework=self.framework, order=number, title="A"
            )
        )
        return f"/api/v1/areas?framework={self.framework.slug}"

    def frameworks(self):
        number = next(_numbers)
        cite(Framework.objects.create(slug=f"plan-{number}", title="Plan", kind="action-plan"))
        return "/api/v1/frameworks?kind=action-plan"

    def partnerships(self):
        number = next(_numbers)
        cite(
            Partnership.objects.create(
                slug=f"partnership-{number}", partner=self.partner, purpose="P"
            )
        )
        return f"/api/v1/partnerships?partner={self.partner.slug}"

    def results(self):
        result = cite(ResultFactory(project=self.project))
        result.goals.add(PriorityGoal.objects.get(code="trafficking"))
        cite(IndicatorFactory(result=result))
        return f"/api/v1/results?project={self.project.slug}"

    def project_results(self):
        self.results()
        return f"/api/v1/projects/{self.project.slug}/results"

    def action_items(self):
        number = next(_numbers)
        item = cite(
            ActionItem.objects.create(
                key=f"item-{number}", framework=self.framework, code=str(number), order=number
            )
        )
        item.goals.add(PriorityGoal.objects.get(code="trafficking"))
        item.responsible.add(self.partner)
        return f"/api/v1/action_items?framework={self.framework.slug}"

    def documents(self):
        document = DocumentFactory(meeting=self.meeting, published_at=timezone.now())
        DocumentFileFactory(document=document)
        return f"/api/v1/documents?meeting={self.meeting.slug}"

    def outcomes(self):
        outcome = OutcomeFactory(meeting=self.meeting, published_at=timezone.now())
        outcome.goals.add(PriorityGoal.objects.get(code="trafficking"))
        outcome.projects.add(self.project)
        outcome.bodies.add(self.body)
        ActionPointFactory(outcome=outcome)
        return f"/api/v1/outcomes?meeting={self.meeting.slug}"

    def action_points(self):
        outcome = OutcomeFactory(meeting=self.meeting, published_at=timezone.now())
        ActionPointFactory(outcome=outcome, owner_organisation=self.partner)
        return f"/api/v1/action_points?owner={self.partner.slug}"

    def sources(self, create=True):
        if create:  # the starter dataset's one document is the strategy
            number = next(_numbers)
            Source.objects.create(key=f"document-{number}", kind="document", title="A document")
        return "/api/v1/sources?kind=document"


# (case, whether the starter dataset has the first item, queries)
CASES = [
    ("projects", False, 12),
    ("projects_expanded", False, 21),
    ("project_participants", False, 5),
    ("project_funding", False, 5),
    ("project_status_history", False, 5),
    ("funding", False, 5),
    ("meetings", False, 7),
    ("bodies", False, 8),
    ("roles", False, 5),
    ("organisations", False, 4),
    ("organisations_expanded", False, 7),
    ("countries", False, 6),
    ("regions", True, 5),
    ("goals", False, 8),
    ("areas", False, 5),
    ("frameworks", False, 4),
    ("partnerships", False, 5),
    ("sources", True, 2),
    ("results", False, 9),
    ("project_results", False, 9),
    ("action_items", False, 7),
    ("documents", False, 3),
    ("outcomes", False, 6),
    ("action_points", False, 3),
]


@pytest.mark.parametrize(("case", "in_starter_data", "queries"), CASES)
def test_a_list_costs_the_same_for_one_and_three_items(
    client, django_assert_num_queries, case, in_starter_data, queries
):
    cases = Cases()
    make = getattr(cases, case)
    url = make(create=False) if in_starter_data else make()
    client.get(url)  # warm the content-type cache

    with django_assert_num_queries(queries):
        one = client.get(url).json()
    make()
    make()
    with django_assert_num_queries(queries):
        three = client.get(url).json()

    assert one["count"] == 1
    assert three["count"] == 3
    assert len(three["results"]) == three["count"]
