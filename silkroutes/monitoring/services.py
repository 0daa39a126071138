"""Writes of implementation reporting. Each function takes the acting user explicitly, checks
that the user may act (``PermissionDenied`` otherwise), runs in one transaction and lists its
side effects."""

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from silkroutes.accounts.models import Membership
from silkroutes.actors.models import Organisation
from silkroutes.core.fuzzydates import FuzzyDate
from silkroutes.notifications.services import absolute_url, notify
from silkroutes.strategy.models import ActionItem, Framework, PriorityGoal

from .models import (
    INITIATIVE_TRANSITIONS,
    Initiative,
    InitiativeStatus,
    InitiativeStatusChange,
    ReminderSent,
    ReportingCycle,
)
from .permissions import can_edit_initiative, can_manage_cycles, can_report_for, can_review
from .queries import open_entries_by_state


@transaction.atomic
def open_cycle(
    *, framework: Framework, title: str, opens: dt.date, deadline: dt.date, by
) -> ReportingCycle:
    """Open a reporting cycle under a framework.

    Side effects: a new open ``ReportingCycle``; the focal points of every state are told by
    e-mail (``notify``, after commit) that reporting is open and until when."""
    if not can_manage_cycles(by):
        raise PermissionDenied(_("Only the Secretariat opens a reporting cycle."))
    cycle = ReportingCycle(
        framework=framework, title=title, opens=opens, deadline=deadline, opened_by=by
    )
    cycle.full_clean()
    cycle.save()
    notify(
        focal_points(),
        subject=_("Reporting is open until %(deadline)s: %(title)s")
        % {"deadline": deadline.isoformat(), "title": title},
        template="monitoring/email/cycle_opened.txt",
        context=_cycle_context(cycle),
    )
    return cycle


@transaction.atomic
def close_cycle(cycle: ReportingCycle, *, by) -> ReportingCycle:
    """Close a cycle: no entry can be reported, changed or submitted any more; the Secretariat
    can still review what was submitted.

    Side effects: the cycle's status becomes closed."""
    if not can_manage_cycles(by):
        raise PermissionDenied(_("Only the Secretariat closes a reporting cycle."))
    cycle.status = ReportingCycle.Status.CLOSED
    cycle.save(update_fields=["status"])
    return cycle


@transaction.atomic
def report_initiative(
    cycle: ReportingCycle,
    *,
    state: Organisation,
    by,
    kind: str,
    title: str,
    description: str,
    start: FuzzyDate,
    end: FuzzyDate | None = None,
    goals: Iterable[PriorityGoal] = (),
    action_items: Iterable[ActionItem] = (),
) -> Initiative:
    """A state's focal point records an initiative of the state as a draft.

    Side effects: a new ``Initiative`` (draft) with its goals and action items, and the first
    line of its history."""
    if not can_report_for(by, state.pk):
        raise PermissionDenied(
            _("Only a focal point of %(state)s reports for it.") % {"state": state}
        )
    if not cycle.accepts_new_reports(timezone.localdate()):
        raise ValidationError(_("This reporting cycle does not accept new entries."))
    initiative = Initiative(cycle=cycle, state=state, reported_by=by)
    _write(initiative, kind, title, description, start, end, goals, action_items, cycle)
    _record(initiative, "", InitiativeStatus.DRAFT, by=by)
    return initiative


@transaction.atomic
def update_initiative(
    initiative: Initiative,
    *,
    by,
    kind: str,
    title: str,
    description: str,
    start: FuzzyDate,
    end: FuzzyDate | None = None,
    goals: Iterable[PriorityGoal] = (),
    action_items: Iterable[ActionItem] = (),
) -> Initiative:
    """The state's focal point changes a draft, or an entry the Secretariat asked back about.

    Side effects: the entry's fields, goals and action items are replaced."""
    initiative = _locked(initiative)
    if not can_edit_initiative(by, initiative):
        raise PermissionDenied(_("This entry cannot be changed now, or not by you."))
    _write(initiative, kind, title, description, start, end, goals, action_items, initiative.cycle)
    return initiative


