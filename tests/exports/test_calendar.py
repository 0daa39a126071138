"""The iCalendar feeds: all meetings, one body's, one goal's."""

import datetime as dt

import pytest
from django.test import Client
from icalendar import Calendar

from silkroutes.core.models import Alternative
from silkroutes.meetings.models import Body, Meeting
from silkroutes.strategy.models import PriorityGoal
from tests.factories import BodyFactory, MeetingFactory

pytestmark = pytest.mark.django_db

TIMETABLE_FEED = "/calendar/timetable.ics"
UID = "meeting-{}@silkroutes.budapestprocess"


def _feed(client: Client, url: str = TIMETABLE_FEED, **headers) -> Calendar:
    response = client.get(url, **headers)
    assert response.status_code == 200
    return Calendar.from_ical(response.content)


def _events(calendar: Calendar) -> dict[str, object]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_timetable_feed_is_an_icalendar_file(client: Client):
    response = client.get(TIMETABLE_FEED)

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="silk-routes-timetable.ics"'
    assert "max-age=3600" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "Silk Routes Partnership: timetable"
    events = _events(calendar)
    assert UID.format("5th-ministerial-conference-2013") in events
    assert len(events) == Meeting.objects.filter(date_precision="day").count()


def test_feed_uids_are_stable_across_requests(client: Client):
    first = _events(_feed(client))
    second = _events(_feed(client))

    assert set(first) == set(second)
    assert UID.format("wg-silk-routes-2015") in first
    assert all(uid.startswith("meeting-") for uid in first)
    assert all(uid.endswith("@silkroutes.budapestprocess") for uid in first)


def test_multi_day_meeting_is_an_all_day_event_over_its_days(client: Client):
    response = client.get(TIMETABLE_FEED)
    event = _events(Calendar.from_ical(response.content))[UID.format("wg-silk-routes-2015")]

    assert event.decoded("DTSTART") == dt.date(2015, 6, 8)
    assert event.decoded("DTEND") == dt.date(2015, 6, 10)  # exclusive: the day after 9 June
    assert not isinstance(event.decoded("DTSTART"), dt.datetime)
    assert b"DTSTART;VALUE=DATE:20150608" in response.content
    assert b"DTEND;VALUE=DATE:20150610" in response.content
    assert str(event["SUMMARY"]) == "6th Meeting of the Working Group on the Silk Routes Region"
    assert str(event["LOCATION"]) == "Islamabad, Pakistan"


def test_one_day_meeting_ends_the_next_day(client: Client):
    event = _events(_feed(client))[UID.format("5th-ministerial-conference-2013")]

    assert event.decoded("DTSTART") == dt.date(2013, 4, 19)
    assert event.decoded("DTEND") == dt.date(2013, 4, 20)


def test_url_points_to_the_meeting_page(client: Client):
    event = _events(_feed(client))[UID.format("wg-silk-routes-2015")]

    assert str(event["URL"]) == "http://testserver/meetings/wg-silk-routes-2015/"
    assert client.get("/meetings/wg-silk-routes-2015/").status_code == 200


def test_feed_is_in_the_default_language_for_every_subscriber(client: Client):
    event = _events(_feed(client, HTTP_ACCEPT_LANGUAGE="ru"))[UID.format("wg-silk-routes-2015")]

    assert str(event["URL"]) == "http://testserver/meetings/wg-silk-routes-2015/"


def test_foreseen_year_only_meetings_are_on_no_day(client: Client):
    calendar = _feed(client)
    events = _events(calendar)

    for slug in ("som-2015", "wg-see-2014", "wg-black-sea-2016", "wg-silk-routes-2014"):
        assert UID.format(slug) not in events
    starts = {event.decoded("DTSTART") for event in events.values()}
    assert dt.date(2014, 1, 1) not in starts
    assert dt.date(2015, 1, 1) not in starts
    assert dt.date(2016, 1, 1) not in starts
    description = str(calendar["DESCRIPTION"])  # also in X-WR-CALDESC, escaped as TEXT
    assert "8 meetings known only to the month, quarter or year are not in this calendar" in (
        description
    )
    assert "http://testserver/timetable/" in description


