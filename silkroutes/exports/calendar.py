"""iCalendar feeds (RFC 5545) of the timetable: all meetings, one body's, one goal's.

The rules (docs/decisions/0006-calendar-and-fuzzy-dates.md):
- one VEVENT per meeting known to the day, as an all-day event: DTSTART and DTEND are DATE
  values, DTEND the day after the last day (exclusive), so a two-day meeting spans two days;
- a meeting known only to the month, quarter or year is left out, because every calendar
  program would show it on a day it does not have; the feed's description says how many were
  left out and where the timetable shows them;
- UID ``meeting-<slug>@silkroutes.budapestprocess``: the slug is the meeting's stable key;
- STATUS: foreseen and postponed are TENTATIVE, scheduled and held CONFIRMED, cancelled
  CANCELLED; SEQUENCE is the meeting's revision counter (``Meeting.revision``, raised by every
  change the meetings services make);
- the feeds are in the site's default language, whatever the subscriber's browser asks for;
- a feed holds the latest ``CALENDAR_FEED_LIMIT`` (500) meetings known to the day, so that it does
  not grow with the years; its description says how many earlier ones the timetable lists;
- every stored text passes through ``clean_for_output`` (``one_line`` for the one-line
  properties): iCalendar TEXT allows no control character, and icalendar writes one as it is.
"""

import datetime as dt

from django.conf import settings
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from icalendar import Calendar, Event, vDuration, vText

from silkroutes.core.fuzzydates import Precision
from silkroutes.core.text import clean_for_output, one_line
from silkroutes.meetings.models import Body, Meeting, MeetingStatus
from silkroutes.meetings.presenters import MeetingRow, meeting_rows
from silkroutes.meetings.queries import timetable_meetings
from silkroutes.strategy.models import PriorityGoal

UID_DOMAIN = "silkroutes.budapestprocess"
PRODID = "-//Budapest Process//Silk Routes Partnership Platform//EN"
CACHE_SECONDS = 60 * 60
REFRESH_INTERVAL = dt.timedelta(hours=6)

CALENDAR_STATUS = {
    MeetingStatus.FORESEEN: "TENTATIVE",
    MeetingStatus.POSTPONED: "TENTATIVE",
    MeetingStatus.SCHEDULED: "CONFIRMED",
    MeetingStatus.HELD: "CONFIRMED",
    MeetingStatus.CANCELLED: "CANCELLED",
}


def meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.slug}@{UID_DOMAIN}"


def sequence_of(meeting: Meeting) -> int:
    """RFC 5545 SEQUENCE: rises whenever the meeting changes. The meetings services add one to
    ``revision`` on every change of the meeting row (dates, place, status, title)."""
    return meeting.revision


def is_in_calendar(meeting: Meeting) -> bool:
    """Only a meeting known to the day can be put on a calendar without inventing a day."""
    return meeting.date_precision == Precision.DAY


def _summary(meeting: Meeting) -> str:
    if meeting.status == MeetingStatus.POSTPONED:
        return _("Postponed: %(title)s") % {"title": meeting.title}
    if meeting.status == MeetingStatus.CANCELLED:
        return _("Cancelled: %(title)s") % {"title": meeting.title}
    return meeting.title


def meeting_event(row: MeetingRow, *, url: str, stamp: dt.datetime) -> Event:
    """The VEVENT of a meeting known to the day."""
    meeting = row.meeting
    last_day = meeting.end_date or meeting.date
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", stamp)
    event.add("dtstart", meeting.date)
    event.add("dtend", last_day + dt.timedelta(days=1))
    event.add("summary", one_line(_summary(meeting)))
    event.add("status", CALENDAR_STATUS[meeting.status])
    event.add("sequence", sequence_of(meeting))
    event.add("transp", "TRANSPARENT")
    event.add("url", url)
    event.add("categories", [one_line(row.body_name)])
    location = one_line(row.place or "")
    if location:
        event.add("location", location)
    lines = [
        _("%(body)s. Status: %(status)s.") % {"body": row.body_name, "status": row.status_label},
        meeting.description,
        url,
    ]
    event.add("description", clean_for_output("\n\n".join(line for line in lines if line)))
    return event


