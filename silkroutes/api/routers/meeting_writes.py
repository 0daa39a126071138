"""Writes of the meeting lifecycle: foresee, schedule, publish the agenda, invite, register a
delegation, record attendance, hold, postpone, cancel. Each calls the service of
``silkroutes.meetings.services`` with the token's user as the actor, so the API and the
workspace behave alike and leave the same history.

Who may do what is asked of ``meetings.permissions`` first, so that a refusal is a 403; the
service checks it again. A ``revision`` older than the meeting's is a 409."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Status

from silkroutes.actors.models import Country, Organisation
from silkroutes.meetings import permissions, services
from silkroutes.meetings.models import Body, DelegationMember, Meeting

from ..auth import REQUIRED_TOKEN
from ..openapi import WRITE_ERRORS, write_responses
from ..params import Slug
from ..representation import Context
from ..schemas.input import (
    AgendaIn,
    AttendanceIn,
    CancelIn,
    DelegationIn,
    ForeseeIn,
    HoldIn,
    InvitedOut,
    InviteIn,
    PostponeIn,
    ScheduleIn,
)
from ..schemas.output import MeetingOut
from ..schemas.restricted import DelegationOut
from .meetings import delegation_out, meeting_out, router, with_meeting_details
from .writing import acting, check_revision, forbid_unless, fuzzy_in, resolve, resolve_all

CREATE_ERRORS = (400, 401, 403, 422, 429)
NO_VERSION_ERRORS = (400, 401, 403, 404, 422, 429)


def _meeting(slug: Slug) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("body"), slug=slug)


def _answer(request, meeting: Meeting, status: int = 200):
    meeting = with_meeting_details(Meeting.objects.select_related("body", "country", "host")).get(
        pk=meeting.pk
    )
    ctx = Context.of(request)
    with ctx.rendering():
        return Status(status, meeting_out(ctx, meeting))


@router.post(
    "/meetings",
    auth=REQUIRED_TOKEN,
    response=write_responses(MeetingOut, status=201, errors=CREATE_ERRORS),
    url_name="meeting_foresee",
)
def meeting_foresee(request, payload: ForeseeIn):
    """Foresee a meeting of a body at a date known to the day, month, quarter or year."""
    by = acting(request)
    body = resolve(Body, "body", payload.body, slug=payload.body)
    forbid_unless(
        permissions.can_foresee_meeting_of(by, body),
        _("Only the Secretariat or the chair of this body can foresee its meetings."),
    )
    date = fuzzy_in("date", payload.date)
    meeting = services.foresee_meeting(body, date=date, title=payload.title, by=by)
    return _answer(request, meeting, 201)


@router.post(
    "/meetings/{slug}/schedule",
    auth=REQUIRED_TOKEN,
    response=write_responses(MeetingOut, errors=WRITE_ERRORS),
    url_name="meeting_schedule",
)
def meeting_schedule(request, slug: Slug, payload: ScheduleIn):
    """Fix the meeting's days and place (and host)."""
    by, meeting = acting(request), _meeting(slug)
    forbid_unless(permissions.can_prepare_meeting(by, meeting), _("You may not schedule it."))
    check_revision(meeting.revision, payload.revision, _("meeting"))
    country = resolve(Country, "country", payload.country, code=payload.country.upper())
    host = resolve(Organisation, "host", payload.host, slug=payload.host)
    services.schedule_meeting(
        meeting,
        first_day=payload.first_day,
        last_day=payload.last_day,
        city=payload.city,
        country=country,
        host=host,
        by=by,
    )
    return _answer(request, meeting)


@router.put(
    "/meetings/{slug}/agenda",
    auth=REQUIRED_TOKEN,
    response=write_responses(MeetingOut, errors=WRITE_ERRORS),
    url_name="meeting_agenda",
)
def meeting_agenda(request, slug: Slug, payload: AgendaIn):
    """Publish (or republish) the agenda: its items in the order of discussion."""
    by, meeting = acting(request), _meeting(slug)
    forbid_unless(permissions.can_prepare_meeting(by, meeting), _("You may not set its agenda."))
    check_revision(meeting.revision, payload.revision, _("meeting"))
    items = [item.model_dump() for item in payload.items]
    services.publish_agenda(meeting, items=items, by=by)
    return _answer(request, meeting)


