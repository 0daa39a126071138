"""The iCalendar feeds: all meetings, one body's, one goal's."""

import datetime as dt

import pytest
from django.test import Client
from icalendar import Calendar

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
        ("scheduled", "CONFIRMED"),
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

    assert str(events[UID.format("som-2014")]["STATUS"]) == "CONFIRMED"  # scheduled
    assert str(events[UID.format("som-2016")]["STATUS"]) == "CONFIRMED"  # held


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

    with django_assert_num_queries(2):
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
