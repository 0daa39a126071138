"""iCalendar (RFC 5545) events and calendars of the timetable; the views are in
``calendar_views.py``.

The rules (docs/decisions/0006-calendar-and-fuzzy-dates.md):
- a meeting known to the day is an all-day event: DTSTART and DTEND are DATE values, DTEND the
  day after the last day (exclusive), so a two-day meeting spans two days; these are the feeds
  of meetings "known to the day";
- a meeting known only to the month, quarter or year is never put on a day: it is an all-day
  event over its whole period, always TENTATIVE (CANCELLED if called off), in separate feeds
  named "day not known", so that a subscriber chooses to see such periods;
- UID ``meeting-<slug>@silkroutes.budapestprocess``: the slug is the meeting's stable key, and a
  meeting keeps its UID when its day becomes known;
- STATUS: held with a date no source disputes is CONFIRMED; held with a disputed date,
  scheduled, foreseen and postponed are TENTATIVE; cancelled is CANCELLED; SEQUENCE is the
  meeting's revision counter (``Meeting.revision``, raised by every change the services make);
- texts are in the language of the URL (``/ru/calendar/…``, ``/ar/calendar/…``; English without
  a prefix), whatever the subscriber's browser asks for;
- every stored text passes through ``clean_for_output`` (``one_line`` for the one-line
  properties): iCalendar TEXT allows no control character, and icalendar writes one as it is.
"""

import datetime as dt

from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vDuration, vText

from silkroutes.core.fuzzydates import Precision
from silkroutes.core.text import clean_for_output, one_line
from silkroutes.meetings.models import Meeting, MeetingStatus
from silkroutes.meetings.presenters import MeetingRow

UID_DOMAIN = "silkroutes.budapestprocess"
PRODID = "-//Budapest Process//Silk Routes Partnership Platform//EN"
REFRESH_INTERVAL = dt.timedelta(hours=6)


def meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.slug}@{UID_DOMAIN}"


def sequence_of(meeting: Meeting) -> int:
    """RFC 5545 SEQUENCE: rises whenever the meeting changes. The meetings services add one to
    ``revision`` on every change of the meeting row (dates, place, status, title)."""
    return meeting.revision


def is_known_to_the_day(meeting: Meeting) -> bool:
    return meeting.date_precision == Precision.DAY


def calendar_status(meeting: Meeting) -> str:
    """CONFIRMED only for what is certain: a meeting held on a day no other source disputes.
    A meeting not (yet) held, or one whose date a source disputes, is TENTATIVE.
    ``date_disputed`` is annotated by ``with_disputed_date``."""
    if meeting.status == MeetingStatus.CANCELLED:
        return "CANCELLED"
    if meeting.status == MeetingStatus.HELD and not meeting.date_disputed:
        return "CONFIRMED"
    return "TENTATIVE"


def _summary(row: MeetingRow) -> str:
    meeting = row.meeting
    title = row.title
    if meeting.status == MeetingStatus.POSTPONED:
        title = _("Postponed: %(title)s") % {"title": title}
    elif meeting.status == MeetingStatus.CANCELLED:
        title = _("Cancelled: %(title)s") % {"title": title}
    if not is_known_to_the_day(meeting):
        # Several clients show neither STATUS nor the length of an event: the title says it.
        title = _("%(title)s (%(when)s, day not known)") % {"title": title, "when": row.when}
    return title


def _details(row: MeetingRow, url: str) -> str:
    meeting = row.meeting
    lines = [
        _("%(body)s. Status: %(status)s.") % {"body": row.body_name, "status": row.status_label}
    ]
    if meeting.date_disputed:
        lines.append(_("Another source gives another date; see the meeting page."))
    if not is_known_to_the_day(meeting):
        lines.append(
            _(
                "The day of this meeting is not known: it is planned for %(when)s, and this "
                "entry covers that whole period."
            )
            % {"when": row.when}
        )
    lines += [meeting.description, url]
    return clean_for_output("\n\n".join(line for line in lines if line))


def meeting_event(row: MeetingRow, *, url: str, stamp: dt.datetime) -> Event:
    """The VEVENT of a meeting: over its days, or over the whole period it is known to."""
    meeting = row.meeting
    last_day = meeting.end_date or meeting.when.last_day
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", stamp)
    event.add("dtstart", meeting.date)
    event.add("dtend", last_day + dt.timedelta(days=1))
    event.add("summary", one_line(_summary(row)))
    event.add("status", calendar_status(meeting))
    event.add("sequence", sequence_of(meeting))
    event.add("transp", "TRANSPARENT")
    event.add("url", url)
    event.add("categories", [one_line(row.body_name)])
    location = one_line(row.place or "")
    if location:
        event.add("location", location)
    event.add("description", _details(row, url))
    return event


def new_calendar(name: str, description: str) -> Calendar:
    """An empty calendar with its name and description (also as the X-WR- properties that
    Apple's and Google's calendars read) and how often a subscriber should refresh it."""
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
    return calendar
