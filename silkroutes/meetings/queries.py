"""Reads of bodies and meetings."""

import datetime as dt

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    When,
)

from silkroutes.actors.models import Country, Role
from silkroutes.core.models import Alternative
from silkroutes.core.queries import with_provenance

from .models import Body, Meeting, MeetingStatus

# Statuses of a meeting that has not taken place (yet): shown apart from those held.
NOT_YET_HELD = (MeetingStatus.FORESEEN, MeetingStatus.SCHEDULED, MeetingStatus.POSTPONED)


def _chair_roles() -> Prefetch:
    """Chairs and co-chairs of a body as ``chair_roles``: chairs before co-chairs, then by start,
    an unknown start first (it reaches back furthest)."""
    chairs = (
        Role.objects.filter(kind__in=Role.BODY_KINDS)
        .select_related("holder")
        .order_by("kind", F("start").asc(nulls_first=True), "pk")
    )
    return Prefetch("roles", queryset=chairs, to_attr="chair_roles")


def working_groups_with_chairs() -> QuerySet[Body]:
    """The regional working groups in order of establishment, with ``chair_roles`` (chairs and
    co-chairs, earliest first, holders loaded)."""
    return (
        Body.objects.filter(kind=Body.Kind.WORKING_GROUP)
        .order_by("established", "name")
        .prefetch_related(_chair_roles())
    )


def bodies_in_order() -> QuerySet[Body]:
    """All bodies, the regional working groups first (by establishment), then the others by kind
    (in the order of ``Body.Kind``) and establishment; with ``region``, ``chair_roles`` and the
    counts ``held_count`` and ``planned_count`` (foreseen, scheduled or postponed) annotated."""
    kind_order = Case(
        When(kind=Body.Kind.WORKING_GROUP, then=-1),
        *(When(kind=kind, then=place) for place, kind in enumerate(Body.Kind.values)),
        output_field=IntegerField(),
    )
    return (
        Body.objects.select_related("region")
        .annotate(
            kind_order=kind_order,
            held_count=Count("meetings", filter=Q(meetings__status=MeetingStatus.HELD)),
            planned_count=Count("meetings", filter=Q(meetings__status__in=NOT_YET_HELD)),
        )
        .order_by("kind_order", F("established").asc(nulls_last=True), "name", "pk")
        .prefetch_related(_chair_roles())
    )


def bodies_for_page() -> QuerySet[Body]:
    """Bodies with their region and their sources, for a body page."""
    return with_provenance(Body.objects.select_related("region"))


def chairs_of(body: Body) -> QuerySet[Role]:
    """The chairs and co-chairs of a body over time, with holders and sources."""
    return with_provenance(
        Role.objects.filter(body=body, kind__in=Role.BODY_KINDS)
        .select_related("holder")
        .order_by(F("start").asc(nulls_first=True), "kind", "pk")
    )


def meetings_of(body: Body) -> QuerySet[Meeting]:
    """A body's meetings in date order, with place and host loaded."""
    return body.meetings.select_related("country", "host").order_by("date", "pk")


def meetings_for_listing() -> QuerySet[Meeting]:
    return Meeting.objects.select_related("body", "country", "host")


def meetings_around(today: dt.date, limit: int = 5) -> tuple[list[Meeting], list[Meeting]]:
    """The next meetings from today, soonest first, and the latest before it, latest first."""
    listed = meetings_for_listing()
    upcoming = list(listed.filter(date__gte=today).order_by("date", "pk")[:limit])
    recent = list(listed.filter(date__lt=today).order_by("-date", "-pk")[:limit])
    return upcoming, recent


def timetable_meetings(
    *,
    body: str = "",
    kind: str = "",
    goal: str = "",
    country: str = "",
    year: int | None = None,
    status: str = "",
) -> QuerySet[Meeting]:
    """Meetings in date order with body, country and host loaded, narrowed by whichever filters
    are given: body slug, body kind, goal code, ISO code of the meeting's country, the year the
    meeting starts in (a meeting known only to the year 2015 starts in 2015), status."""
    meetings = meetings_for_listing().order_by("date", "end_date", "pk")
    if body:
        meetings = meetings.filter(body__slug=body)
    if kind:
        meetings = meetings.filter(body__kind=kind)
    if goal:
        # A goal code is unique, so the join yields each meeting at most once.
        meetings = meetings.filter(goals__code=goal)
    if country:
        meetings = meetings.filter(country__code=country.upper())
    if year is not None:
        meetings = meetings.filter(date__year=year)
    if status:
        meetings = meetings.filter(status=status)
    return meetings


def meetings_for_page() -> QuerySet[Meeting]:
    """Meetings with everything a meeting page shows: body, place, host, goals, sources."""
    return with_provenance(
        Meeting.objects.select_related("body", "country", "host").prefetch_related("goals")
    )


def meeting_year_range() -> tuple[int, int] | None:
    """The first and last year in which a meeting starts, or None when there is no meeting."""
    bounds = Meeting.objects.aggregate(first=Min("date"), last=Max("date"))
    if bounds["first"] is None:
        return None
    return bounds["first"].year, bounds["last"].year


def countries_with_meetings() -> list[Country]:
    """The countries in which a meeting takes place, by name in the reader's language."""
    found = Country.objects.filter(meetings__isnull=False).distinct()
    return sorted(found, key=lambda country: country.name)


def with_disputed_date(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """``meetings`` with ``date_disputed``: whether another source gives another date (an
    alternative for the field ``date``). A subquery of the same query, not one more query."""
    other_dates = Alternative.objects.filter(
        content_type__app_label=Meeting._meta.app_label,
        content_type__model=Meeting._meta.model_name,
        object_id=OuterRef("pk"),
        field="date",
    )
    return meetings.annotate(date_disputed=Exists(other_dates))