def test_month_and_quarter_meetings_are_left_out_too(client: Client):
    body = BodyFactory()
    MeetingFactory(body=body, slug="in-a-month", date=dt.date(2015, 6, 1), date_precision="month")
    MeetingFactory(
        body=body, slug="in-a-quarter", date=dt.date(2015, 4, 1), date_precision="quarter"
    )

    calendar = _feed(client, f"/calendar/bodies/{body.slug}.ics")

    assert _events(calendar) == {}
    assert "2 meetings known only to the month, quarter or year" in str(calendar["DESCRIPTION"])


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("foreseen", "TENTATIVE"),
        ("scheduled", "TENTATIVE"),
        ("held", "CONFIRMED"),
        ("postponed", "TENTATIVE"),
        ("cancelled", "CANCELLED"),
    ],
)
def test_status_maps_to_the_icalendar_status(client: Client, status, expected):
    meeting = MeetingFactory(
        status=status, date=dt.date(2016, 3, 1), date_precision="day", title="Status check"
    )

    event = _events(_feed(client))[UID.format(meeting.slug)]

    assert str(event["STATUS"]) == expected


def test_postponed_and_cancelled_say_so_in_the_summary(client: Client):
    postponed = MeetingFactory(
        status="postponed", date=dt.date(2016, 3, 1), date_precision="day", title="Expert meeting"
    )
    cancelled = MeetingFactory(
        status="cancelled", date=dt.date(2016, 4, 1), date_precision="day", title="Other meeting"
    )

    events = _events(_feed(client))

    assert str(events[UID.format(postponed.slug)]["SUMMARY"]) == "Postponed: Expert meeting"
    assert str(events[UID.format(cancelled.slug)]["SUMMARY"]) == "Cancelled: Other meeting"


def test_starter_meetings_have_their_statuses(client: Client):
    events = _events(_feed(client))

    assert str(events[UID.format("som-2014")]["STATUS"]) == "TENTATIVE"  # scheduled
    assert str(events[UID.format("wg-silk-routes-2016")]["STATUS"]) == "CONFIRMED"  # held
    # Held, but another source gives another date (2017 for both): not confirmed.
    assert str(events[UID.format("som-2016")]["STATUS"]) == "TENTATIVE"
    assert str(events[UID.format("relec-2016-12")]["STATUS"]) == "TENTATIVE"
    assert "Another source gives another date" in str(events[UID.format("som-2016")]["DESCRIPTION"])


def test_sequence_rises_when_the_meeting_changes(client: Client):
    meeting = MeetingFactory(status="scheduled", date=dt.date(2016, 3, 1), date_precision="day")
    before = _events(_feed(client))[UID.format(meeting.slug)]

    meeting.status, meeting.revision = "postponed", meeting.revision + 1
    meeting.save()
    after = _events(_feed(client))[UID.format(meeting.slug)]

    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert str(after["STATUS"]) == "TENTATIVE"


def test_body_feed_holds_only_the_bodys_meetings(client: Client):
    response = client.get("/calendar/bodies/wg-silk-routes.ics")
    calendar = Calendar.from_ical(response.content)

    assert set(_events(calendar)) == {
        UID.format("wg-silk-routes-2015"),
        UID.format("wg-silk-routes-2016"),
    }
    assert "Working Group on the Silk Routes Region" in str(calendar["X-WR-CALNAME"])
    assert "1 meeting known only to the month, quarter or year is not in this calendar" in str(
        calendar["DESCRIPTION"]
    )
    assert (
        response["Content-Disposition"] == 'attachment; filename="silk-routes-wg-silk-routes.ics"'
    )


def test_goal_feed_holds_the_meetings_serving_the_goal(client: Client):
    calendar = _feed(client, "/calendar/goals/international-protection.ics")

    assert set(_events(calendar)) == {UID.format("wg-silk-routes-2016")}
    assert "Promote international protection" in str(calendar["X-WR-CALNAME"])


@pytest.mark.parametrize(
    "url", ["/calendar/bodies/no-such-body.ics", "/calendar/goals/no-such-goal.ics"]
)
def test_feed_of_an_unknown_body_or_goal_is_404(client: Client, url):
    assert client.get(url).status_code == 404