def _description(request, scope: str, left_out: int, earlier: int) -> str:
    text = scope
    timetable = request.build_absolute_uri(reverse("portal:timetable"))
    if left_out:
        text += " " + ngettext(
            "%(count)d meeting known only to the month, quarter or year is not in this "
            "calendar, because a calendar would show it on a day it does not have; the "
            "timetable lists it: %(url)s",
            "%(count)d meetings known only to the month, quarter or year are not in this "
            "calendar, because a calendar would show them on a day they do not have; the "
            "timetable lists them: %(url)s",
            left_out,
        ) % {"count": left_out, "url": timetable}
    if earlier:
        text += " " + ngettext(
            "%(count)d earlier meeting is not in this calendar, which holds the latest "
            "%(limit)d; the timetable lists it: %(url)s",
            "%(count)d earlier meetings are not in this calendar, which holds the latest "
            "%(limit)d; the timetable lists them: %(url)s",
            earlier,
        ) % {"count": earlier, "limit": settings.CALENDAR_FEED_LIMIT, "url": timetable}
    return text


def _feed(request, meetings, *, name: str, scope: str, filename: str) -> HttpResponse:
    """The latest ``CALENDAR_FEED_LIMIT`` meetings known to the day, oldest first: what a
    subscriber's calendar needs (every coming meeting and the recent past) at a size that does not
    grow with the years. Two queries whatever the number of meetings."""
    on_a_day = Q(date_precision=Precision.DAY)
    counts = meetings.order_by().aggregate(
        dated=Count("pk", filter=on_a_day), undated=Count("pk", filter=~on_a_day)
    )
    limit = settings.CALENDAR_FEED_LIMIT
    latest = meetings.filter(on_a_day).order_by("-date", "-end_date", "-pk")[:limit]
    dated = list(reversed(latest))
    description = _description(request, scope, counts["undated"], counts["dated"] - len(dated))
    name, description = one_line(name), clean_for_output(description)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", name)
    calendar.add("x-wr-calname", vText(name))
    calendar.add("description", description)
    calendar.add("x-wr-caldesc", vText(description))
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
    stamp = timezone.now().replace(microsecond=0)
    for row in meeting_rows(dated):
        url = request.build_absolute_uri(row.url)
        calendar.add_component(meeting_event(row, url=url, stamp=stamp))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response


def timetable_feed(request):
    with translation.override(settings.LANGUAGE_CODE):
        return _feed(
            request,
            timetable_meetings(),
            name=_("Silk Routes Partnership: timetable"),
            scope=_("All meetings of the Budapest Process Silk Routes Partnership for Migration."),
            filename="silk-routes-timetable.ics",
        )


def body_feed(request, slug):
    body = get_object_or_404(Body, slug=slug)
    with translation.override(settings.LANGUAGE_CODE):
        return _feed(
            request,
            timetable_meetings(body=body.slug),
            name=_("Silk Routes Partnership: %(body)s") % {"body": body.name},
            scope=_("Meetings of the %(body)s.") % {"body": body.name},
            filename=f"silk-routes-{body.slug}.ics",
        )


def goal_feed(request, code):
    goal = get_object_or_404(PriorityGoal, code=code)
    with translation.override(settings.LANGUAGE_CODE):
        return _feed(
            request,
            timetable_meetings(goal=goal.code),
            name=_("Silk Routes Partnership: goal “%(goal)s”") % {"goal": goal.name},
            scope=_("Meetings that serve the priority goal “%(goal)s”.") % {"goal": goal.name},
            filename=f"silk-routes-goal-{goal.code}.ics",
        )
