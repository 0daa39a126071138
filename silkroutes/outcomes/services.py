"""Writes of outcomes and action points. Every change is atomic and recorded in the history with
its author; a change based on a stale version is refused with a ``ConflictError`` instead of
silently overwriting what someone else saved (an ``UPDATE … WHERE version = expected``, so two
editors cannot both win, whatever the database)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from silkroutes.core.pagecache import data_changed
from silkroutes.documents.tiers import AccessTier
from silkroutes.meetings.models import MeetingStatus
from silkroutes.notifications.services import absolute_url, notify

from .models import ActionPoint, Outcome, OutcomeRevision
from .permissions import OutcomeSeen, outcome_seen_by
from .queries import UNRESTRICTED, action_points_visible_to, people_responsible_for


class ConflictError(ValidationError):
    """Someone else saved the record since the editor loaded it. Carries both sides, so that
    nothing is lost: ``current_*`` (what is saved now) and ``your_*`` (what was refused)."""

    def __init__(self, message, *, current, your_title: str = "", your_text: str = ""):
        super().__init__(message, code="conflict")
        self.current = current
        self.current_version = current.version
        self.current_title = getattr(current, "title", "")
        self.current_text = getattr(current, "text", getattr(current, "description", ""))
        self.your_title = your_title
        self.your_text = your_text


def _record_history(instance, *, by, reason: str) -> None:
    """A history record for a row changed by ``QuerySet.update``, which sends no signal: so the
    public pages' cache is told too."""
    instance.refresh_from_db()
    instance._history_user, instance._change_reason = by, reason
    type(instance).history.bulk_history_create(
        [instance], update=True, default_user=by, default_change_reason=reason
    )
    data_changed()


def _save(instance, *, by, reason: str) -> None:
    instance._history_user = by
    instance._change_reason = reason
    instance.full_clean()
    instance.save()


@transaction.atomic
def adopt_outcome(
    meeting,
    *,
    kind: str,
    title: str,
    text: str,
    by,
    goals=(),
    projects=(),
    bodies=(),
    access_tier: str = AccessTier.PUBLIC,
    publish: bool = False,
) -> Outcome:
    """Record an outcome adopted at a held meeting, tagged with the goals, projects and bodies
    it concerns. A draft (Secretariat only) unless ``publish``.

    Side effects: revision 1 with the adopted text; a history record."""
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError(
            _("Outcomes are recorded for a meeting that has been held; this one is %(status)s.")
            % {"status": meeting.get_status_display()}
        )
    now = timezone.now()
    outcome = Outcome(
        meeting=meeting,
        kind=kind,
        title=title,
        text=text,
        access_tier=access_tier,
        published_at=now if publish else None,
        adopted_by=by,
        adopted_at=now,
        updated_at=now,
    )
    _save(outcome, by=by, reason="adopted")
    outcome.goals.set(goals)
    outcome.projects.set(projects)
    outcome.bodies.set(bodies)
    OutcomeRevision.objects.create(
        outcome=outcome, number=1, title=title, text=text, author=by, created_at=now
    )
    return outcome


def _conflict_message(current, last_author, what: str) -> str:
    return _(
        "While you were editing, %(who)s saved this %(what)s (version %(version)s). Nothing of "
        "yours was saved; your text is kept in the form. Their text now reads: “%(text)s”"
    ) % {
        "who": last_author or _("someone else"),
        "what": what,
        "version": current.version,
        "text": getattr(current, "text", getattr(current, "description", "")),
    }


@transaction.atomic
def revise_outcome(outcome: Outcome, *, text: str, title: str, expected_version: int, by):
    """Save a new revision of an outcome's title and text, if nobody else saved one since
    ``expected_version``; otherwise raise ``ConflictError`` carrying both texts.

    Side effects: a new ``OutcomeRevision``; the version goes up; a history record."""
    now = timezone.now()
    saved = Outcome.objects.filter(pk=outcome.pk, version=expected_version).update(
        title=title, text=text, version=expected_version + 1, updated_at=now
    )
    if not saved:
        current = Outcome.objects.get(pk=outcome.pk)
        last = current.revisions.select_related("author").order_by("-number").first()
        raise ConflictError(
            _conflict_message(current, last.author if last else None, _("outcome")),
            current=current,
            your_title=title,
            your_text=text,
        )
    OutcomeRevision.objects.create(
        outcome=outcome,
        number=expected_version + 1,
        title=title,
        text=text,
        author=by,
        created_at=now,
    )
    _record_history(outcome, by=by, reason="revised")
    return outcome


@transaction.atomic
def publish_outcome(outcome: Outcome, *, by) -> Outcome:
    """Publish a draft outcome: the people its tier names may read it, with its action points.

    Side effects: ``published_at`` set; a history record."""
    if outcome.is_published:
        return outcome
    # The version stays: publishing does not change the text someone may be editing.
    Outcome.objects.filter(pk=outcome.pk).update(published_at=timezone.now())
    _record_history(outcome, by=by, reason="published")
    return outcome


