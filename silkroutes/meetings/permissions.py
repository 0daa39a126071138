"""Who may do what with a meeting in the workspace, decided in one place.

- The Secretariat does everything.
- The chair or co-chair of a body, while the chairmanship lasts, prepares the body's meetings:
  foresee, schedule, publish the agenda.
- A national focal point registers the delegation of their own state to a meeting their state is
  invited to, and sees that delegation; not another state's.
- Every signed-in person opens a meeting's workspace page and sees what their role allows.

Rights come from ``silkroutes.accounts.permissions.access_for`` (memberships and dated roles
held today). Meetings themselves are public (the portal shows them); what the workspace shows
beyond that (delegations, attendance, history) follows these predicates."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils import timezone

from silkroutes.accounts.permissions import access_for

from .models import Body, Delegation, Meeting, MeetingStatus

# A meeting that took place or was called off is no longer prepared.
CLOSED = frozenset({MeetingStatus.HELD, MeetingStatus.CANCELLED})


def can_manage_meeting(user, meeting: Meeting) -> bool:
    """Invite, record attendance, hold, postpone, cancel: the Secretariat."""
    return access_for(user).secretariat


def can_foresee_meeting_of(user, body: Body) -> bool:
    """Foresee a new meeting of a body: the Secretariat, or the body's chair while it lasts."""
    access = access_for(user)
    return access.secretariat or access.chairs(body.pk)


def can_prepare_meeting(user, meeting: Meeting) -> bool:
    """Schedule a meeting and publish its agenda: the Secretariat, or its body's chair."""
    return can_foresee_meeting_of(user, meeting.body)


def can_register_delegation(user, meeting: Meeting, state) -> bool:
    """Register (or change) a state's delegation: a focal point of that very state."""
    return state.pk in access_for(user).states


def can_see_delegation(user, delegation: Delegation) -> bool:
    """A delegation's members are personal data: the Secretariat and the state's focal points."""
    access = access_for(user)
    return access.secretariat or delegation.state_id in access.states


def can_see_history(user, meeting: Meeting) -> bool:
    """Every version of a meeting (who changed what): the Secretariat."""
    return access_for(user).secretariat


def can_open_meeting_workspace(user, meeting: Meeting) -> bool:
    """Open a meeting's workspace page: every signed-in person. Meetings are public; the page
    shows each person what their role allows (delegations only to the Secretariat and the
    state's own focal points; the steps to whoever may take them)."""
    return access_for(user).authenticated


def get_meeting_for_user(request: HttpRequest, slug: str) -> Meeting:
    """The meeting with its body, place and host loaded, if this user may open its workspace
    page; 404 when there is no such meeting, 403 when the user may not see it here."""
    meeting = Meeting.objects.select_related("body", "country", "host").filter(slug=slug).first()
    if meeting is None:
        raise Http404("No such meeting.")
    if not can_open_meeting_workspace(request.user, meeting):
        raise PermissionDenied("Sign in to open a meeting in the workspace.")
    return meeting


def meeting_steps(user, meeting: Meeting, today: dt.date | None = None) -> frozenset[str]:
    """The next steps this user can take with a meeting now, for the workspace page to offer:
    ``schedule``, ``agenda``, ``invite``, ``attendance``, ``hold``, ``postpone``, ``cancel``.
    (The services check the same rules again and explain a refusal.)"""
    today = today or timezone.localdate()
    status, begun = meeting.status, meeting.date <= today
    steps = set()
    if can_prepare_meeting(user, meeting):
        if status in (MeetingStatus.FORESEEN, MeetingStatus.POSTPONED, MeetingStatus.SCHEDULED):
            steps.add("schedule")
        if status != MeetingStatus.CANCELLED:
            steps.add("agenda")
    if can_manage_meeting(user, meeting):
        if status not in CLOSED:
            steps.add("invite")
        if status in (MeetingStatus.SCHEDULED, MeetingStatus.HELD) and begun:
            steps.add("attendance")
        if status == MeetingStatus.SCHEDULED and begun:
            steps.add("hold")
        if status in (MeetingStatus.FORESEEN, MeetingStatus.SCHEDULED):
            steps.add("postpone")
        if status not in CLOSED:
            steps.add("cancel")
    return frozenset(steps)