def _add_meetings(body: Body, goal: PriorityGoal, count: int) -> None:
    for n in range(count):
        meeting = MeetingFactory(
            body=body,
            status="held",
            date=dt.date(2015, 3, 2 + n),
            date_precision="day",
            city="Paris",
            country=Meeting.objects.get(slug="som-2016").country,
        )
        meeting.goals.add(goal)


@pytest.mark.parametrize("count", [1, 3])
def test_feeds_cost_the_same_for_1_and_3_meetings(client, django_assert_num_queries, count):
    body = BodyFactory()
    goal = PriorityGoal.objects.create(code="test-goal", name="A goal for the test")
    _add_meetings(body, goal, count)

    with django_assert_num_queries(3):  # the data version (then kept in the cache), 2 for the feed
        everything = client.get(TIMETABLE_FEED)
    with django_assert_num_queries(3):
        of_body = client.get(f"/calendar/bodies/{body.slug}.ics")
    with django_assert_num_queries(3):
        of_goal = client.get(f"/calendar/goals/{goal.code}.ics")

    assert len(_events(Calendar.from_ical(of_body.content))) == count
    assert len(_events(Calendar.from_ical(of_goal.content))) == count
    assert len(_events(Calendar.from_ical(everything.content))) == (
        Meeting.objects.filter(date_precision="day").count()
    )


def test_a_feed_holds_the_latest_meetings_and_says_how_many_earlier_ones_it_leaves_out(
    client: Client, settings
):
    settings.CALENDAR_FEED_LIMIT = 3
    dated = Meeting.objects.filter(date_precision="day").order_by("-date", "-end_date", "-pk")
    latest = [meeting.slug for meeting in dated[:3]]

    calendar = _feed(client)

    events = list(calendar.walk("VEVENT"))
    assert [str(event["UID"]) for event in events] == [
        UID.format(slug) for slug in reversed(latest)
    ]
    description = str(calendar["DESCRIPTION"])
    assert (
        f"{dated.count() - 3} earlier meetings are not in this calendar, which holds the latest 3"
        in description
    )
    assert "8 meetings known only to the month, quarter or year are not in this calendar" in (
        description
    )


def test_a_held_meeting_whose_date_a_source_disputes_is_tentative(client: Client):
    meeting = MeetingFactory(status="held", date=dt.date(2016, 3, 1), date_precision="day")
    Alternative.objects.create(record=meeting, field="date", value="2016-04-01")
    Alternative.objects.create(record=meeting, field="participants", value="30")

    event = _events(_feed(client))[UID.format(meeting.slug)]

    assert str(event["STATUS"]) == "TENTATIVE"


# --- meetings whose day is not known ----------------------------------------------------------

DAY_NOT_KNOWN_FEED = "/calendar/day-not-known.ics"


def test_meetings_known_only_to_a_period_are_in_their_own_tentative_feed(client: Client):
    body = BodyFactory()
    MeetingFactory(body=body, slug="in-a-month", date=dt.date(2015, 6, 1), date_precision="month")
    MeetingFactory(
        body=body, slug="in-a-quarter", date=dt.date(2015, 4, 1), date_precision="quarter"
    )
    MeetingFactory(body=body, slug="on-a-day", date=dt.date(2015, 5, 4), date_precision="day")

    calendar = _feed(client, f"{DAY_NOT_KNOWN_FEED}?body={body.slug}")

    events = _events(calendar)
    assert set(events) == {UID.format("in-a-month"), UID.format("in-a-quarter")}
    month, quarter = events[UID.format("in-a-month")], events[UID.format("in-a-quarter")]
    assert (month.decoded("DTSTART"), month.decoded("DTEND")) == (
        dt.date(2015, 6, 1),
        dt.date(2015, 7, 1),
    )
    assert (quarter.decoded("DTSTART"), quarter.decoded("DTEND")) == (
        dt.date(2015, 4, 1),
        dt.date(2015, 7, 1),
    )
    assert {str(event["STATUS"]) for event in events.values()} == {"TENTATIVE"}
    assert str(month["SUMMARY"]).endswith("(June 2015, day not known)")
    assert "day not known (tentative)" in str(calendar["NAME"])
    assert "never on a day it does not have" in str(calendar["DESCRIPTION"])


