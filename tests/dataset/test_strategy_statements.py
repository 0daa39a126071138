"""The strategy document, statement by statement: each is in the starter dataset, citing the
section it comes from. (The starter dataset is loaded for every database test.)"""

import datetime as dt
import re

import pytest

from silkroutes.actors.models import Partnership, Role
from silkroutes.core.models import Alternative, Citation
from silkroutes.meetings.models import Body, Meeting
from silkroutes.programme.models import Participation, Project
from silkroutes.strategy.models import Area, Framework, PriorityGoal
from silkroutes.strategy.text import STRATEGY_FILE

pytestmark = pytest.mark.django_db


def cites(record, section: str) -> bool:
    return record.citations.filter(source__key="strategy", section=section).exists()


def organisations(project_slug: str, role: str, section: str | None = None) -> set[str]:
    rows = Participation.objects.filter(project__slug=project_slug, role=role)
    if section:
        rows = rows.filter(citations__source__key="strategy", citations__section=section)
    return set(rows.values_list("organisation__slug", flat=True))


def test_the_declaration_was_adopted_at_the_5th_ministerial_conference_istanbul_19_april_2013():
    declaration = Framework.objects.get(slug="istanbul-declaration-2013")
    conference = declaration.adopted_at

    assert declaration.adopted == dt.date(2013, 4, 19)
    assert declaration.adopted_precision == "day"
    assert (conference.number, conference.city, conference.date) == (
        5,
        "Istanbul",
        dt.date(2013, 4, 19),
    )
    assert conference.body.kind == Body.Kind.MINISTERIAL_CONFERENCE
    assert cites(declaration, "intro")
    assert cites(conference, "intro")


def test_the_strategy_covers_2014_to_2016():
    strategy = Framework.objects.get(slug="multi-annual-strategy-2014-2016")

    assert (strategy.period_start.year, strategy.period_end.year) == (2014, 2016)
    assert strategy.kind == Framework.Kind.STRATEGY
    assert cites(strategy, "intro")


def test_there_are_six_priority_goals_each_citing_the_strategy_and_a_source_for_its_label():
    goals = PriorityGoal.objects.prefetch_related("labels__citations__source")

    assert goals.count() == 6
    for goal in goals:
        assert cites(goal, "intro"), goal.code
        (label,) = goal.labels.all()
        assert label.framework.slug == "istanbul-declaration-2013"
        assert [c.source.url for c in label.citations.all()] == [
            "https://www.iom.int/budapest-process"
        ]
    assert sorted(goals.values_list("labels__order", flat=True)) == [1, 2, 3, 4, 5, 6]


def test_the_five_main_areas_of_the_programme():
    areas = Area.objects.filter(framework__slug="multi-annual-strategy-2014-2016")

    assert list(areas.values_list("title", flat=True)) == [
        "Migration management in the Silk Routes countries",
        "Development of a regional migration management response in the Silk Routes Region",
        "Diaspora engagement",
        "Management of return and reintegration assistance",
        "Effective governance of legal migration and mobility",
    ]
    assert all(cites(area, "1.areas") for area in areas)


def test_fostering_cooperation_was_funded_by_five_states_and_implemented_by_icmpd():
    assert organisations("fostering-cooperation", "funding", "1") == {
        "netherlands",
        "norway",
        "sweden",
        "switzerland",
        "turkey",
    }
    assert organisations("fostering-cooperation", "implementing", "1") == {"icmpd"}


def test_bridging_measures_was_funded_by_the_uk():
    assert organisations("bridging-measures", "funding", "1") == {"united-kingdom"}


def test_the_silk_routes_partnership_project_builds_on_both_predecessors():
    project = Project.objects.get(slug="silk-routes-partnership")

    assert set(project.predecessor_links.values_list("builds_on__slug", flat=True)) == {
        "fostering-cooperation",
        "bridging-measures",
    }
    assert cites(project, "1")


