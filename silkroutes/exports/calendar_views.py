"""The calendar feeds and the file of one meeting (docs/decisions/0006-calendar-and-fuzzy-dates.md).

A feed takes the timetable's own filters (``TimetableFilters``: the same names, the same
values, an unknown parameter or a value that names nothing is a 400, as on the timetable), so
that the feed of a filtered timetable holds what the page lists. Its texts are in the language
of its URL.
"""

from django.conf import settings
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries as iso_countries

from silkroutes.core.fuzzydates import Precision
from silkroutes.meetings.models import Body, MeetingStatus
from silkroutes.meetings.presenters import meeting_rows
from silkroutes.meetings.queries import meetings_for_listing, timetable_meetings, with_disputed_date
from silkroutes.portal.allow_lists import reads_parameters
from silkroutes.portal.views.timetable import TimetableFilters
from silkroutes.strategy.models import PriorityGoal
from silkroutes.strategy.queries import goals_in_order

from .calendar import meeting_event, new_calendar

CACHE_SECONDS = 60 * 60
ON_A_DAY = Q(date_precision=Precision.DAY)
FILTERS = tuple(TimetableFilters.base_fields)


def _ics(calendar, filename: str) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response


def _add_events(request, calendar, meetings) -> None:
    stamp = timezone.now().replace(microsecond=0)
    for row in meeting_rows(meetings):
        url = request.build_absolute_uri(row.url)
        calendar.add_component(meeting_event(row, url=url, stamp=stamp))


# --- Filters -------------------------------------------------------------------------------


def _filters_for(request) -> TimetableFilters:
    """The timetable's form, offered only the body and goal asked for (none when none is
    asked for): the value is checked against the same records, in at most one query each."""
    body, goal = request.GET.get("body"), request.GET.get("goal")
    return TimetableFilters(
        request.GET,
        bodies=list(Body.objects.filter(slug=body)) if body else [],
        goals=list(goals_in_order().prefetch_related(None).filter(code=goal)) if goal else [],
        countries=[],
        years=[],
    )


def _chosen(filters: TimetableFilters) -> list[str]:
    """The chosen filters in words, in the order of the form: for the calendar's name."""
    data = filters.cleaned_data
    words = {
        "body": dict(filters.fields["body"].choices).get(data["body"]),
        "type": data["type"] and Body.Kind(data["type"]).label,
        "goal": data["goal"]
        and _("goal “%(goal)s”") % {"goal": dict(filters.fields["goal"].choices)[data["goal"]]},
        "country": data["country"] and iso_countries.name(data["country"]),
        "year": data["year"] and str(data["year"]),
        "status": data["status"] and MeetingStatus(data["status"]).label,
    }
    return [str(words[name]) for name in FILTERS if data[name] not in ("", None)]


def _bad_filters(filters: TimetableFilters) -> list[tuple[str, str, str, list[str]]]:
    return [
        (name, str(filters.fields[name].label), filters.data.get(name, ""), list(messages))
        for name, messages in filters.errors.items()
    ]


def _invalid(request, filters: TimetableFilters) -> HttpResponse:
    context = {"bad_filters": _bad_filters(filters)}
    return render(request, "portal/timetable/invalid_filter.html", context, status=400)


# --- Feeds ---------------------------------------------------------------------------------


def _left_out(request, query: dict, *, left_out: int = 0, earlier: int = 0) -> str:
    text = ""
    suffix = "?" + urlencode(query) if query else ""
    timetable = request.build_absolute_uri(reverse("portal:timetable") + suffix)
    if left_out:
        elsewhere = request.build_absolute_uri(reverse("calendar:day_not_known") + suffix)
        text += " " + ngettext(
            "%(count)d meeting known only to the month, quarter or year is not in this "
            "calendar, because a calendar would show it on a day it does not have; the "
            "timetable lists it (%(timetable)s), and so does the calendar of meetings whose "
            "day is not known: %(url)s",
            "%(count)d meetings known only to the month, quarter or year are not in this "
            "calendar, because a calendar would show them on a day they do not have; the "
            "timetable lists them (%(timetable)s), and so does the calendar of meetings whose "
            "day is not known: %(url)s",
            left_out,
        ) % {"count": left_out, "timetable": timetable, "url": elsewhere}
    if earlier:
        text += " " + ngettext(
            "%(count)d earlier meeting is not in this calendar, which holds the latest "
            "%(limit)d; the timetable lists it: %(url)s",
            "%(count)d earlier meetings are not in this calendar, which holds the latest "
            "%(limit)d; the timetable lists them: %(url)s",
            earlier,
        ) % {"count": earlier, "limit": settings.CALENDAR_FEED_LIMIT, "url": timetable}
    return text


