"""The home page: the partnership at a glance."""

from django.shortcuts import render
from django.utils import timezone

from silkroutes.meetings.queries import meetings_around, working_groups_with_chairs
from silkroutes.programme.queries import project_counts_by_status
from silkroutes.strategy.queries import goals_in_order


def home(request):
    upcoming, recent = meetings_around(timezone.localdate())
    working_groups = list(working_groups_with_chairs())
    for group in working_groups:
        group.since = group.fuzzy_value("established")
    return render(
        request,
        "portal/home.html",
        {
            "goals": goals_in_order(),
            # A stage no project is at is left out: a row of zeros tells a visitor nothing.
            "status_counts": [row for row in project_counts_by_status() if row[2]],
            "upcoming_meetings": upcoming,
            "recent_meetings": recent,
            "working_groups": working_groups,
        },
    )