@transaction.atomic
def add_action_point(
    outcome: Outcome,
    *,
    description: str,
    by,
    owner_organisation=None,
    owner_body=None,
    due_date=None,
) -> ActionPoint:
    """Add an action point with one owner (a state or organisation, or a body).

    Side effects: a history record."""
    action_point = ActionPoint(
        outcome=outcome,
        description=description,
        owner_organisation=owner_organisation,
        owner_body=owner_body,
        due_date=due_date,
        created_by=by,
    )
    _save(action_point, by=by, reason="added")
    return action_point


# Status changes: the statuses an action point may come from, per new status.
_ALLOWED_FROM = {
    ActionPoint.Status.DONE: (ActionPoint.Status.OPEN,),
    ActionPoint.Status.DROPPED: (ActionPoint.Status.OPEN,),
    ActionPoint.Status.OPEN: (ActionPoint.Status.DONE, ActionPoint.Status.DROPPED),
}


def _change_status(action_point, new_status, *, by, expected_version=None):
    expected = action_point.version if expected_version is None else expected_version
    saved = ActionPoint.objects.filter(
        pk=action_point.pk, version=expected, status__in=_ALLOWED_FROM[new_status]
    ).update(
        status=new_status,
        done_at=timezone.now() if new_status == ActionPoint.Status.DONE else None,
        version=expected + 1,
    )
    if not saved:
        current = ActionPoint.objects.get(pk=action_point.pk)
        if current.version != expected:
            raise ConflictError(
                _conflict_message(current, None, _("action point")), current=current
            )
        raise ValidationError(
            _("The action point is %(status)s already.") % {"status": current.get_status_display()}
        )
    _record_history(action_point, by=by, reason=new_status)
    return action_point


@transaction.atomic
def complete_action_point(action_point: ActionPoint, *, by, expected_version=None):
    """Mark an open action point done. Side effects: ``done_at`` set; a history record."""
    return _change_status(
        action_point, ActionPoint.Status.DONE, by=by, expected_version=expected_version
    )


@transaction.atomic
def drop_action_point(action_point: ActionPoint, *, by, expected_version=None):
    """Drop an open action point (it will not be done). Side effects: a history record."""
    return _change_status(
        action_point, ActionPoint.Status.DROPPED, by=by, expected_version=expected_version
    )


@transaction.atomic
def reopen_action_point(action_point: ActionPoint, *, by, expected_version=None):
    """Open a done or dropped action point again. Side effects: ``done_at`` cleared; a history
    record."""
    return _change_status(
        action_point, ActionPoint.Status.OPEN, by=by, expected_version=expected_version
    )


REMIND_DAYS_BEFORE = 7
REMIND_OVERDUE_EVERY_DAYS = 7


def send_action_point_reminders(*, today: dt.date | None = None) -> dict[str, int]:
    """Remind the owners of open action points due in seven days (on that day) and of overdue
    ones (at most once a week), so that running it daily sends each reminder once.

    Side effects: e-mails through ``notify`` (after each action point's transaction commits);
    ``last_reminded_on`` set (outside the history: it is the platform's bookkeeping)."""
    today = today or timezone.localdate()
    due_soon = today + dt.timedelta(days=REMIND_DAYS_BEFORE)
    last_week = today - dt.timedelta(days=REMIND_OVERDUE_EVERY_DAYS)
    candidates = action_points_visible_to(UNRESTRICTED).filter(status=ActionPoint.Status.OPEN)
    counts = {"due": 0, "overdue": 0}
    batches = (
        ("due", candidates.filter(due_date=due_soon).exclude(last_reminded_on=today)),
        (
            "overdue",
            candidates.filter(due_date__lt=today).filter(
                Q(last_reminded_on__isnull=True) | Q(last_reminded_on__lte=last_week)
            ),
        ),
    )
    for which, action_points in batches:
        for action_point in action_points:
            if _remind(action_point, which=which, today=today):
                counts[which] += 1
    return counts


@transaction.atomic
def _remind(action_point: ActionPoint, *, which: str, today: dt.date) -> bool:
    people = people_responsible_for(action_point, today)
    ActionPoint.objects.filter(pk=action_point.pk).update(last_reminded_on=today)
    if not people:
        return False
    if which == "due":
        subject = _("Action point due on %(date)s")
    else:
        subject = _("Action point overdue since %(date)s")
    # An owner may not read the outcome: those people are told of "a restricted outcome" and
    # sent to their list of action points instead of the outcome's page, which they cannot open.
    groups: dict[bool, tuple[OutcomeSeen, list]] = {}
    for person in people:
        seen = outcome_seen_by(person, action_point)
        groups.setdefault(seen.restricted, (seen, []))[1].append(person)
    for seen, group in groups.values():
        notify(
            group,
            subject=subject % {"date": action_point.due_date.isoformat()},
            template=f"outcomes/email/action_point_{which}.txt",
            context=_reminder_context(action_point, seen),
        )
    return True


def _reminder_context(action_point: ActionPoint, seen: OutcomeSeen) -> dict:
    if seen.restricted:
        link = reverse("workspace:action_point_list")
    else:
        link = reverse("workspace:outcome_detail", args=[seen.pk])
    return {
        "owner": str(action_point.owner),
        "description": action_point.description,
        "due_date": action_point.due_date.isoformat(),
        "outcome_title": None if seen.restricted else seen.title,
        "meeting_title": action_point.outcome.meeting.title,
        "link": absolute_url(link),
    }
