"""The tentative timetable (list and picture, filters) and the meeting page."""

import datetime as dt
import re

import pytest
from django.test import Client

from silkroutes.core.models import Source
from silkroutes.meetings.models import Body, Meeting
from silkroutes.strategy.models import PriorityGoal
from tests.factories import BodyFactory, CountryFactory, MeetingFactory, StateFactory

pytestmark = pytest.mark.django_db

TIMETABLE = "/timetable/"


def _page(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.content.decode()[:2000]
    return response.content.decode()


def _list_part(page: str) -> str:
    """The text list of the page (after the picture), where the headings are."""
    return page[page.index('id="list-heading"') :]


def _period_block(page: str, anchor: str) -> str:
    """The list under one period heading, up to the next heading."""
    listing = _list_part(page)
    start = listing.index(f'id="{anchor}"')
    following = re.search(r"<h[234] ", listing[start + 1 :])
    end = start + 1 + following.start() if following else len(listing)
    return listing[start:end]


def _marks(page: str) -> dict[str, dict[str, str]]:
    """The picture's marks by meeting URL: the attributes of their rect and their title."""
    found = {}
    pattern = (
        r'<a href="(?P<href>[^"]+)" class="tt-mark (?P<cls>[^"]+)">\s*<title>(?P<title>[^<]*)'
        r"</title>\s*<rect (?P<rect>[^>]*)/>"
    )
    for match in re.finditer(pattern, page):
        attributes = dict(re.findall(r'([\w-]+)="([^"]*)"', match["rect"]))
        found[match["href"]] = {**attributes, "class": match["cls"], "title": match["title"]}
    return found


# --- grouping -------------------------------------------------------------------------------


def test_timetable_lists_a_year_only_meeting_under_its_year_never_on_a_day(client: Client):
    page = _page(client, TIMETABLE)

    block = _period_block(page, "y2015-year")
    assert "2015 — month not known" in block
    assert "Senior Officials&#x27; Meeting 2015" in block
    assert "Working Group on the Black Sea Region, annual meeting 2015" in block
    som_2015 = block[block.index("Meeting 2015") :]
    assert '<span class="tt-when">2015</span>' in som_2015
    assert "Jan. 1, 2015" not in page
    assert 'id="y2015-m01"' not in page  # nothing is placed in January 2015


def test_timetable_groups_months_then_quarter_then_year(client: Client):
    body = BodyFactory(name="Grouping group")
    for slug, day, precision in [
        ("in-july", dt.date(2015, 7, 3), "day"),
        ("sometime-2015", dt.date(2015, 1, 1), "year"),
        ("sometime-q2", dt.date(2015, 4, 1), "quarter"),
        ("sometime-june", dt.date(2015, 6, 1), "month"),
        ("on-1-june", dt.date(2015, 6, 1), "day"),
        ("in-may", dt.date(2015, 5, 10), "day"),
    ]:
        MeetingFactory(
            body=body, slug=slug, title=f"Meeting {slug}", date=day, date_precision=precision
        )

    listing = _list_part(_page(client, f"{TIMETABLE}?body={body.slug}"))

    headings = re.findall(r'<h4 id="([^"]+)"', listing)
    assert headings == ["y2015-m05", "y2015-m06", "y2015-q2", "y2015-m07", "y2015-year"]
    titles = re.findall(r'class="tt-item-title" href="[^"]+">Meeting ([^<]+)<', listing)
    assert titles == [
        "in-may",
        "on-1-june",
        "sometime-june",
        "sometime-q2",
        "in-july",
        "sometime-2015",
    ]
    assert "Q2 2015 — month not known" in listing
    assert "June 2015" in listing
    assert "June 1, 2015" in listing  # the meeting known to the day
    sometime_june = listing[listing.index("Meeting sometime-june") :]
    assert '<span class="tt-when">June 2015</span>' in sometime_june


def test_timetable_shows_a_multi_day_meeting_with_its_days(client: Client):
    block = _period_block(_page(client, TIMETABLE), "y2015-m06")

    assert "6th Meeting of the Working Group on the Silk Routes Region" in block
    assert "June 8, 2015 – June 9, 2015" in block
    assert 'href="/meetings/wg-silk-routes-2015/"' in block
    assert 'href="/bodies/wg-silk-routes/"' in block
    assert "Islamabad, Pakistan" in block
    assert '<span class="status status-held">held</span>' in block


# --- the picture ----------------------------------------------------------------------------


def test_picture_marks_cover_the_period_each_meeting_is_known_to(client: Client):
    body = BodyFactory(name="Picture group")
    MeetingFactory(body=body, slug="a-year", date=dt.date(2015, 1, 1), date_precision="year")
    MeetingFactory(body=body, slug="a-quarter", date=dt.date(2015, 4, 1), date_precision="quarter")
    MeetingFactory(
        body=body, slug="a-day", date=dt.date(2015, 6, 8), date_precision="day", status="held"
    )

    page = _page(client, f"{TIMETABLE}?body={body.slug}")
    marks = _marks(page)

    year, quarter, day = (marks[f"/meetings/{s}/"] for s in ("a-year", "a-quarter", "a-day"))
    # A period is drawn 1.5 units inside its bounds at each end, so neighbours stay apart.
    assert float(year["width"]) == pytest.approx(976 - 3)  # the whole year (1000 less margins)
    assert float(year["x"]) == pytest.approx(12 + 1.5)
    assert float(quarter["width"]) == pytest.approx(976 * 91 / 365 - 3, abs=0.1)
    assert float(quarter["x"]) == pytest.approx(12 + 976 * 90 / 365 + 1.5, abs=0.1)
    assert float(day["width"]) == pytest.approx(6)  # a day, drawn wide enough to see
    assert year["title"].endswith(": 2015 (foreseen)")
    assert day["title"].endswith(": June 8, 2015 (held)")
    assert "<text" in page
    assert "Picture group</text>" in page


def test_picture_keeps_adjacent_periods_of_a_body_on_one_line(client: Client):
    marks = _marks(_page(client, f"{TIMETABLE}?body=wg-south-east-europe"))

    years = [marks[f"/meetings/wg-see-{year}/"] for year in (2014, 2015, 2016)]
    assert len({mark["y"] for mark in years}) == 1
    assert float(years[0]["x"]) + float(years[0]["width"]) < float(years[1]["x"])


def test_picture_tells_statuses_apart_without_colour(client: Client):
    body = BodyFactory()
    for status in ("foreseen", "scheduled", "held", "postponed", "cancelled"):
        MeetingFactory(
            body=body,
            slug=f"is-{status}",
            status=status,
            date=dt.date(2015, 6, 8),
            date_precision="day",
        )

    page = _page(client, f"{TIMETABLE}?body={body.slug}")
    marks = _marks(page)

    assert marks["/meetings/is-scheduled/"]["fill"] == "url(#tt-fill-scheduled)"
    assert marks["/meetings/is-postponed/"]["fill"] == "url(#tt-fill-postponed)"
    assert "fill" not in marks["/meetings/is-held/"]  # solid, from the stylesheet
    assert {m["class"] for m in marks.values()} == {
        "tt-foreseen",
        "tt-scheduled",
        "tt-held",
        "tt-postponed",
        "tt-cancelled",
    }
    cancelled = page[page.index('href="/meetings/is-cancelled/"') :]
    assert cancelled.index('class="tt-strike"') < cancelled.index("</a>")
    for words in (
        "Foreseen: dashed outline, empty",
        "Scheduled: hatched",
        "Held: filled",
        "Postponed: dotted",
        "Cancelled: struck through",
    ):
        assert words in page
    assert "style=" not in page
    assert "<script" not in page


def test_picture_runs_right_to_left_in_arabic(client: Client):
    body = BodyFactory()
    MeetingFactory(body=body, slug="early", date=dt.date(2015, 1, 5), date_precision="day")
    MeetingFactory(body=body, slug="late", date=dt.date(2016, 12, 1), date_precision="day")

    page = _page(client, f"/ar{TIMETABLE}?body={body.slug}")
    marks = _marks(page)

    assert 'dir="rtl"' in page
    assert float(marks["/ar/meetings/early/"]["x"]) > float(marks["/ar/meetings/late/"]["x"])


# --- filters --------------------------------------------------------------------------------

SOM_2015 = "Senior Officials&#x27; Meeting 2015"
WG_6 = "6th Meeting of the Working Group on the Silk Routes Region"
WG_8 = "8th Meeting of the Working Group on the Silk Routes Region"
SEE_2015 = "Working Group on the South East European Region, annual meeting 2015"
GFMD = "8th GFMD Summit Meeting"


def _titles(page: str) -> set[str]:
    return set(re.findall(r'class="tt-item-title" href="[^"]+">([^<]+)<', page))


@pytest.mark.parametrize(
    ("query", "shown", "not_shown"),
    [
        ("body=wg-silk-routes", {WG_6, WG_8}, {SOM_2015, SEE_2015}),
        ("type=senior-officials", {SOM_2015, "22nd Senior Officials&#x27; Meeting"}, {WG_6}),
        ("goal=irregular-migration", {WG_6}, {WG_8, SOM_2015}),
        ("country=pk", {WG_6}, {WG_8, GFMD}),
        ("country=IR", {WG_8}, {WG_6}),
        ("year=2015", {SOM_2015, WG_6, SEE_2015, GFMD}, {WG_8}),
        ("status=foreseen", {SOM_2015, SEE_2015}, {WG_6, GFMD}),
    ],
)
def test_timetable_filters_alone(client: Client, query, shown, not_shown):
    titles = _titles(_page(client, f"{TIMETABLE}?{query}"))

    assert shown <= titles
    assert not (not_shown & titles)


def test_timetable_filters_combined(client: Client):
    page = _page(client, f"{TIMETABLE}?type=working-group&year=2015&status=held")

    assert _titles(page) == {WG_6}
    assert "1 meeting" in page
    assert 'href="/timetable/">Clear the filters' in page
    assert '<option value="working-group" selected>' in page
    assert '<option value="2015" selected>' in page


def test_timetable_filters_combined_can_match_nothing(client: Client):
    page = _page(client, f"{TIMETABLE}?body=wg-black-sea&status=held")

    assert _titles(page) == set()
    assert "No meeting matches these filters." in page
    assert "<svg" not in page


def test_timetable_without_filters_lists_every_meeting(client: Client):
    page = _page(client, TIMETABLE)

    assert len(_titles(page)) == Meeting.objects.count()
    assert f"{Meeting.objects.count()} meetings" in page
    assert "Clear the filters" not in page


@pytest.mark.parametrize(
    ("query", "label", "value"),
    [
        ("body=no-such-body", "<strong>Body</strong> (<code>body</code>)", "no-such-body"),
        ("type=committee", "<strong>Type of body</strong> (<code>type</code>)", "committee"),
        ("goal=world-peace", "<strong>Priority goal</strong> (<code>goal</code>)", "world-peace"),
        ("country=XX", "<strong>Country</strong> (<code>country</code>)", "XX"),
        ("year=soon", "<strong>Year</strong> (<code>year</code>)", "soon"),
        ("status=maybe", "<strong>Status</strong> (<code>status</code>)", "maybe"),
    ],
)
def test_timetable_answers_an_invalid_filter_with_400_naming_it(
    client: Client, query, label, value
):
    page = _page(client, f"{TIMETABLE}?{query}", status=400)

    assert "Invalid filter" in page
    assert label in page
    assert f"“{value}”" in page
    assert 'href="/timetable/">Show the whole timetable' in page


def test_timetable_names_every_bad_filter_at_once(client: Client):
    page = _page(client, f"{TIMETABLE}?body=nope&year=2015&status=maybe", status=400)

    assert "(<code>body</code>)" in page
    assert "(<code>status</code>)" in page
    assert "(<code>year</code>)" not in page


def test_timetable_accepts_a_country_without_meetings(client: Client):
    page = _page(client, f"{TIMETABLE}?country=fr")

    assert "No meeting matches these filters." in page
    assert '<option value="FR" selected>France</option>' in page


def test_timetable_offers_the_feeds_of_the_chosen_body_and_goal(client: Client):
    page = _page(client, f"{TIMETABLE}?body=wg-silk-routes&goal=irregular-migration")

    feed = "calendar/timetable.ics?body=wg-silk-routes&amp;goal=irregular-migration"
    assert f'href="webcal://testserver/{feed}"' in page
    assert f'href="http://testserver/{feed}"' in page


# --- query counts ---------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3])
def test_timetable_costs_the_same_for_1_and_3_meetings(client, django_assert_num_queries, count):
    body = BodyFactory()
    country = CountryFactory(code="FR")
    host = StateFactory(country=country)
    goal = PriorityGoal.objects.get(code="trafficking")
    for n in range(count):
        meeting = MeetingFactory(
            body=body,
            date=dt.date(2015 + n, 3, 2),
            date_precision="day",
            status="held",
            city="Paris",
            country=country,
            host=host,
        )
        meeting.goals.add(goal)

    with django_assert_num_queries(10):  # +2: the data version, the footer's data date
        filtered = client.get(f"{TIMETABLE}?body={body.slug}")
    with django_assert_num_queries(8):  # the footer's date is counted already
        everything = client.get(TIMETABLE)

    assert len(_marks(filtered.content.decode())) == count
    assert len(_titles(filtered.content.decode())) == count
    assert f"{Meeting.objects.count()} meetings" in everything.content.decode()


# --- the meeting page -----------------------------------------------------------------------


def test_meeting_page_shows_the_facts_with_links(client: Client):
    page = _page(client, "/meetings/5th-ministerial-conference-2013/")

    assert "<h1>5th Budapest Process Ministerial Conference</h1>" in page
    assert 'href="/bodies/ministerial-conference/">Budapest Process Ministerial Conference' in page
    assert "<dt>Number</dt>\n  <dd>5</dd>" in page
    assert "April 19, 2013" in page
    assert "Held" in page
    assert 'Istanbul, <a href="/countries/tr/">' in page
    assert 'href="/organisations/turkey/">Turkey</a>' in page
    assert "<dd>250" in page
    assert "Another source gives: 230" in page  # the alternative participant count
    assert "<dd>53" in page
    assert "<dd>10" in page
    assert "Istanbul Ministerial Declaration" in page  # the description
    assert "Sources (sources disagree)" in page
    assert "over 230 representatives" in page  # the alternative's source
    assert "style=" not in page


def test_meeting_page_shows_the_alternative_date(client: Client):
    page = _page(client, "/meetings/som-2016/")

    assert "Dec. 15, 2016" in page
    assert "Another source gives: Dec. 15, 2017" in page


def test_meeting_page_of_a_multi_day_meeting_links_goals_and_feed(client: Client):
    page = _page(client, "/meetings/wg-silk-routes-2015/")

    assert "June 8, 2015 – June 9, 2015" in page
    assert 'href="/goals/irregular-migration/">Prevent and counteract irregular migration' in page
    assert "<dt>Participants</dt>\n  <dd>not stated" in page
    assert 'href="webcal://testserver/calendar/bodies/wg-silk-routes.ics"' in page
    assert "is in the calendar of the Working Group on the Silk Routes Region" in page


def test_meeting_page_of_a_year_only_meeting_says_what_is_not_known(client: Client):
    page = re.sub(r'<sup class="source-marks">.*?</sup>', "", _page(client, "/meetings/som-2015/"))

    assert '<dd>2015 <span class="muted">(known only to the year)</span>' in page
    assert "Jan. 1, 2015" not in page
    assert "<dt>Place</dt>\n  <dd>not stated</dd>" in page
    assert "<dt>Host</dt>\n  <dd>not stated</dd>" in page
    assert "a calendar shows it over its whole period, marked tentative" in page


def test_meeting_page_of_an_unknown_meeting_is_404(client: Client):
    assert client.get("/meetings/no-such-meeting/").status_code == 404


def _cite(record) -> None:
    """Give a record a citation and an alternative with its own citation, so that every
    provenance prefetch of a page has rows to load."""
    strategy = Source.objects.get(key="strategy")
    record.citations.create(source=strategy, section="2", quote="yearly")
    alternative = record.alternatives.create(field="participants", value="12")
    alternative.citations.create(source=strategy, section="2")


@pytest.mark.parametrize("count", [1, 3])
def test_meeting_page_costs_the_same_for_1_and_3_goals(client, django_assert_num_queries, count):
    meeting = MeetingFactory(
        body=Body.objects.get(slug="wg-silk-routes"),
        status="held",
        date=dt.date(2016, 5, 18),
        date_precision="day",
    )
    meeting.goals.add(*PriorityGoal.objects.order_by("code")[:count])
    _cite(meeting)
    client.get(meeting.get_absolute_url())  # content types are cached after the first use

    with django_assert_num_queries(6):
        response = client.get(meeting.get_absolute_url())

    page = response.content.decode()
    assert page.count('href="/goals/') == count + 1  # and the navigation's index of goals
    assert "Another source gives: 12" in page


# --- pages of a long timetable ------------------------------------------------------------------


def _item_links(page: str) -> list[str]:
    return re.findall(r'class="tt-item-title" href="([^"]+)"', page)


def test_a_long_timetable_is_paged_and_opens_at_the_present(client, settings):
    settings.TIMETABLE_PAGE_SIZE = 5
    total = Meeting.objects.count()
    pages = -(-total // 5)
    earliest = Meeting.objects.order_by("date", "end_date", "pk").first()

    default = client.get(TIMETABLE).content.decode()
    first = client.get(TIMETABLE, {"page": "1"}).content.decode()

    # Every meeting of the starter data lies before today: the last page is the present.
    assert f"Page {pages} of {pages}" in default
    assert f"{total} meetings" in default
    assert f"Page 1 of {pages}" in first
    assert len(_item_links(first)) == 5
    assert _item_links(first)[0] == f"/meetings/{earliest.slug}/"
    assert 'href="?page=2" rel="next"' in first


def test_the_pages_of_a_filtered_timetable_keep_the_filter(client, settings):
    settings.TIMETABLE_PAGE_SIZE = 2
    body = BodyFactory()
    for n in range(3):
        MeetingFactory(body=body, date=dt.date(2031 + n, 1, 10), date_precision="day")

    page = client.get(TIMETABLE, {"body": body.slug, "page": "1"}).content.decode()

    assert "3 meetings" in page
    assert f'href="?body={body.slug}&amp;page=2" rel="next"' in page
    assert len(_item_links(page)) == 2


def test_a_page_number_out_of_range_shows_the_last_page(client, settings):
    settings.TIMETABLE_PAGE_SIZE = 5
    pages = -(-Meeting.objects.count() // 5)

    response = client.get(TIMETABLE, {"page": "999"})

    assert response.status_code == 200
    assert f"Page {pages} of {pages}" in response.content.decode()


def test_page_size_puts_a_long_timetable_on_one_page(client, settings):
    settings.TIMETABLE_PAGE_SIZE = 5
    total = Meeting.objects.count()

    page = client.get(TIMETABLE, {"page_size": "200"}).content.decode()

    assert total > 5
    assert len(_item_links(page)) == total
    assert 'class="pagination"' not in page
    assert len(_marks(page)) == total


def test_the_pages_of_a_chosen_page_size_keep_it(client, settings):
    settings.TIMETABLE_PAGE_SIZE = 50
    pages = -(-Meeting.objects.count() // 3)

    page = client.get(TIMETABLE, {"page_size": "3", "page": "1"}).content.decode()

    assert len(_item_links(page)) == 3
    assert f"Page 1 of {pages}" in page
    assert 'href="?page_size=3&amp;page=2" rel="next"' in page


@pytest.mark.parametrize("value", ["0", "201", "all"])
def test_a_page_size_out_of_bounds_is_refused_by_name(client, value):
    page = _page(client, f"{TIMETABLE}?page_size={value}", status=400)

    assert "Meetings per page" in page
    assert "<code>page_size</code>" in page
    assert f"“{value}”" in page
