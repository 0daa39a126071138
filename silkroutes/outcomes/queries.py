"""Reads of outcomes and action points. Lists go through ``outcomes_visible_to`` and
``action_points_visible_to``, which apply the access rule of ``permissions.py``.

Queries that list action points take ``visible_to``: a user (anonymous by default, so a
forgotten argument shows only what is public) or ``UNRESTRICTED`` for the platform's own work
(reminders), never for a page."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db.models import BooleanField, Case, Exists, F, OuterRef, Prefetch, Q, QuerySet, When
from django.utils import timezone

from silkroutes.accounts.models import Membership
from silkroutes.actors.models import Organisation, Role
from silkroutes.meetings.models import Body

from .models import ActionPoint, Outcome, OutcomeRevision
from .permissions import can_view_action_point, visible_action_points_q, visible_outcomes_q

UNRESTRICTED = object()
_PUBLIC = AnonymousUser()


def _action_points_loaded() -> QuerySet[ActionPoint]:
    """With what ``permissions.outcome_seen_by`` reads (the outcome's bodies), so that deciding
    whether each reader may see the outcome costs no query per action point."""
    return ActionPoint.objects.select_related(
        "outcome",
        "outcome__meeting",
        "outcome__meeting__body",
        "owner_organisation",
        "owner_body",
    ).prefetch_related("outcome__bodies")


def outcomes_visible_to(user, now=None) -> QuerySet[Outcome]:
    """The outcomes ``user`` (anonymous included) may read, with meeting and goals loaded."""
    return (
        Outcome.objects.filter(visible_outcomes_q(user, now=now))
        .select_related("meeting", "meeting__body")
        .prefetch_related("goals")
    )


def outcomes_of_meeting_for(user, meeting) -> QuerySet[Outcome]:
    """A meeting's outcomes ``user`` may read, each with its action points (owners loaded) and
    goals: three queries whatever their number."""
    action_points = ActionPoint.objects.select_related("owner_organisation", "owner_body")
    return (
        outcomes_visible_to(user)
        .filter(meeting=meeting)
        .select_related("adopted_by")
        .prefetch_related(Prefetch("action_points", queryset=action_points))
        .order_by("kind", "pk")
    )


def public_outcomes_of(meeting) -> QuerySet[Outcome]:
    """A meeting's published public outcomes with their action points and goals, for the
    portal's meeting page (three queries)."""
    return outcomes_of_meeting_for(_PUBLIC, meeting)


def action_points_visible_to(user, now=None) -> QuerySet[ActionPoint]:
    if user is UNRESTRICTED:
        return _action_points_loaded()
    return _action_points_loaded().filter(visible_action_points_q(user, now=now))


def _with_overdue(action_points: QuerySet[ActionPoint], today: dt.date):
    overdue = Case(
        When(status=ActionPoint.Status.OPEN, due_date__lt=today, then=True),
        default=False,
        output_field=BooleanField(),
    )
    return action_points.annotate(overdue=overdue).order_by(
        "-overdue", F("due_date").asc(nulls_last=True), "pk"
    )


def concerning_body(body: Body) -> Q:
    """Action points that follow from the body's meetings, that the body owns, or whose outcome
    concerns the body."""
    concerned = Outcome.bodies.through.objects.filter(
        outcome_id=OuterRef("outcome_id"), body_id=body.pk
    )
    return Q(outcome__meeting__body=body) | Q(owner_body=body) | Q(Exists(concerned))


def open_and_overdue_action_points(
    body: Body | None = None,
    owner: Organisation | Body | None = None,
    *,
    today: dt.date | None = None,
    visible_to=_PUBLIC,
) -> QuerySet[ActionPoint]:
    """Open action points, overdue ones first (``overdue`` annotated), then by due date (none
    last); of one body (see ``concerning_body``) and/or one owner (an organisation or a body)."""
    today = today or timezone.localdate()
    action_points = action_points_visible_to(visible_to).filter(status=ActionPoint.Status.OPEN)
    if body is not None:
        action_points = action_points.filter(concerning_body(body))
    if isinstance(owner, Body):
        action_points = action_points.filter(owner_body=owner)
    elif owner is not None:
        action_points = action_points.filter(owner_organisation=owner)
    return _with_overdue(action_points, today)


def follow_up_package(meeting, *, visible_to=_PUBLIC, today: dt.date | None = None):
    """What the meeting reviews: the open action points from outcomes of earlier meetings of the
    same body, overdue ones first (``overdue`` relative to ``today``)."""
    today = today or timezone.localdate()
    action_points = (
        action_points_visible_to(visible_to)
        .filter(
            status=ActionPoint.Status.OPEN,
            outcome__meeting__body_id=meeting.body_id,
            outcome__meeting__date__lt=meeting.date,
        )
        .exclude(outcome__meeting=meeting)
    )
    return _with_overdue(action_points, today)


def revisions_of(outcome: Outcome) -> QuerySet[OutcomeRevision]:
    return outcome.revisions.select_related("author").order_by("-number")


def outcome_history(outcome: Outcome):
    return outcome.history.select_related("history_user").order_by("-history_date", "-pk")


def action_point_history(outcome: Outcome):
    return (
        ActionPoint.history.filter(outcome_id=outcome.pk)
        .select_related("history_user")
        .order_by("-history_date", "-pk")
    )


def people_responsible_for(action_point: ActionPoint, today: dt.date) -> list:
    """Who is reminded of an action point: the people acting for the owning state or
    organisation, or for the organisations chairing the owning body, today; only those who may
    read it."""
    if action_point.owner_organisation_id:
        organisations = [action_point.owner_organisation_id]
    else:
        organisations = [
            role.holder_id
            for role in Role.objects.filter(
                body_id=action_point.owner_body_id, kind__in=Role.CHAIR_KINDS
            )
            if role.held_on(today)
        ]
    memberships = Membership.objects.filter(organisation_id__in=organisations).filter(
        Q(end__isnull=True) | Q(end__gte=today), start__lte=today
    )
    people = (
        get_user_model()
        .objects.filter(is_active=True, memberships__in=memberships)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
    return [person for person in people if can_view_action_point(person, action_point)]