@pytest.mark.parametrize(
    ("body", "meetings"), [("wg-black-sea", "wg-black-sea"), ("wg-south-east-europe", "wg-see")]
)
def test_the_working_groups_known_only_to_the_year_have_a_feed_with_their_meetings(
    client: Client, body, meetings
):
    """Their three annual meetings (2014-2016) are known only to the year: the body page's
    subscription to "day not known" holds them, each over its year."""
    page = client.get(f"/bodies/{body}/").content.decode()
    link = f"webcal://testserver/calendar/day-not-known.ics?body={body}"
    assert f'href="{link}"' in page

    calendar = _feed(client, link.replace("webcal://testserver", ""))

    events = _events(calendar)
    assert set(events) == {UID.format(f"{meetings}-{year}") for year in (2014, 2015, 2016)}
    event_2015 = events[UID.format(f"{meetings}-2015")]
    assert event_2015.decoded("DTSTART") == dt.date(2015, 1, 1)
    assert event_2015.decoded("DTEND") == dt.date(2016, 1, 1)
    assert str(event_2015["STATUS"]) == "TENTATIVE"


def test_the_feed_of_meetings_on_a_day_points_to_the_feed_of_the_others(client: Client):
    calendar = _feed(client, "/calendar/bodies/wg-black-sea.ics")

    assert _events(calendar) == {}
    assert "http://testserver/calendar/day-not-known.ics?body=wg-black-sea" in str(
        calendar["DESCRIPTION"]
    )


# --- the file of one meeting ------------------------------------------------------------------


def test_one_meeting_is_a_file_of_its_own(client: Client):
    response = client.get("/calendar/meetings/wg-silk-routes-2015.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="wg-silk-routes-2015.ics"'
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["METHOD"]) == "PUBLISH"
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == UID.format("wg-silk-routes-2015")  # the feeds' UID
    assert event.decoded("DTSTART") == dt.date(2015, 6, 8)
    assert event.decoded("DTEND") == dt.date(2015, 6, 10)
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["SUMMARY"]) == "6th Meeting of the Working Group on the Silk Routes Region"


def test_the_file_of_a_year_only_meeting_covers_its_year_tentatively(client: Client):
    (event,) = _feed(client, "/calendar/meetings/som-2015.ics").walk("VEVENT")

    assert event.decoded("DTSTART") == dt.date(2015, 1, 1)
    assert event.decoded("DTEND") == dt.date(2016, 1, 1)
    assert str(event["STATUS"]) == "TENTATIVE"
    assert str(event["SUMMARY"]) == "Senior Officials' Meeting 2015 (2015, day not known)"


def test_the_file_of_an_unknown_meeting_is_404(client: Client):
    assert client.get("/calendar/meetings/no-such-meeting.ics").status_code == 404


# --- the timetable's filters ------------------------------------------------------------------


def test_a_filtered_feed_holds_only_the_meetings_the_filtered_timetable_lists(client: Client):
    calendar = _feed(client, f"{TIMETABLE_FEED}?year=2015&status=held")

    assert set(_events(calendar)) == {
        UID.format("wg-silk-routes-2015"),
        UID.format("gfmd-summit-8-2015"),
    }
    assert str(calendar["NAME"]) == "Silk Routes Partnership: 2015, held"


def test_a_feed_filtered_by_country_body_and_goal(client: Client):
    by_country = _feed(client, f"{TIMETABLE_FEED}?country=pk")
    by_body_and_goal = _feed(
        client, f"{TIMETABLE_FEED}?body=wg-silk-routes&goal=international-protection"
    )

    assert set(_events(by_country)) == {UID.format("wg-silk-routes-2015")}
    assert set(_events(by_body_and_goal)) == {UID.format("wg-silk-routes-2016")}
    assert str(by_body_and_goal["NAME"]) == (
        "Silk Routes Partnership: Working Group on the Silk Routes Region, "
        "goal “Promote international protection”"
    )


