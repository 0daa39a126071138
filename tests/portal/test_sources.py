"""The sources pages: what each source supports, and where sources disagree."""

import pytest
from django.test import Client

from silkroutes.core.models import Alternative, Citation, Source
from silkroutes.core.queries import alternatives_of, citations_of
from silkroutes.portal.views.sources import public_records
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

ICMPD_PROJECT_PAGE = "https://www.icmpd.org/our-work/projects/silk-routes-partnership-project"
ICMPD_COMPLETED = (
    "https://www.icmpd.org/our-work/capacity-building/regions/silk-routes/completed-projects/?L=0"
)


def section(page: str, heading_id: str) -> str:
    start = page.index(f'id="{heading_id}"')
    return page[start : page.index("</section>", start)]


def row_of(page: str, text: str) -> str:
    at = page.index(text)
    return page[page.rindex("<tr", 0, at) : page.index("</tr>", at)]


@pytest.fixture(params=[1, 3])
def extra(request) -> int:
    """How many items of the kind a page lists the test adds (its cost must not change)."""
    return request.param


def test_sources_list_the_strategy_first_then_web_sources_with_their_counts(client: Client):
    source = Source.objects.create(key="test-page", title="Test page", url="https://example.org/t")
    for project in ProjectFactory.create_batch(2):
        Citation.objects.create(source=source, record=project, quote="words")

    page = client.get("/sources/").content.decode()

    assert page.index('href="/sources/strategy/"') < page.index('id="web-heading"')
    row = row_of(page, 'href="/sources/test-page/"')
    assert '<a href="https://example.org/t" rel="noopener">https://example.org/t</a>' in row
    assert 'data-label="Facts citing it">2</td>' in row
    assert f'<a href="{ICMPD_PROJECT_PAGE}" rel="noopener">' in section(page, "web-heading")


def test_sources_page_shows_the_january_july_2017_conflict_with_both_urls(client: Client):
    page = client.get("/sources/").content.decode()

    conflict = row_of(section(page, "conflicts-heading"), "actual end")
    assert '<a href="/programme/silk-routes-partnership/">Support to the Silk Routes' in conflict
    assert "July 2017" in conflict  # the recorded value
    assert "January 2017" in conflict  # the other one
    assert f'href="{ICMPD_PROJECT_PAGE}"' in conflict
    assert f'href="{ICMPD_COMPLETED}"' in conflict
    assert "Duration: February 2014 … January 2017" in conflict


def test_sources_page_lists_every_conflict_with_both_values(client: Client):
    page = client.get("/sources/").content.decode()
    conflicts = section(page, "conflicts-heading")

    assert f"Sources disagree on {Alternative.objects.count()} values." in conflicts
    icmpd = row_of(conflicts, "International Centre for Migration Policy Development — funding")
    assert '<strong class="value">funding</strong>' in icmpd
    assert '<strong class="value">implementing</strong>' in icmpd
    participants = row_of(conflicts, "5th Budapest Process Ministerial Conference")
    assert "250" in participants
    assert "230" in participants


def test_source_page_lists_every_record_citing_it_grouped_by_kind(client: Client):
    page = client.get("/sources/icmpd-srp-project/").content.decode()

    assert "<h1>ICMPD: Silk Routes Partnership Project</h1>" in page
    participants = page[page.index(">Participants <") :]
    hungary = row_of(participants, "Hungary — lead partner")
    assert 'href="/programme/silk-routes-partnership/"' in hungary
    assert "<q>Hungary (Lead Partner)</q>" in hungary
    countries = page[page.index(">Countries <") :]
    assert '<a href="/countries/iq/">Iraq</a>' in countries
    assert "Status changes" in page
    conflicts = section(page, "conflicts-heading")
    assert "implementing" in conflicts  # the role this page gives ICMPD


def test_strategy_source_page_shows_sections_and_quotes(client: Client):
    page = client.get("/sources/strategy/").content.decode()

    croatia = row_of(page, '<a href="/organisations/croatia/">Croatia</a>')
    assert "§2.a" in croatia
    assert "<q>chaired by Croatia since 2007</q>" in croatia
    assert '<a href="/partnerships/#partnership-gfmd">' in page  # a partnership has no own page


def test_a_source_giving_only_a_conflicting_value_says_so(client: Client):
    page = client.get("/sources/icmpd-completed-projects/").content.decode()

    assert "it gives only the conflicting values below" in page
    conflict = section(page, "conflicts-heading")
    assert "January 2017" in conflict
    assert '<a href="/programme/silk-routes-partnership/">' in conflict


def test_every_citation_of_the_dataset_is_shown_on_a_source_page():
    """A kind of record left out of the public records would vanish from the source pages."""
    records = public_records()
    shown = 0
    for source in Source.objects.all():
        shown += len(citations_of(source, records))
        shown += sum(
            1
            for alternative in alternatives_of(records, source)
            for citation in alternative.citations.all()
            if citation.source_id == source.pk
        )

    assert shown == Citation.objects.count()


def test_an_unknown_source_is_not_found(client: Client):
    assert client.get("/sources/no-such-source/").status_code == 404


def test_source_list_costs_the_same_for_one_or_three_sources(
    client: Client, django_assert_num_queries, extra
):
    project = ProjectFactory()
    for n in range(extra):
        source = Source.objects.create(key=f"s-{n}", title=f"Source {n}", url=f"https://e.org/{n}")
        Citation.objects.create(source=source, record=project)
    client.get("/sources/")

    with django_assert_num_queries(17):
        page = client.get("/sources/").content.decode()

    assert page.count('href="/sources/s-') == extra


def test_source_page_costs_the_same_for_one_or_three_citing_records(
    client: Client, django_assert_num_queries, extra
):
    source = Source.objects.create(key="test-source", title="Test source")
    for project in ProjectFactory.create_batch(extra):
        Citation.objects.create(source=source, record=project, quote="the words")
        alternative = Alternative.objects.create(record=project, field="title", value="Other")
        Citation.objects.create(source=source, record=alternative)
    client.get("/sources/test-source/")

    with django_assert_num_queries(9):
        page = client.get("/sources/test-source/").content.decode()

    assert page.count("<q>the words</q>") == extra
    assert page.count('<strong class="value">Other</strong>') == extra