def test_the_silk_routes_partnership_project_has_the_eight_supporters_of_the_strategy():
    assert organisations("silk-routes-partnership", "funding", "1.launched.a") == {
        "european-commission",
        "bulgaria",
        "hungary",
        "netherlands",
        "sweden",
        "switzerland",
        "turkey",
        "icmpd",
    }


def test_icmpds_page_adds_norway_and_the_uk_and_names_hungary_lead_partner():
    only_external = Participation.objects.filter(
        project__slug="silk-routes-partnership",
        role="funding",
    ).exclude(citations__source__key="strategy")

    assert set(only_external.values_list("organisation__slug", flat=True)) == {
        "norway",
        "united-kingdom",
    }
    for participation in only_external:
        urls = {c.source.url for c in participation.citations.all()}
        assert "https://www.icmpd.org/our-work/projects/silk-routes-partnership-project" in urls
    assert organisations("silk-routes-partnership", "lead-partner") == {"hungary"}


def test_icmpd_as_supporter_conflicts_with_icmpds_own_page():
    supporter = Participation.objects.get(
        project__slug="silk-routes-partnership", organisation__slug="icmpd", role="funding"
    )

    (alternative,) = supporter.alternatives.all()
    assert (alternative.field, alternative.value) == ("role", "implementing")


def test_the_silk_routes_partnership_project_contributes_to_all_six_goals_from_2014():
    project = Project.objects.get(slug="silk-routes-partnership")

    assert project.status == "launched"
    assert project.goals.count() == 6
    assert cites(project, "1.launched.a")
    launch = project.status_changes.get(status="launched")
    assert launch.date.year == 2014


def test_the_end_of_the_silk_routes_partnership_project_keeps_both_sources():
    project = Project.objects.get(slug="silk-routes-partnership")
    alternative = Alternative.objects.get(
        content_type__model="project", object_id=project.pk, field="actual_end"
    )

    assert str(project.fuzzy_value("actual_end")) == "2017-07"
    assert alternative.value == "2017-01"
    assert alternative.citations.get().source.url.startswith(
        "https://www.icmpd.org/our-work/capacity-building/regions/silk-routes/completed-projects"
    )


def test_the_turkey_and_iom_project_has_no_invented_title():
    project = Project.objects.get(slug="complementary-actions-turkey-iom")

    assert project.title == ""
    assert project.designation.startswith(
        "The project aiming at the development of complementary actions"
    )
    assert organisations(project.slug, "funding", "1.launched.b") == {"turkey", "iom"}
    assert set(project.goals.values_list("code", flat=True)) == {
        "legal-migration",
        "irregular-migration",
    }
    assert project.status == "launched"


@pytest.mark.parametrize(
    ("slug", "title", "section"),
    [
        ("desir", "Diaspora Engagement in the Silk Routes Countries (DESIR)", "1.consideration.a"),
        (
            "legal-migration-mobility",
            "Effective governance of legal migration and mobility in the Silk Routes Region",
            "1.consideration.b",
        ),
        (
            "return-reintegration",
            "Return and reintegration assistance in the Silk Routes Region",
            "1.consideration.c",
        ),
    ],
)
def test_three_projects_are_under_consideration_with_interest_expressed(slug, title, section):
    project = Project.objects.get(slug=slug)

    assert (project.title, project.status) == (title, "under-consideration")
    assert cites(project, section)
    assert cites(project, "1.interest")
    assert not project.participations.exists()  # the strategy names no interested supporter