@transaction.atomic
def submit(initiative: Initiative, *, by) -> Initiative:
    """The state's focal point submits a draft (until the deadline), or answers a question of
    the Secretariat (while the cycle is open), for verification.

    Side effects: status submitted, ``submitted_by``; a history line; the Secretariat is told by
    e-mail (``notify``, after commit)."""
    initiative = _locked(initiative)
    if not can_edit_initiative(by, initiative):
        raise PermissionDenied(_("This entry cannot be submitted now, or not by you."))
    first_time = initiative.status == InitiativeStatus.DRAFT
    if first_time and not initiative.cycle.accepts_new_reports(timezone.localdate()):
        raise ValidationError(_("The deadline of this reporting cycle has passed."))
    initiative.submitted_by = by
    _move(initiative, InitiativeStatus.SUBMITTED, by=by, note="")
    notify(
        secretariat_staff(),
        subject=_("%(state)s submitted an initiative: %(title)s")
        % {"state": initiative.state.name, "title": initiative.title},
        template="monitoring/email/submitted.txt",
        context=_initiative_context(initiative),
    )
    return initiative


@transaction.atomic
def verify(initiative: Initiative, *, by, note: str = "") -> Initiative:
    """The Secretariat verifies a submitted entry: it is published and counted in the coverage.

    Side effects: status verified, ``verified_by``, the note kept; a history line; the state's
    focal points are told by e-mail (after commit)."""
    return _review(initiative, InitiativeStatus.VERIFIED, by=by, note=note)


@transaction.atomic
def ask_back(initiative: Initiative, *, by, note: str) -> Initiative:
    """The Secretariat asks the state a question about a submitted entry; the state can change
    it and submit it again.

    Side effects: status query, the question kept as the note; a history line; the state's
    focal points are told by e-mail (after commit)."""
    return _review(initiative, InitiativeStatus.QUERY, by=by, note=note)


@transaction.atomic
def reject(initiative: Initiative, *, by, note: str) -> Initiative:
    """The Secretariat rejects a submitted entry, giving the reason; it is never published.

    Side effects: status rejected, the reason kept as the note; a history line; the state's
    focal points are told by e-mail (after commit)."""
    return _review(initiative, InitiativeStatus.REJECTED, by=by, note=note)


# -- helpers -----------------------------------------------------------------------------------


def _review(initiative: Initiative, new: str, *, by, note: str) -> Initiative:
    initiative = _locked(initiative)
    if not can_review(by):
        raise PermissionDenied(_("Only the Secretariat reviews entries."))
    note = (note or "").strip()
    if new != InitiativeStatus.VERIFIED and not note:
        raise ValidationError(_("Say what the state should clarify, or why the entry is rejected."))
    if new == InitiativeStatus.VERIFIED:
        initiative.verified_by = by
    initiative.secretariat_note = note
    _move(initiative, new, by=by, note=note)
    notify(
        focal_points(state_ids=[initiative.state_id]),
        subject=_("Your entry “%(title)s” is now: %(status)s")
        % {"title": initiative.title, "status": initiative.get_status_display()},
        template="monitoring/email/reviewed.txt",
        context=_initiative_context(initiative),
    )
    return initiative


def _locked(initiative: Initiative) -> Initiative:
    """The entry read again under a row lock, so that two reviewers cannot act on it at once."""
    return (
        Initiative.objects.select_for_update(of=("self",))
        .select_related("cycle", "state")
        .get(pk=initiative.pk)
    )


def _move(initiative: Initiative, new: str, *, by, note: str) -> None:
    previous = initiative.status
    if new not in INITIATIVE_TRANSITIONS[previous]:
        raise ValidationError(
            _("An entry cannot go from “%(a)s” to “%(b)s”.")
            % {"a": InitiativeStatus(previous).label, "b": InitiativeStatus(new).label}
        )
    initiative.status = new
    initiative.save()
    _record(initiative, previous, new, by=by, note=note)


def _record(initiative: Initiative, previous: str, new: str, *, by, note: str = "") -> None:
    InitiativeStatusChange.objects.create(
        initiative=initiative, previous_status=previous, status=new, by=by, note=note
    )