@router.post(
    "/meetings/{slug}/postpone",
    auth=REQUIRED_TOKEN,
    response=write_responses(MeetingOut, errors=WRITE_ERRORS),
    url_name="meeting_postpone",
)
def meeting_postpone(request, slug: Slug, payload: PostponeIn):
    by, meeting = acting(request), _meeting(slug)
    forbid_unless(permissions.can_manage_meeting(by, meeting), _("Only the Secretariat may."))
    check_revision(meeting.revision, payload.revision, _("meeting"))
    new_date = fuzzy_in("new_date", payload.new_date)
    services.postpone_meeting(meeting, reason=payload.reason, new_date=new_date, by=by)
    return _answer(request, meeting)


@router.post(
    "/meetings/{slug}/cancel",
    auth=REQUIRED_TOKEN,
    response=write_responses(MeetingOut, errors=WRITE_ERRORS),
    url_name="meeting_cancel",
)
def meeting_cancel(request, slug: Slug, payload: CancelIn):
    by, meeting = acting(request), _meeting(slug)
    forbid_unless(permissions.can_manage_meeting(by, meeting), _("Only the Secretariat may."))
    check_revision(meeting.revision, payload.revision, _("meeting"))
    services.cancel_meeting(meeting, reason=payload.reason, by=by)
    return _answer(request, meeting)


@router.post(
    "/meetings/{slug}/hold",
    auth=REQUIRED_TOKEN,
    response=write_responses(MeetingOut, errors=WRITE_ERRORS),
    url_name="meeting_hold",
)
def meeting_hold(request, slug: Slug, payload: HoldIn):
    """Record that the scheduled meeting took place, with how many took part."""
    by, meeting = acting(request), _meeting(slug)
    forbid_unless(permissions.can_manage_meeting(by, meeting), _("Only the Secretariat may."))
    check_revision(meeting.revision, payload.revision, _("meeting"))
    services.hold_meeting(
        meeting,
        participants=payload.participants,
        countries_count=payload.countries_count,
        organisations_count=payload.organisations_count,
        by=by,
    )
    return _answer(request, meeting)


@router.post(
    "/meetings/{slug}/invitations",
    auth=REQUIRED_TOKEN,
    response=write_responses(InvitedOut, errors=NO_VERSION_ERRORS),
    url_name="meeting_invite",
)
def meeting_invite(request, slug: Slug, payload: InviteIn):
    """Invite states (their governments) and organisations; their focal points are told."""
    by, meeting = acting(request), _meeting(slug)
    forbid_unless(permissions.can_manage_meeting(by, meeting), _("Only the Secretariat may."))
    organisations = resolve_all(Organisation, "organisations", payload.organisations, "slug")
    created = services.invite(meeting, organisations=organisations, by=by)
    return {"invited": [invitation.organisation.slug for invitation in created]}


@router.put(
    "/meetings/{slug}/delegations/{state}",
    auth=REQUIRED_TOKEN,
    response=write_responses(DelegationOut, errors=NO_VERSION_ERRORS),
    url_name="delegation_register",
)
def delegation_register(request, slug: Slug, state: Slug, payload: DelegationIn):
    """Register (or replace) a state's delegation: a focal point of that state only."""
    by, meeting = acting(request), _meeting(slug)
    government = get_object_or_404(Organisation, slug=state)
    forbid_unless(
        permissions.can_register_delegation(by, meeting, government),
        _("Only a national focal point of this state can register its delegation."),
    )
    members = [member.model_dump() for member in payload.members]
    delegation = services.register_delegation(meeting, state=government, members=members, by=by)
    ctx = Context.of(request)
    with ctx.rendering():
        return delegation_out(ctx, delegation)


@router.put(
    "/meetings/{slug}/attendance",
    auth=REQUIRED_TOKEN,
    response=write_responses(MeetingOut, errors=NO_VERSION_ERRORS),
    url_name="meeting_attendance",
)
def meeting_attendance(request, slug: Slug, payload: AttendanceIn):
    """Record who attended: organisations with their number of persons, and which members of
    the registered delegations were there (by state and name)."""
    by, meeting = acting(request), _meeting(slug)
    forbid_unless(permissions.can_manage_meeting(by, meeting), _("Only the Secretariat may."))
    slugs = [present.organisation for present in payload.organisations]
    organisations = resolve_all(Organisation, "organisations", slugs, "slug")
    counts = {
        organisation: present.persons
        for organisation, present in zip(organisations, payload.organisations, strict=True)
    }
    members = [
        resolve(
            DelegationMember,
            "present_members",
            f"{person.state}: {person.name}",
            delegation__meeting=meeting,
            delegation__state__slug=person.state,
            name=person.name,
        )
        for person in payload.present_members
    ]
    services.record_attendance(meeting, organisations=counts, attended_members=members, by=by)
    return _answer(request, meeting)
