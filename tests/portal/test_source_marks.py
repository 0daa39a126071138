"""Source marks: beside each dated value, and each value that sources disagree on, a small
link to the citation it rests on, in the sources list on the same page
(docs/decisions/0018-source-marks.md)."""

import lxml.html
import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def open_page(client: Client, url: str):
    return lxml.html.fromstring(client.get(url).content)


def marks_beside(element) -> list:
    return element.xpath("./sup[@class='source-marks']/a")


def cited(page, mark) -> str:
    """The text of the citation a mark links to, which must be on the page."""
    (target,) = page.xpath(f"//*[@id='{mark.get('href').removeprefix('#')}']")
    return target.text_content()


def test_each_date_of_a_project_has_a_mark_linking_to_a_citation_on_the_page(client: Client):
    page = open_page(client, "/programme/silk-routes-partnership/")

    dated_cells = [
        cell
        for cell in page.xpath("//table[@class='dates-table']//td")
        if "not stated" not in cell.text_content()
    ]
    dated_cells += page.xpath("//ol[@class='history']/li")
    dated_cells += page.xpath("//section[@aria-labelledby='funding-heading']//tbody/tr/td[3]")
    assert len(dated_cells) == 5  # planned start, actual start and end; a launch; a commitment
    for cell in dated_cells:
        marks = marks_beside(cell)
        assert marks, cell.text_content()
        for mark in marks:
            assert mark.get("aria-label").startswith("Source: ")
            assert cited(page, mark)


def test_a_date_mark_points_to_the_citation_that_gives_its_year(client: Client):
    page = open_page(client, "/programme/silk-routes-partnership/")
    (actual_end,) = page.xpath("//tr[th='Actual end']/td")

    (mark, alternative_mark) = actual_end.xpath(".//sup[@class='source-marks']/a")

    assert mark.get("aria-label") == "Source: Budapest Process: Projects"
    assert "2014 - 2017" in cited(page, mark)
    assert alternative_mark.get("aria-label") == "Source: ICMPD: Silk Routes, completed projects"
    assert "completed projects" in cited(page, alternative_mark)


def test_a_participant_whose_role_sources_disagree_on_has_marks_for_both(client: Client):
    page = open_page(client, "/programme/silk-routes-partnership/")
    (icmpd,) = page.xpath("//li[@id='participant-icmpd-funding']")

    (mark,) = marks_beside(icmpd)
    (alternative_mark,) = icmpd.xpath(".//p[@class='conflict']/sup[@class='source-marks']/a")

    assert "§1.launched.a" in cited(page, mark)
    assert "ICMPD: Silk Routes Partnership Project" in cited(page, alternative_mark)


def test_a_meeting_date_no_quote_names_points_to_all_the_meetings_citations(client: Client):
    page = open_page(client, "/meetings/som-2014/")
    (dates,) = page.xpath("//dt[.='Dates']/following-sibling::dd[1]")

    strategy, icmpd = marks_beside(dates)

    assert "§2" in strategy.get("aria-label")
    assert "yearly Senior Officials’ Meetings" in cited(page, strategy)
    assert icmpd.get("aria-label") == "Source: ICMPD: Budapest Group Meetings"
    assert "22nd Senior Officials Meeting" in cited(page, icmpd)


def test_a_mark_is_named_in_the_pages_language(client: Client):
    page = open_page(client, "/ru/meetings/som-2014/")
    (dates,) = page.xpath("//dt[.='Даты']/following-sibling::dd[1]")

    marks = marks_beside(dates)

    assert marks
    assert all(mark.get("aria-label").startswith("Источник: ") for mark in marks)
