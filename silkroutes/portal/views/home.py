"""The home page: the partnership at a glance."""

from django.shortcuts import render
from django.utils import timezone

from silkroutes.meetings.queries import next_meetings, working_groups_with_chairs
from silkroutes.programme.queries import project_counts_by_status
from silkroutes.strategy.queries import goals_in_order


def home(request):
    today = timezone.localdate()
    meetings = next_meetings(today)
    working_groups = list(working_groups_with_chairs())
    for group in working_groups:
        group.since = group.fuzzy_value("established")
    return render(
        request,
        "portal/home.html",
        {
            "goals": goals_in_order(),
            "status_counts": project_counts_by_status(),
            "meetings": meetings,
            "meetings_are_upcoming": bool(meetings) and meetings[0].date >= today,
            "working_groups": working_groups,
        },
    )