def _scope(chosen: list[str]) -> str:
    if not chosen:
        return _("All meetings of the Budapest Process Silk Routes Partnership for Migration.")
    return _(
        "Meetings of the Budapest Process Silk Routes Partnership for Migration: %(filters)s."
    ) % {"filters": ", ".join(chosen)}


def _feed(request, meetings, *, chosen: list[str], query: dict, on_a_day: bool, filename: str):
    """The latest ``CALENDAR_FEED_LIMIT`` of the meetings known to the day (or of those that are
    not), oldest first: every coming meeting and the recent past, at a size that does not grow
    with the years. Two queries whatever the number of meetings."""
    which = ON_A_DAY if on_a_day else ~ON_A_DAY
    counts = meetings.order_by().aggregate(
        shown=Count("pk", filter=which), other=Count("pk", filter=~which)
    )
    limit = settings.CALENDAR_FEED_LIMIT
    latest = list(reversed(meetings.filter(which).order_by("-date", "-end_date", "-pk")[:limit]))
    scope = ", ".join(chosen) or _("timetable")
    if on_a_day:
        name = _("Silk Routes Partnership: %(scope)s") % {"scope": scope}
        description = _scope(chosen) + _left_out(request, query, left_out=counts["other"])
    else:
        name = _("Silk Routes Partnership: %(scope)s, day not known (tentative)") % {"scope": scope}
        description = _scope(chosen) + " " + _day_not_known_explained()
    description += _left_out(request, query, earlier=counts["shown"] - len(latest))
    calendar = new_calendar(name, description)
    _add_events(request, calendar, latest)
    return _ics(calendar, filename)


def _day_not_known_explained() -> str:
    return _(
        "These meetings are known only to the month, quarter or year. Each is shown over that "
        "whole period and marked tentative, never on a day it does not have. When its day is "
        "known, a meeting leaves this calendar for the calendar of meetings known to the day."
    )


def _filtered_feed(request, *, on_a_day: bool, filename: str) -> HttpResponse:
    filters = _filters_for(request)
    if not filters.is_valid():
        return _invalid(request, filters)
    meetings = with_disputed_date(timetable_meetings(**filters.query()))
    query = filters.cleaned_data
    given = {name: value for name, value in query.items() if value not in ("", None)}
    return _feed(
        request,
        meetings,
        chosen=_chosen(filters),
        query=given,
        on_a_day=on_a_day,
        filename=filename,
    )


@reads_parameters(*FILTERS)
def timetable_feed(request):
    return _filtered_feed(request, on_a_day=True, filename="silk-routes-timetable.ics")


@reads_parameters(*FILTERS)
def day_not_known_feed(request):
    return _filtered_feed(request, on_a_day=False, filename="silk-routes-day-not-known.ics")


@reads_parameters()
def body_feed(request, slug):
    """The feed of one body, as ``timetable.ics?body=<slug>`` (kept for existing subscribers)."""
    body = get_object_or_404(Body, slug=slug)
    meetings = with_disputed_date(timetable_meetings(body=body.slug))
    return _feed(
        request,
        meetings,
        chosen=[body.name],
        query={"body": slug},
        on_a_day=True,
        filename=f"silk-routes-{slug}.ics",
    )


@reads_parameters()
def goal_feed(request, code):
    """The feed of one goal, as ``timetable.ics?goal=<code>`` (kept for existing subscribers)."""
    goal = get_object_or_404(PriorityGoal, code=code)
    meetings = with_disputed_date(timetable_meetings(goal=goal.code))
    chosen = [_("goal “%(goal)s”") % {"goal": goal.name}]
    filename = f"silk-routes-goal-{code}.ics"
    return _feed(
        request, meetings, chosen=chosen, query={"goal": code}, on_a_day=True, filename=filename
    )


@reads_parameters()
def meeting_file(request, slug):
    """One meeting, to add to a calendar once (not a subscription): over its days, or over the
    period it is known to, with the same UID as in the feeds."""
    meeting = get_object_or_404(with_disputed_date(meetings_for_listing()), slug=slug)
    calendar = new_calendar(meeting.title, meeting.description or meeting.title)
    calendar.add("method", "PUBLISH")
    _add_events(request, calendar, [meeting])
    return _ics(calendar, f"{meeting.slug}.ics")
