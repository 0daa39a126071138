"""Coverage of the goals, checked against counts made here, record by record, from the same
data (the starter dataset plus what a test adds)."""

import datetime as dt
from collections import Counter

import pytest
from django.contrib.auth.models import AnonymousUser

from silkroutes.actors.models import Organisation
from silkroutes.meetings.models import Meeting
from silkroutes.monitoring import services
from silkroutes.monitoring.coverage import goal_country_matrix, goal_year_matrix
from silkroutes.monitoring.models import Initiative
from silkroutes.monitoring.tallies import (
    action_points_per_body,
    funding_by_goal_and_donor,
    meetings_per_year,
)
from silkroutes.outcomes.models import Outcome
from silkroutes.outcomes.permissions import can_view_outcome
from silkroutes.outcomes.services import add_action_point, adopt_outcome, complete_action_point
from silkroutes.programme.models import FundingRecord, Participation, Project
from silkroutes.strategy.models import PriorityGoal

from .conftest import report

pytestmark = pytest.mark.django_db

YEARS = range(2013, 2018)


def _running(start, end, year: int) -> bool:
    """Running in the year: begun by 31 December, not ended (first day of the end) before
    1 January; an unknown start runs in no year, an unknown end goes on."""
    if start is None:
        return False
    return start.first_day <= dt.date(year, 12, 31) and (
        end is None or end.first_day >= dt.date(year, 1, 1)
    )


def _by_hand() -> tuple[Counter, Counter]:
    """(by goal and year, by goal and country): (goal code, year or ISO code, measure) → n."""
    by_year, by_country = Counter(), Counter()
    for project in Project.objects.prefetch_related("goals", "recipients__country"):
        if project.status not in ("launched", "completed"):
            continue
        for goal in project.goals.all():
            for year in YEARS:
                by_year[(goal.code, year, "projects")] += _running(project.start, project.end, year)
            for recipient in project.recipients.all():
                by_country[(goal.code, recipient.country.code, "projects")] += 1
    for meeting in Meeting.objects.select_related("country").prefetch_related("goals"):
        if meeting.status != "held":
            continue
        for goal in meeting.goals.all():
            by_year[(goal.code, meeting.date.year, "meetings")] += 1
            if meeting.country:
                by_country[(goal.code, meeting.country.code, "meetings")] += 1
    anyone = AnonymousUser()
    for outcome in Outcome.objects.select_related("meeting__country").prefetch_related("goals"):
        if not can_view_outcome(anyone, outcome):
            continue
        for goal in outcome.goals.all():
            by_year[(goal.code, outcome.meeting.date.year, "outcomes")] += 1
            if outcome.meeting.country:
                by_country[(goal.code, outcome.meeting.country.code, "outcomes")] += 1
    for entry in Initiative.objects.select_related("state__country").prefetch_related("goals"):
        if entry.status != "verified":
            continue
        for goal in entry.goals.all():
            for year in YEARS:
                by_year[(goal.code, year, "initiatives")] += _running(
                    entry.start_fuzzy, entry.end_fuzzy, year
                )
            by_country[(goal.code, entry.state.country.code, "initiatives")] += 1
    return by_year, by_country


def _as_counter(matrix) -> Counter:
    counts = Counter()
    for row in matrix.rows:
        for cell in row.cells:
            for measure in ("projects", "meetings", "outcomes", "initiatives"):
                counts[(row.goal.code, cell.column.key, measure)] += getattr(cell, measure)
    return counts


def _nonzero(counter: Counter) -> dict:
    return {k: v for k, v in counter.items() if v}


def _compare() -> None:
    by_year, by_country = _by_hand()
    assert _nonzero(_as_counter(goal_year_matrix(2013, 2017))) == _nonzero(by_year)
    assert _nonzero(_as_counter(goal_country_matrix())) == _nonzero(by_country)


def test_the_starter_dataset_coverage_matches_a_count_by_hand():
    _compare()


def test_the_starter_dataset_coverage_in_figures():
    by_year = goal_year_matrix(2013, 2017)

    # 2014: the Silk Routes Partnership project (all six goals) and the Turkey/IOM project
    # (legal migration, irregular migration) run; nothing serving a goal runs in 2013.
    assert by_year.cell("legal-migration", 2014).projects == 2
    assert by_year.cell("integration", 2014).projects == 1
    assert by_year.cell("irregular-migration", 2015).meetings == 1  # 6th SR WG, Islamabad
    assert by_year.cell("international-protection", 2016).meetings == 1  # 8th SR WG, Tehran
    assert [row.cells[0].is_gap for row in by_year.rows] == [True] * 6
    assert by_year.gap_count == 6
    by_country = goal_country_matrix()
    assert [c.key for c in by_country.columns] == ["AF", "BD", "IR", "IQ", "PK"]
    assert by_country.cell("irregular-migration", "PK").meetings == 1
    assert by_country.gap_count == 0


