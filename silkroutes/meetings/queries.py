"""Reads of bodies and meetings."""

import datetime as dt

from django.db.models import Prefetch, QuerySet

from silkroutes.actors.models import Role

from .models import Body, Meeting


def working_groups_with_chairs() -> QuerySet[Body]:
    """The regional working groups in order of establishment, with ``chair_roles`` (chairs and
    co-chairs, earliest first, holders loaded)."""
    chairs = Role.objects.filter(kind__in=Role.BODY_KINDS).select_related("holder")
    return (
        Body.objects.filter(kind=Body.Kind.WORKING_GROUP)
        .order_by("established", "name")
        .prefetch_related(
            Prefetch("roles", queryset=chairs.order_by("start"), to_attr="chair_roles")
        )
    )


def meetings_for_listing() -> QuerySet[Meeting]:
    return Meeting.objects.select_related("body", "country", "host")


def next_meetings(today: dt.date, limit: int = 5) -> list[Meeting]:
    """The next meetings from today; when none is planned, the last ones of the timetable."""
    upcoming = list(meetings_for_listing().filter(date__gte=today).order_by("date")[:limit])
    if upcoming:
        return upcoming
    return list(reversed(meetings_for_listing().order_by("-date")[:limit]))
