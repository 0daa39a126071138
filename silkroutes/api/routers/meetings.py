"""Meetings, from a foreseen year to a held meeting, filtered as on the portal's timetable."""

from django.db.models import F, Prefetch
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from silkroutes.core.queries import with_provenance
from silkroutes.meetings.models import AgendaItem, Delegation, DelegationMember, Meeting
from silkroutes.meetings.permissions import can_see_delegation
from silkroutes.meetings.queries import meetings_for_listing, timetable_meetings
from silkroutes.strategy.queries import goals_in_founding_order

from ..auth import acting_user
from ..filters import DetailQuery, MeetingQuery
from ..openapi import responses
from ..params import ListQuery, Slug
from ..representation import Context
from ..schemas.common import page_of
from ..schemas.output import MeetingOut
from ..schemas.restricted import DelegationOut
from .common import one, page, page_response

router = Router(tags=["meetings"])

MEETING_ORDERINGS = {
    "date": ("date", F("end_date").asc(nulls_first=True), "slug"),
    "-date": ("-date", F("end_date").desc(nulls_last=True), "-slug"),
    "slug": ("slug",),
    "-slug": ("-slug",),
}


def with_meeting_details(meetings):
    """Everything a meeting's representation shows; lists as attributes (``to_attr``), which
    Django fills without a queryset per meeting."""
    return with_provenance(meetings).prefetch_related(
        Prefetch("goals", queryset=goals_in_founding_order(), to_attr="goal_list"),
        Prefetch(
            "agenda_items", queryset=AgendaItem.objects.order_by("order"), to_attr="agenda_list"
        ),
    )


def agenda_of(ctx: Context, meeting: Meeting) -> list[dict]:
    if meeting.agenda_published_at is None:
        return []
    return [
        {
            "order": item.order,
            "title": ctx.text(item, "title"),
            "goals": ctx.text(item, "goals") if item.goals else None,
        }
        for item in meeting.agenda_list
    ]


def meeting_out(ctx: Context, meeting: Meeting) -> dict:
    return {
        "slug": meeting.slug,
        "body": ctx.body_ref(meeting.body),
        "number": meeting.number,
        "title": ctx.text(meeting, "title"),
        "date": ctx.date(meeting, "date"),
        "end_date": meeting.end_date,
        "status": meeting.status,
        "city": meeting.city or None,
        "country": ctx.country_ref(meeting.country),
        "host": ctx.organisation_ref(meeting.host),
        "goals": [ctx.goal_ref(goal) for goal in meeting.goal_list],
        "participants": meeting.participants,
        "countries_count": meeting.countries_count,
        "organisations_count": meeting.organisations_count,
        "description": ctx.text(meeting, "description") if meeting.description else None,
        "agenda": agenda_of(ctx, meeting),
        "agenda_published_at": meeting.agenda_published_at,
        "revision": meeting.revision,
        "href": ctx.link("meetings", meeting.slug),
        "web_url": ctx.web_of("portal:meeting", meeting.slug),
        **ctx.provenance(meeting),
    }


@router.get("/meetings", response=responses(page_of(MeetingOut)), url_name="meetings")
def meeting_list(request, query: Query[MeetingQuery]):
    """The timetable: every meeting, foreseen to held, filtered as on the portal."""
    meetings = timetable_meetings(**query.filters())
    if query.ordering:
        meetings = meetings.order_by(*MEETING_ORDERINGS[query.ordering])
    return page_response(request, query, with_meeting_details(meetings), meeting_out)


@router.get("/meetings/{slug}", response=responses(MeetingOut), url_name="meeting")
def meeting_detail(request, slug: Slug, query: Query[DetailQuery]):
    items = with_meeting_details(meetings_for_listing())
    return one(request, query, items, meeting_out, slug=slug)


def delegation_out(ctx: Context, delegation: Delegation) -> dict:
    return {
        "meeting": ctx.meeting_ref(delegation.meeting),
        "state": ctx.organisation_ref(delegation.state),
        "registered_at": delegation.registered_at,
        "updated_at": delegation.updated_at,
        "members": [
            {
                "name": member.name,
                "function": member.function or None,
                "email": member.email or None,
                "phone": member.phone or None,
                "is_head": member.is_head,
                "attended": member.attended,
            }
            for member in delegation.members.all()
        ],
    }


@router.get(
    "/meetings/{slug}/delegations",
    response=responses(page_of(DelegationOut)),
    url_name="meeting_delegations",
)
def meeting_delegations(request, slug: Slug, query: Query[ListQuery]):
    """The delegations registered for a meeting that you may see: all of them for the
    Secretariat, your own state's for a focal point, none without a token (personal data)."""
    meeting = get_object_or_404(Meeting.objects.only("pk"), slug=slug)
    user = acting_user(request)
    members = DelegationMember.objects.order_by("-is_head", "pk")
    delegations = [
        delegation
        for delegation in Delegation.objects.filter(meeting=meeting)
        .select_related("meeting", "state")
        .prefetch_related(Prefetch("members", queryset=members))
        .order_by("state__slug")
        if can_see_delegation(user, delegation)
    ]
    return page(request, query, delegations, delegation_out)