def test_a_verified_initiative_is_counted_and_an_unverified_one_is_not(
    cycle, turkey_focal_point, secretariat_user
):
    turkey = Organisation.objects.get(slug="turkey")
    verified = report(cycle, turkey_focal_point, turkey, start="2015-03", end="2016")
    services.submit(verified, by=turkey_focal_point)
    services.verify(verified, by=secretariat_user)
    report(cycle, turkey_focal_point, turkey, title="Draft only", goals=("trafficking",))

    by_year = goal_year_matrix(2013, 2017)
    assert [by_year.cell("irregular-migration", y).initiatives for y in YEARS] == [0, 0, 1, 1, 0]
    assert by_year.cell("trafficking", 2015).initiatives == 0
    by_country = goal_country_matrix()
    assert by_country.cell("irregular-migration", "TR").initiatives == 1
    assert by_country.cell("trafficking", "TR").is_gap
    _compare()


def test_published_public_outcomes_count_and_others_do_not(secretariat_user):
    meeting = Meeting.objects.get(slug="wg-silk-routes-2015")
    goals = PriorityGoal.objects.filter(code="trafficking")
    adopt_outcome(
        meeting,
        kind="conclusion",
        title="Public",
        text="t",
        goals=goals,
        by=secretariat_user,
        publish=True,
    )
    adopt_outcome(
        meeting, kind="conclusion", title="Draft", text="t", goals=goals, by=secretariat_user
    )
    adopt_outcome(
        meeting,
        kind="decision",
        title="Restricted",
        text="t",
        goals=goals,
        by=secretariat_user,
        publish=True,
        access_tier="secretariat",
    )

    assert goal_year_matrix(2013, 2017).cell("trafficking", 2015).outcomes == 1
    assert goal_country_matrix(2015).cell("trafficking", "PK").outcomes == 1
    _compare()


def test_the_country_matrix_of_one_year_counts_only_that_year():
    by_country = goal_country_matrix(2016)

    assert by_country.cell("irregular-migration", "PK").meetings == 0  # held in 2015
    assert by_country.cell("international-protection", "IR").meetings == 1


def test_funding_by_goal_and_donor_matches_the_participations_and_records():
    funding = funding_by_goal_and_donor()

    expected = Counter()
    for p in Participation.objects.filter(role="funding").prefetch_related("project__goals"):
        for goal in p.project.goals.all():
            expected[(p.organisation.slug, goal.code)] += 1
    found = Counter()
    for row in funding.rows:
        for cell in row.cells:
            if cell.projects:
                found[(row.donor.slug, cell.goal.code)] = cell.projects
    assert found == expected
    bulgaria = next(r for r in funding.rows if r.donor.slug == "bulgaria")
    amounts = {c.goal.code: c.amounts for c in bulgaria.cells}
    record = FundingRecord.objects.get(key="srp-bulgaria-commitment")
    assert amounts["trafficking"] == {"EUR": record.amount}  # EUR 3,200, under every goal
    assert funding.gap_count == 0


def test_meetings_per_year_count_the_timetable_and_what_was_held():
    by_year = {y.year: y for y in meetings_per_year(2013, 2017)}

    for year in YEARS:
        meetings = list(Meeting.objects.filter(date__year=year))
        assert by_year[year].on_timetable == len(meetings)
        assert by_year[year].held == sum(m.status == "held" for m in meetings)
    assert by_year[2014].is_gap  # nothing held: the SOM is announced, the three WGs foreseen


def test_action_points_per_body_count_open_overdue_and_done(secretariat_user):
    meeting = Meeting.objects.get(slug="wg-silk-routes-2015")
    outcome = adopt_outcome(
        meeting, kind="decision", title="Follow-up", text="t", by=secretariat_user, publish=True
    )
    turkey = Organisation.objects.get(slug="turkey")
    today = dt.date(2016, 1, 10)
    for due in (dt.date(2016, 1, 1), dt.date(2016, 2, 1), None):
        add_action_point(
            outcome,
            description="Do it",
            by=secretariat_user,
            owner_organisation=turkey,
            due_date=due,
        )
    done = add_action_point(
        outcome, description="Done", by=secretariat_user, owner_organisation=turkey
    )
    complete_action_point(done, by=secretariat_user)

    (row,) = action_points_per_body(today=today)
    assert (row.body.slug, row.open, row.overdue, row.done, row.dropped) == (
        "wg-silk-routes",
        2,
        1,
        1,
        0,
    )
