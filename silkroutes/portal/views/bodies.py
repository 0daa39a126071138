"""The bodies that meet: the regional working groups first, then the other bodies; and the page
of one body with its focus, its chairs over time and its meetings held and foreseen."""

from django.shortcuts import get_object_or_404, render

from silkroutes.meetings.models import Body, MeetingStatus
from silkroutes.meetings.presenters import meeting_rows
from silkroutes.meetings.queries import (
    NOT_YET_HELD,
    bodies_for_page,
    bodies_in_order,
    chairs_of,
    meetings_of,
)
from silkroutes.portal.allow_lists import reads_parameters


def _with_established(bodies: list[Body]) -> list[Body]:
    """Give each body ``established_fuzzy`` for templates, which cannot pass the field name."""
    for body in bodies:
        body.established_fuzzy = body.fuzzy_value("established")
    return bodies


@reads_parameters()
def body_list(request):
    bodies = _with_established(list(bodies_in_order()))
    return render(
        request,
        "portal/bodies/body_list.html",
        {
            "working_groups": [b for b in bodies if b.kind == Body.Kind.WORKING_GROUP],
            "other_bodies": [b for b in bodies if b.kind != Body.Kind.WORKING_GROUP],
        },
    )


def body_detail(request, slug):
    body = get_object_or_404(bodies_for_page(), slug=slug)
    _with_established([body])
    meetings = meeting_rows(meetings_of(body))
    return render(
        request,
        "portal/bodies/body_detail.html",
        {
            "body": body,
            "chairs": list(chairs_of(body)),
            "held": [m for m in meetings if m.status == MeetingStatus.HELD],
            "foreseen": [m for m in meetings if m.status in NOT_YET_HELD],
            "cancelled": [m for m in meetings if m.status == MeetingStatus.CANCELLED],
        },
    )
