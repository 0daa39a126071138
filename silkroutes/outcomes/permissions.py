"""Who may read and change outcomes and action points: the one place that decides it.

An outcome is read by the people its access tier names (the rule of documents, without
embargo); its bodies are the body of the meeting that adopted it and the bodies it concerns.
An action point is read by whoever may read its outcome, and by its owner: the people acting for
the owning state or organisation, or the members and chairs of the owning body. An owner who may
not read the outcome sees the action point with its outcome described only as restricted
(``outcome_seen_by``): every page, the API, the follow-up package and the e-mails show that."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from silkroutes.accounts.permissions import access_for
from silkroutes.documents.tiers import tier_allows, tier_q

from .models import ActionPoint, Outcome


def _outcome_body_ids(outcome: Outcome) -> set[int]:
    ids = {outcome.meeting.body_id}
    ids.update(body.pk for body in outcome.bodies.all())
    return ids


def can_view_outcome(user, outcome: Outcome, now=None) -> bool:
    return tier_allows(
        access_for(user),
        tier=outcome.access_tier,
        published=outcome.is_published,
        body_ids=_outcome_body_ids(outcome),
        now=now or timezone.now(),
    )


def _outcome_concerns(prefix: str):
    def condition(body_ids: list[int]) -> Q:
        concerned = Outcome.bodies.through.objects.filter(
            outcome_id=OuterRef(f"{prefix}pk"), body_id__in=body_ids
        )
        return Q(**{f"{prefix}meeting__body_id__in": body_ids}) | Q(Exists(concerned))

    return condition


def visible_outcomes_q(user, now=None) -> Q:
    """The SQL condition of ``can_view_outcome``, for querysets of outcomes."""
    return tier_q(
        access_for(user),
        now=now or timezone.now(),
        body_condition=_outcome_concerns(""),
        embargo_field=None,
    )


def visible_action_points_q(user, now=None) -> Q:
    """The SQL condition of ``can_view_action_point``, for querysets of action points."""
    access = access_for(user)
    if access.secretariat:
        return Q()
    condition = tier_q(
        access,
        now=now or timezone.now(),
        body_condition=_outcome_concerns("outcome__"),
        embargo_field=None,
        prefix="outcome__",
    )
    if access.organisations:
        condition |= Q(owner_organisation_id__in=sorted(access.organisations))
    bodies = access.member_bodies | access.chaired_bodies
    if bodies:
        condition |= Q(owner_body_id__in=sorted(bodies))
    return condition


def owns_action_point(user, action_point: ActionPoint) -> bool:
    access = access_for(user)
    if action_point.owner_organisation_id:
        return access.acts_for(action_point.owner_organisation_id)
    return action_point.owner_body_id in (access.member_bodies | access.chaired_bodies)


def can_view_action_point(user, action_point: ActionPoint, now=None) -> bool:
    return owns_action_point(user, action_point) or can_view_outcome(
        user, action_point.outcome, now=now
    )


def may_read_outcome_of(user, action_point: ActionPoint, now=None) -> bool:
    """Whether the person may read the outcome the action point follows from: its owner may
    read the action point without it."""
    return can_view_outcome(user, action_point.outcome, now=now)


RESTRICTED_OUTCOME = gettext_lazy("a restricted outcome")


@dataclass(frozen=True)
class OutcomeSeen:
    """What a person is shown of an action point's outcome: its id and title, or, when they may
    not read it, no id and the words "a restricted outcome" (nothing to link to)."""

    pk: int | None
    title: str | Promise

    @property
    def restricted(self) -> bool:
        return self.pk is None


def readable_outcome(outcome: Outcome) -> OutcomeSeen:
    return OutcomeSeen(pk=outcome.pk, title=outcome.title)


def outcome_seen_by(user, action_point: ActionPoint, now=None) -> OutcomeSeen:
    """Lists load ``outcome__bodies`` with the action points, so that this costs no query."""
    if may_read_outcome_of(user, action_point, now=now):
        return readable_outcome(action_point.outcome)
    return OutcomeSeen(pk=None, title=RESTRICTED_OUTCOME)


def can_manage_outcomes(user) -> bool:
    """Recording, revising and publishing outcomes and their action points is the
    Secretariat's work."""
    return access_for(user).secretariat


def can_update_action_point(user, action_point: ActionPoint) -> bool:
    """The Secretariat, and the action point's owner, mark it done or open it again."""
    return can_manage_outcomes(user) or owns_action_point(user, action_point)


def can_see_history(user) -> bool:
    return access_for(user).secretariat


def get_outcome_for_user(request, pk: int) -> Outcome:
    outcome = (
        Outcome.objects.select_related("meeting", "meeting__body", "adopted_by")
        .prefetch_related("bodies", "goals", "projects")
        .filter(pk=pk)
        .first()
    )
    if outcome is None or not can_view_outcome(request.user, outcome):
        raise Http404(_("No outcome found, or you may not read it."))
    return outcome


def get_action_point_for_user(request, pk: int) -> ActionPoint:
    action_point = (
        ActionPoint.objects.select_related(
            "outcome", "outcome__meeting", "owner_organisation", "owner_body"
        )
        .prefetch_related("outcome__bodies")
        .filter(pk=pk)
        .first()
    )
    if action_point is None or not can_view_action_point(request.user, action_point):
        raise Http404(_("No action point found, or you may not read it."))
    return action_point


def require_outcome_manager(request) -> None:
    if not can_manage_outcomes(request.user):
        raise PermissionDenied(_("Only the Secretariat records and revises outcomes."))