def _write(initiative, kind, title, description, start, end, goals, action_items, cycle) -> None:
    """Set the reported fields, validate them with the model's rules, save, set the links."""
    action_items = list(action_items)
    foreign = [item for item in action_items if item.framework_id != cycle.framework_id]
    if foreign:
        raise ValidationError(
            {"action_items": _("Choose action items of the cycle's framework only.")}
        )
    initiative.kind = kind
    initiative.title = title.strip()
    initiative.description = description.strip()
    initiative.start, initiative.start_precision = start.first_day, start.precision
    initiative.end = end.first_day if end else None
    initiative.end_precision = end.precision if end else ""
    initiative.full_clean()
    initiative.save()
    initiative.goals.set(list(goals))
    initiative.action_items.set(action_items)


def _active_members(kind: str, organisation_ids=None):
    today = timezone.localdate()
    memberships = Membership.objects.filter(kind=kind, start__lte=today).filter(
        Q(end__isnull=True) | Q(end__gte=today)
    )
    if organisation_ids is not None:
        memberships = memberships.filter(organisation_id__in=list(organisation_ids))
    return (
        get_user_model()
        .objects.filter(is_active=True, memberships__in=memberships)
        .distinct()
        .order_by("pk")
    )


def focal_points(state_ids=None):
    """The people acting today as focal point of any state, or of the states given."""
    return _active_members(Membership.Kind.FOCAL_POINT, state_ids)


def secretariat_staff():
    return _active_members(Membership.Kind.SECRETARIAT)


def _cycle_context(cycle: ReportingCycle) -> dict:
    return {
        "title": cycle.title,
        "framework": str(cycle.framework),
        "deadline": cycle.deadline.isoformat(),
        "link": absolute_url(reverse("workspace:monitoring_cycle", args=[cycle.pk])),
    }


def _initiative_context(initiative: Initiative) -> dict:
    return {
        "state": initiative.state.name,
        "title": initiative.title,
        "status": str(initiative.get_status_display()),
        "note": initiative.secretariat_note,
        "link": absolute_url(reverse("workspace:monitoring_initiative", args=[initiative.pk])),
    }


REMINDER_DAYS = (14, 7, 1)


def send_deadline_reminders(
    *, today: dt.date | None = None, days: Iterable[int] = REMINDER_DAYS
) -> int:
    """Remind the focal points of every state of each open cycle's deadline, 14, 7 and 1 day(s)
    before it (``days``). A step missed (the command did not run that day) is caught up by the
    next run; no step is sent twice to the same person, so running it often is harmless.

    Side effects: one e-mail per focal point and step (``notify``, after commit), telling how
    many of the state's entries are still drafts or asked back; a ``ReminderSent`` row each.
    Returns the number of reminders sent."""
    today = today or timezone.localdate()
    steps = sorted(set(days))
    sent = 0
    for cycle in ReportingCycle.objects.filter(
        status=ReportingCycle.Status.OPEN, opens__lte=today, deadline__gte=today
    ).select_related("framework"):
        days_left = (cycle.deadline - today).days
        due = [step for step in steps if days_left <= step]
        if due:
            sent += _remind_cycle(cycle, step=min(due), today=today)
    return sent


@transaction.atomic
def _remind_cycle(cycle: ReportingCycle, *, step: int, today: dt.date) -> int:
    days_left = (cycle.deadline - today).days
    already = set(
        ReminderSent.objects.filter(cycle=cycle, days_before=step).values_list("user_id", flat=True)
    )
    pending = open_entries_by_state(cycle)
    memberships = (
        Membership.objects.filter(
            kind=Membership.Kind.FOCAL_POINT, user__is_active=True, start__lte=today
        )
        .filter(Q(end__isnull=True) | Q(end__gte=today))
        .select_related("user", "organisation")
        .order_by("user_id", "organisation__name")
    )
    sent = 0
    for membership in memberships:
        if membership.user_id in already:  # one reminder a person, even for several states
            continue
        already.add(membership.user_id)
        ReminderSent.objects.create(cycle=cycle, user=membership.user, days_before=step)
        notify(
            [membership.user],
            subject=_("Reporting deadline in %(days)s day(s): %(title)s")
            % {"days": days_left, "title": cycle.title},
            template="monitoring/email/deadline_reminder.txt",
            context={
                **_cycle_context(cycle),
                "state": membership.organisation.name,
                "days_left": days_left,
                "open_entries": pending.get(membership.organisation_id, 0),
            },
        )
        sent += 1
    return sent