@pytest.mark.parametrize(
    ("body", "established", "section", "kind", "holders", "start"),
    [
        ("wg-south-east-europe", 1999, "2.a", Role.Kind.BODY_CHAIR, {"croatia"}, 2007),
        ("wg-black-sea", 2008, "2.b", Role.Kind.BODY_CHAIR, {"bulgaria"}, None),
        ("wg-silk-routes", 2010, "2.c", Role.Kind.BODY_CO_CHAIR, {"afghanistan", "turkey"}, None),
    ],
)
def test_the_three_working_groups_with_their_years_and_chairs(
    body, established, section, kind, holders, start
):
    group = Body.objects.get(slug=body)
    roles = group.roles.filter(kind=kind)

    assert group.kind == Body.Kind.WORKING_GROUP
    assert (group.established.year, group.established_precision) == (established, "year")
    assert cites(group, section)
    assert set(roles.values_list("holder__slug", flat=True)) == holders
    for role in roles:
        assert (role.start.year if role.start else None) == start
        assert role.end is None
        assert cites(role, section)


@pytest.mark.parametrize(
    ("body", "section", "words"),
    [
        ("wg-south-east-europe", "2.perspective.a", "action plan on mixed migration flows"),
        ("wg-black-sea", "2.perspective.b", "border management and document security"),
        ("wg-silk-routes", "2.perspective.c", "supporting the BP Silk Routes Programme"),
    ],
)
def test_each_working_group_has_its_future_perspective(body, section, words):
    group = Body.objects.get(slug=body)

    assert words in group.future_perspective
    assert cites(group, section)


@pytest.mark.parametrize("body", ["wg-south-east-europe", "wg-black-sea", "wg-silk-routes"])
def test_annual_working_group_meetings_are_foreseen_2014_to_2016(body):
    meetings = Meeting.objects.filter(body__slug=body, date__year__in=[2014, 2015, 2016])

    assert sorted(m.date.year for m in meetings) == [2014, 2015, 2016]
    assert all(cites(m, "2.meetings") for m in meetings)


def test_yearly_senior_officials_meetings_2014_to_2016():
    meetings = Meeting.objects.filter(
        body__slug="senior-officials", date__year__in=[2014, 2015, 2016]
    )

    assert sorted(m.date.year for m in meetings) == [2014, 2015, 2016]
    assert all(cites(m, "2") for m in meetings)


def test_the_2015_senior_officials_meeting_is_foreseen_without_a_date():
    meeting = Meeting.objects.get(body__slug="senior-officials", date__year=2015)

    assert (meeting.status, meeting.date_precision) == ("foreseen", "year")
    assert str(meeting.when) == "2015"
    assert (meeting.city, meeting.country_id, meeting.host_id) == ("", None, None)


def test_senior_officials_initiate_thematic_expert_meetings():
    body = Body.objects.get(kind=Body.Kind.THEMATIC_EXPERT)

    assert cites(body, "2")


def test_partnership_with_the_gfmd_during_the_turkish_chairmanship():
    partnership = Partnership.objects.get(partner__slug="gfmd")
    chair = Role.objects.get(
        kind=Role.Kind.FORUM_CHAIR, of_organisation__slug="gfmd", holder__slug="turkey"
    )

    assert cites(partnership, "3")
    assert cites(chair, "3")
    assert str(chair.start_fuzzy) == "2014-07-01"
    assert str(chair.end_fuzzy) == "2015"


def test_every_record_of_the_starter_dataset_cites_a_source():
    from django.apps import apps

    from silkroutes.core.models import Sourced

    unsourced = []
    for model in apps.get_models():
        if not issubclass(model, Sourced) or model is Alternative:
            continue
        if model._meta.label in {"programme.ProjectLink"}:
            continue  # a link rests on its project's citation of the "building upon" sentence
        for record in model.objects.prefetch_related("citations"):
            if not record.citations.all():
                unsourced.append(f"{model._meta.label} {record}")
    assert unsourced == []


def test_every_quote_of_the_strategy_in_the_dataset_is_its_own_words():
    """Read from the copy in data/strategy/, which every clone has."""
    text = " ".join(STRATEGY_FILE.read_text(encoding="utf-8").split())
    quotes = set(Citation.objects.filter(source__key="strategy").values_list("quote", flat=True))

    assert len(quotes) > 50
    for quote in quotes:
        for fragment in re.split(r"\s*…\s*", quote):
            assert " ".join(fragment.split()) in text, fragment
