"""Reads for the meeting lifecycle in the workspace: which meetings a person prepares or is
invited to, a meeting's agenda, invitations, delegations and attendance, and who is told."""

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from silkroutes.accounts.models import Membership
from silkroutes.accounts.permissions import Access

from .models import Attendance, Delegation, DelegationMember, Invitation, Meeting


def meetings_for_workspace(access: Access, *, status: str = "") -> QuerySet[Meeting]:
    """The meetings a person works on, in date order, with body, place and host loaded and the
    counts ``invitation_count`` and ``delegation_count`` annotated: every meeting for the
    Secretariat; a chair's bodies' meetings; the meetings a focal point's states are invited
    to. Narrowed to one status when given."""
    meetings = Meeting.objects.select_related("body", "country", "host")
    if not access.secretariat:
        meetings = meetings.filter(
            Q(body__in=access.chaired_bodies)
            | Q(
                Exists(
                    Invitation.objects.filter(
                        meeting=OuterRef("pk"), organisation__in=access.states
                    )
                )
            )
        )
    if status:
        meetings = meetings.filter(status=status)
    return meetings.annotate(
        invitation_count=Count("invitations", distinct=True),
        delegation_count=Count("delegations", distinct=True),
    ).order_by("date", "pk")


def invitations_of_states(states: Iterable[int]) -> QuerySet[Invitation]:
    """The invitations of the given governments, newest meeting first, with the meeting, its
    body and the invited state loaded, and ``has_delegation`` annotated."""
    return (
        Invitation.objects.filter(organisation__in=list(states))
        .select_related("meeting__body", "meeting__country", "organisation")
        .annotate(
            has_delegation=Exists(
                Delegation.objects.filter(
                    meeting=OuterRef("meeting"), state=OuterRef("organisation")
                )
            )
        )
        .order_by("-meeting__date", "organisation__name")
    )


def delegations_of(meeting: Meeting, *, states: Iterable[int] | None = None):
    """A meeting's delegations with their state and members (head first); only those of
    ``states`` when given (a focal point sees their own state's delegation, not others')."""
    delegations = meeting.delegations.select_related("state", "registered_by").prefetch_related(
        Prefetch("members", queryset=DelegationMember.objects.order_by("-is_head", "pk"))
    )
    if states is not None:
        delegations = delegations.filter(state__in=list(states))
    return delegations.order_by("state__name")


def invitations_to(meeting: Meeting) -> QuerySet[Invitation]:
    """Who is invited to a meeting, by name, with the organisation loaded."""
    return meeting.invitations.select_related("organisation").order_by("organisation__name")


def attendance_at(meeting: Meeting) -> QuerySet[Attendance]:
    """Who attended a meeting, by name, with the organisation loaded."""
    return meeting.attendances.select_related("organisation").order_by("organisation__name")


def status_changes_of(meeting: Meeting):
    """The steps of a meeting's lifecycle, oldest first, with who made them."""
    return meeting.status_changes.select_related("changed_by").order_by("changed_at", "pk")


def history_of(meeting: Meeting):
    """Every saved version of a meeting, newest first, with who saved it (simple-history)."""
    return meeting.history.select_related("history_user").order_by("-history_date", "-pk")


def focal_points_of(states: Iterable[int], today: dt.date | None = None) -> QuerySet:
    """The active users acting as national focal points of the given governments today."""
    today = today or timezone.localdate()
    active = Q(memberships__end__isnull=True) | Q(memberships__end__gte=today)
    return (
        get_user_model()
        .objects.filter(
            active,
            is_active=True,
            memberships__kind=Membership.Kind.FOCAL_POINT,
            memberships__organisation__in=list(states),
            memberships__start__lte=today,
        )
        .distinct()
        .order_by("pk")
    )
