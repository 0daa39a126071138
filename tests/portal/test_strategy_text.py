"""The strategy's own text on the site: section by section, with the anchors that every
citation of the strategy links to, and the file to download."""

import re

import pytest
from django.test import Client

from silkroutes.core.models import Citation
from silkroutes.dataset.loader import STRATEGY_SECTIONS
from silkroutes.strategy.text import STRATEGY_FILE

pytestmark = pytest.mark.django_db

SECTION_HEADING = re.compile(
    r'<section id="(section-[a-z0-9-]+)" aria-labelledby="\1-heading">\s*<h[23] id="\1-heading"'
)


def anchors_of(page: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', page))


def test_the_strategy_page_shows_a_heading_for_every_section_citations_name(client: Client):
    page = client.get("/strategy/").content.decode()

    headed = set(SECTION_HEADING.findall(page))
    assert {f"section-{s.replace('.', '-')}" for s in STRATEGY_SECTIONS} <= headed
    assert "1. Operational activities – the BP Silk Routes Programme</h2>" in page
    assert '<h3 id="section-1-launched-a-heading" class="section-key">§1.launched.a</h3>' in page


def test_the_strategy_text_stays_english_and_left_to_right_on_an_arabic_page(client: Client):
    page = client.get("/ar/strategy/").content.decode()

    assert '<div class="strategy-text" lang="en" dir="ltr">' in page
    text = page[page.index('class="strategy-text"') :]
    assert "<p>c) the Working Group on the Silk Routes Region since 2010 (co-chaired by" in text


def test_every_quote_of_the_strategy_in_the_dataset_is_in_the_text_on_the_page(client: Client):
    page = " ".join(client.get("/strategy/").content.decode().split())
    citations = Citation.objects.filter(source__key="strategy").exclude(quote="")

    assert citations.count() > 100
    for quote in set(citations.values_list("quote", flat=True)):
        for fragment in re.split(r"\s*…\s*", quote):
            shown = " ".join(fragment.split()).replace('"', "&quot;").replace("'", "&#x27;")
            assert shown in page, fragment


def test_the_download_is_the_strategy_text_itself(client: Client):
    response = client.get("/strategy/silk-routes-strategy-2014-2016.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="silk-routes-strategy-2014-2016.txt"'
    )
    assert response.content == STRATEGY_FILE.read_bytes()
    assert response.content.startswith(b"Budapest Process - Silk Routes Partnership\n")


def test_the_strategy_page_offers_the_download(client: Client):
    page = client.get("/ru/strategy/").content.decode()

    assert 'href="/ru/strategy/silk-routes-strategy-2014-2016.txt" download' in page


def test_a_strategy_citation_on_a_project_page_links_to_its_section_of_the_text(client: Client):
    project_page = client.get("/programme/desir/").content.decode()
    strategy_page = client.get("/strategy/").content.decode()

    links = re.findall(
        r'href="/strategy/#([a-z0-9-]+)">Budapest Process - Silk Routes', project_page
    )
    assert "section-1-consideration-a" in links
    assert set(links) <= anchors_of(strategy_page)


def test_a_strategy_citation_on_a_meeting_page_links_to_its_section(client: Client):
    page = client.get("/meetings/som-2015/").content.decode()

    assert 'href="/strategy/#section-2">' in page


def test_the_strategy_source_page_links_each_section_to_the_text(client: Client):
    page = client.get("/sources/strategy/").content.decode()

    assert '<a href="/strategy/#section-2-perspective-c">§2.perspective.c</a>' in page
    assert '<a href="/strategy/">' in page