def test_a_day_not_known_feed_follows_the_filters_too(client: Client):
    calendar = _feed(client, f"{DAY_NOT_KNOWN_FEED}?year=2015&type=senior-officials")

    assert set(_events(calendar)) == {UID.format("som-2015")}


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("?ordering=date", "ordering"),
        ("?body=no-such-body", "Body"),
        ("?year=soon", "Year"),
        ("?country=XX", "Country"),
        ("?status=maybe", "Status"),
    ],
)
@pytest.mark.parametrize("feed", [TIMETABLE_FEED, DAY_NOT_KNOWN_FEED])
def test_a_feed_refuses_a_filter_the_timetable_refuses(client: Client, feed, query, named):
    response = client.get(feed + query)

    assert response.status_code == 400
    assert named in response.content.decode()


# --- languages --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "name", "status"),
    [
        ("ru", "Партнёрство", "Статус: проведено"),
        ("ar", "شراكة", "الحالة: معقود"),
    ],
)
def test_feeds_in_russian_and_arabic(client: Client, language, name, status):
    meeting = Meeting.objects.get(slug="wg-silk-routes-2015")
    meeting.title_ru = "6-е заседание Рабочей группы по региону Шёлкового пути"
    meeting.title_ar = "الاجتماع السادس للفريق العامل المعني بمنطقة طرق الحرير"
    meeting.save()

    calendar = _feed(client, f"/{language}/calendar/timetable.ics")

    event = _events(calendar)[UID.format("wg-silk-routes-2015")]
    assert name in str(calendar["NAME"])
    assert str(event["SUMMARY"]) == getattr(meeting, f"title_{language}")
    assert status in str(event["DESCRIPTION"])
    assert str(event["URL"]) == f"http://testserver/{language}/meetings/wg-silk-routes-2015/"
    day_not_known = _feed(client, f"/{language}/calendar/day-not-known.ics")
    assert name in str(day_not_known["NAME"])
    assert "tentative" not in str(day_not_known["NAME"])


# --- links on the pages -----------------------------------------------------------------------


def test_timetable_page_offers_subscriptions_with_its_filters(client: Client):
    page = client.get("/timetable/?year=2015&goal=irregular-migration").content.decode()

    query = "goal=irregular-migration&amp;year=2015"
    assert f'href="webcal://testserver/calendar/timetable.ics?{query}"' in page
    assert f'href="webcal://testserver/calendar/day-not-known.ics?{query}"' in page
    assert f'href="http://testserver/calendar/timetable.ics?{query}"' in page


def test_meeting_page_offers_its_file_and_subscriptions_in_its_language(client: Client):
    page = client.get("/ru/meetings/wg-silk-routes-2015/").content.decode()

    assert 'href="http://testserver/ru/calendar/meetings/wg-silk-routes-2015.ics"' in page
    assert 'href="webcal://testserver/ru/calendar/bodies/wg-silk-routes.ics"' in page
    assert 'href="webcal://testserver/ru/calendar/day-not-known.ics?body=wg-silk-routes"' in page


@pytest.mark.parametrize("count", [1, 3])
def test_filtered_feeds_and_the_meeting_file_cost_the_same_for_1_and_3_meetings(
    client, django_assert_num_queries, count
):
    body = BodyFactory()
    goal = PriorityGoal.objects.get(code="trafficking")
    _add_meetings(body, goal, count)
    slug = Meeting.objects.filter(body=body).first().slug

    # The data version (then kept in the cache), the body, the goal, the counts, the meetings.
    with django_assert_num_queries(5):
        filtered = client.get(f"{TIMETABLE_FEED}?body={body.slug}&goal={goal.code}&year=2015")
    with django_assert_num_queries(3):
        day_not_known = client.get(f"{DAY_NOT_KNOWN_FEED}?body={body.slug}")
    with django_assert_num_queries(1):
        one = client.get(f"/calendar/meetings/{slug}.ics")

    assert len(_events(Calendar.from_ical(filtered.content))) == count
    assert len(_events(Calendar.from_ical(day_not_known.content))) == 0
    assert len(_events(Calendar.from_ical(one.content))) == 1
