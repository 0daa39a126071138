"""Who may do what in implementation reporting: the one place that decides it.

- The Secretariat opens and closes cycles and reviews every entry (verify, ask back, reject).
- A national focal point reports, edits and submits the entries of the state it acts for, and
  reads them at every stage; it never sees another state's unpublished entries.
- Everyone, signed in or not, reads verified entries: only they are published."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from silkroutes.accounts.permissions import access_for
from silkroutes.strategy.models import ActionItem
from silkroutes.strategy.queries import goals_in_founding_order

from .models import Initiative, InitiativeStatus, ReportingCycle


def can_manage_cycles(user) -> bool:
    return access_for(user).secretariat


def can_review(user) -> bool:
    return access_for(user).secretariat


def can_report_for(user, state_id: int) -> bool:
    """Only a focal point of that state reports for it (the Secretariat reviews, it does not
    report on a state's behalf)."""
    return state_id in access_for(user).states


def reporting_states(user) -> frozenset[int]:
    """The governments the user reports for as focal point."""
    return access_for(user).states


def can_use_monitoring_workspace(user) -> bool:
    access = access_for(user)
    return access.secretariat or bool(access.states)


def visible_initiatives_q(user) -> Q:
    """The SQL condition of ``can_view_initiative``."""
    access = access_for(user)
    if access.secretariat:
        return Q()
    condition = Q(status=InitiativeStatus.VERIFIED)
    if access.states:
        condition |= Q(state_id__in=sorted(access.states))
    return condition


def can_view_initiative(user, initiative: Initiative) -> bool:
    access = access_for(user)
    return (
        access.secretariat
        or initiative.status == InitiativeStatus.VERIFIED
        or initiative.state_id in access.states
    )


def can_edit_initiative(user, initiative: Initiative) -> bool:
    """The state's focal point changes a draft, or an entry the Secretariat asked back about,
    while the cycle is open."""
    return (
        initiative.is_editable
        and initiative.cycle.is_open
        and can_report_for(user, initiative.state_id)
    )


def get_cycle_for_user(request, pk: int) -> ReportingCycle:
    """A cycle for the Secretariat or a focal point; 403 for anyone else."""
    if not can_use_monitoring_workspace(request.user):
        raise PermissionDenied(_("Only the Secretariat and national focal points report."))
    return get_object_or_404(ReportingCycle.objects.select_related("framework"), pk=pk)


def get_initiative_for_user(request, pk: int) -> Initiative:
    """An entry the user may read, with its cycle, state and people loaded; 404 otherwise (an
    unpublished entry of another state does not exist for the reader)."""
    initiative = (
        Initiative.objects.select_related(
            "cycle", "cycle__framework", "state", "reported_by", "submitted_by", "verified_by"
        )
        .prefetch_related(
            Prefetch("goals", queryset=goals_in_founding_order()),
            Prefetch("action_items", queryset=ActionItem.objects.order_by("order")),
        )
        .filter(pk=pk)
        .first()
    )
    if initiative is None or not can_view_initiative(request.user, initiative):
        raise Http404(_("No such entry, or you may not read it."))
    return initiative
