"""Changes to meetings: the lifecycle from a foreseen date to a held meeting, its agenda, the
invitations, the delegations and the attendance.

Each function checks who acts (``by``, through ``permissions.py``) and what the meeting allows,
and raises ``ValidationError`` with a message for the person when the step is not allowed.
Every change to the meeting row adds one to ``Meeting.revision`` (the SEQUENCE of its calendar
entry) and writes a version to its history (django-simple-history, with ``by`` as the user and
the step as the reason); every change of status also writes a ``MeetingStatusChange``.
Invitations, delegations and attendance carry their own who and when and leave the meeting row
(and so its calendar entry) alone."""

from collections.abc import Iterable, Mapping, Sequence
from typing import NoReturn

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from modeltranslation.utils import auto_populate

from silkroutes.actors.models import Country, Organisation
from silkroutes.core.fuzzydates import FuzzyDate, Precision, range_in_words
from silkroutes.notifications.services import absolute_url, notify

from . import permissions
from .models import (
    AgendaItem,
    Attendance,
    Body,
    Delegation,
    DelegationMember,
    Invitation,
    Meeting,
    MeetingStatus,
    MeetingStatusChange,
    check_meeting_transition,
)
from .queries_lifecycle import focal_points_of


def _refuse(message: str) -> NoReturn:
    raise ValidationError(message, code="not_allowed")


def _lock(meeting: Meeting) -> None:
    """Lock the meeting's row for this transaction and refuse to work on a stale copy: when
    someone else changed the meeting since it was loaded, say so instead of overwriting."""
    stored = Meeting.objects.select_for_update().filter(pk=meeting.pk).values("revision").first()
    if stored is None:
        _refuse(_("This meeting no longer exists."))
    if stored["revision"] != meeting.revision:
        _refuse(_("Someone else changed this meeting meanwhile; reload it and try again."))


def _save_change(meeting: Meeting, *, by, reason: str, previous_status: str, note: str = ""):
    """Validate and save a changed meeting: one more revision, one more version in its history,
    and a status change when the status moved."""
    meeting.full_clean()
    meeting.revision += 1
    _save_version(meeting, by=by, reason=reason)
    if previous_status != meeting.status:
        MeetingStatusChange.objects.create(
            meeting=meeting,
            previous_status=previous_status,
            status=meeting.status,
            changed_by=by,
            note=note,
        )


def _save_version(meeting: Meeting, *, by, reason: str) -> None:
    """Save the meeting; its history records ``by`` and ``reason`` (not the request's user)."""
    meeting._history_user, meeting._change_reason = by, reason
    try:
        meeting.save()
    finally:
        del meeting._history_user, meeting._change_reason


def _unique_slug(body: Body, date: FuzzyDate) -> str:
    base = slugify(f"{body.slug}-{date}")[:90]
    slug, n = base, 1
    while Meeting.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def foresee_meeting(body: Body, *, date: FuzzyDate, title: str, by) -> Meeting:
    """Foresee a meeting of ``body`` at a date known to the day, month, quarter or year.

    Side effects: a new meeting (status foreseen, revision 0, a slug made from the body and
    the date), its first history version and its first status change (none → foreseen)."""
    if not permissions.can_foresee_meeting_of(by, body):
        _refuse(
            _("Only the Secretariat or the chair of %(body)s can foresee its meetings.")
            % {"body": body}
        )
    if not title.strip():
        _refuse(_("A meeting needs a title."))
    with auto_populate("default"):  # the English title is the fallback of every language
        meeting = Meeting(
            body=body,
            slug=_unique_slug(body, date),
            title=title.strip(),
            date=date.first_day,
            date_precision=date.precision,
            status=MeetingStatus.FORESEEN,
        )
    meeting.full_clean()
    _save_version(meeting, by=by, reason="foreseen")
    MeetingStatusChange.objects.create(
        meeting=meeting, previous_status="", status=meeting.status, changed_by=by
    )
    return meeting


@transaction.atomic
def schedule_meeting(
    meeting: Meeting,
    *,
    first_day,
    last_day=None,
    city: str,
    country: Country | None,
    host: Organisation | None = None,
    by,
) -> Meeting:
    """Fix a meeting's days and place (and host, when known); a scheduled meeting can be
    rescheduled.

    Side effects: the meeting's date (to the day), last day, city, country and host; status
    scheduled; revision + 1; a history version; a status change unless it was scheduled."""
    if not permissions.can_prepare_meeting(by, meeting):
        _refuse(
            _("Only the Secretariat or the chair of %(body)s can schedule its meetings.")
            % {"body": meeting.body}
        )
    check_meeting_transition(meeting.status, MeetingStatus.SCHEDULED)
    if not city.strip() or country is None:
        _refuse(_("A scheduled meeting needs its place: a city and a country."))
    if last_day is not None and last_day < first_day:
        _refuse(_("A meeting cannot end before it starts."))
    _lock(meeting)
    previous = meeting.status
    meeting.date, meeting.date_precision = first_day, Precision.DAY
    meeting.end_date = last_day if last_day != first_day else None
    meeting.city, meeting.country, meeting.host = city.strip(), country, host
    meeting.status = MeetingStatus.SCHEDULED
    _save_change(meeting, by=by, reason="scheduled", previous_status=previous)
    return meeting


@transaction.atomic
def publish_agenda(meeting: Meeting, *, items: Sequence[Mapping], by) -> list[AgendaItem]:
    """Publish (or republish) a meeting's agenda: ``items`` are mappings with ``title`` and
    optional ``goals``, in the order of discussion.

    Side effects: the meeting's agenda items replaced by ``items`` (numbered from 1);
    ``agenda_published_at`` set to now; revision + 1; a history version."""
    if not permissions.can_prepare_meeting(by, meeting):
        _refuse(
            _("Only the Secretariat or the chair of %(body)s can publish its agendas.")
            % {"body": meeting.body}
        )
    if meeting.status == MeetingStatus.CANCELLED:
        _refuse(_("A cancelled meeting has no agenda to publish."))
    titles = [str(item.get("title", "")).strip() for item in items]
    if not titles or not all(titles):
        _refuse(_("An agenda needs at least one item, and every item a title."))
    _lock(meeting)
    meeting.agenda_items.all().delete()
    with auto_populate("default"):
        agenda = [
            AgendaItem(
                meeting=meeting,
                order=n,
                title=title,
                goals=str(item.get("goals", "")).strip(),
            )
            for n, (title, item) in enumerate(zip(titles, items, strict=True), start=1)
        ]
    AgendaItem.objects.bulk_create(agenda)
    meeting.agenda_published_at = timezone.now()
    _save_change(meeting, by=by, reason="agenda published", previous_status=meeting.status)
    return agenda


@transaction.atomic
def postpone_meeting(meeting: Meeting, *, reason: str, new_date: FuzzyDate | None = None, by):
    """Postpone a meeting, to a new (possibly fuzzy) date when one is known.

    Side effects: status postponed; the date replaced by ``new_date`` when given (the last day
    is then unknown); revision + 1; a history version; a status change with the reason."""
    if not permissions.can_manage_meeting(by, meeting):
        _refuse(_("Only the Secretariat can postpone a meeting."))
    check_meeting_transition(meeting.status, MeetingStatus.POSTPONED)
    if not reason.strip():
        _refuse(_("Say why the meeting is postponed."))
    _lock(meeting)
    previous = meeting.status
    if new_date is not None:
        meeting.date, meeting.date_precision = new_date.first_day, new_date.precision
        meeting.end_date = None
    meeting.status = MeetingStatus.POSTPONED
    _save_change(meeting, by=by, reason="postponed", previous_status=previous, note=reason.strip())
    return meeting


@transaction.atomic
def cancel_meeting(meeting: Meeting, *, reason: str, by) -> Meeting:
    """Cancel a meeting; its agenda, invitations and delegations are kept.

    Side effects: status cancelled; revision + 1; a history version; a status change with the
    reason."""
    if not permissions.can_manage_meeting(by, meeting):
        _refuse(_("Only the Secretariat can cancel a meeting."))
    check_meeting_transition(meeting.status, MeetingStatus.CANCELLED)
    if not reason.strip():
        _refuse(_("Say why the meeting is cancelled."))
    _lock(meeting)
    previous = meeting.status
    meeting.status = MeetingStatus.CANCELLED
    _save_change(meeting, by=by, reason="cancelled", previous_status=previous, note=reason.strip())
    return meeting


@transaction.atomic
def hold_meeting(
    meeting: Meeting,
    *,
    participants: int | None = None,
    countries_count: int | None = None,
    organisations_count: int | None = None,
    by,
) -> Meeting:
    """Record that a scheduled meeting took place, with how many persons, countries and
    organisations took part (``None``: not known). Allowed from the meeting's first day on.

    Side effects: status held; the three counts; revision + 1; a history version; a status
    change."""
    if not permissions.can_manage_meeting(by, meeting):
        _refuse(_("Only the Secretariat can record that a meeting was held."))
    check_meeting_transition(meeting.status, MeetingStatus.HELD)
    if meeting.date > timezone.localdate():
        _refuse(
            _("A meeting is held on or after its first day (%(day)s), not before.")
            % {"day": meeting.date.isoformat()}
        )
    _check_counts(participants, countries_count, organisations_count)
    _lock(meeting)
    meeting.participants = participants
    meeting.countries_count = countries_count
    meeting.organisations_count = organisations_count
    meeting.status = MeetingStatus.HELD
    _save_change(meeting, by=by, reason="held", previous_status=MeetingStatus.SCHEDULED)
    return meeting


def _check_counts(*counts: int | None) -> None:
    if any(count is not None and count < 0 for count in counts):
        _refuse(_("Counts of participants cannot be negative."))


# -- invitations, delegations, attendance ---------------------------------------------------------


@transaction.atomic
def invite(meeting: Meeting, *, organisations: Iterable[Organisation], by) -> list[Invitation]:
    """Invite states (their governments) and organisations to a meeting; those already invited
    are left as they are.

    Side effects: one invitation per newly invited organisation; after commit, an e-mail to
    each national focal point of every newly invited state. Returns the new invitations."""
    if not permissions.can_manage_meeting(by, meeting):
        _refuse(_("Only the Secretariat can invite to a meeting."))
    if meeting.status in permissions.CLOSED:
        _refuse(_("A meeting that is held or cancelled takes no more invitations."))
    wanted = {organisation.pk: organisation for organisation in organisations}
    if not wanted:
        _refuse(_("Choose at least one state or organisation to invite."))
    already = set(
        meeting.invitations.filter(organisation__in=wanted).values_list("organisation", flat=True)
    )
    created = Invitation.objects.bulk_create(
        Invitation(meeting=meeting, organisation=organisation, invited_by=by)
        for pk, organisation in sorted(wanted.items())
        if pk not in already
    )
    for invitation in created:
        if invitation.organisation.kind == Organisation.Kind.GOVERNMENT:
            _tell_focal_points(invitation)
    return created


def _tell_focal_points(invitation: Invitation) -> None:
    meeting, state = invitation.meeting, invitation.organisation
    place = ", ".join(p for p in (meeting.city, meeting.country and meeting.country.name) if p)
    notify(
        focal_points_of([state.pk]),
        subject=_("Invitation: %(meeting)s") % {"meeting": meeting.title},
        template="notifications/invitation.txt",
        context={
            "state": state.name,
            "meeting_title": meeting.title,
            "meeting_when": range_in_words(meeting.when, meeting.end_date),
            "meeting_place": place,
            "delegation_url": absolute_url(
                reverse("workspace:delegation", args=[meeting.slug, state.slug])
            ),
        },
    )


@transaction.atomic
def register_delegation(
    meeting: Meeting, *, state: Organisation, members: Sequence[Mapping], by
) -> Delegation:
    """Register a state's delegation to a meeting it is invited to, or replace the members of
    the delegation it registered before. ``members`` are mappings with ``name``, ``function``,
    ``email``, ``phone`` and ``is_head``; exactly one is the head of the delegation.

    Side effects: the state's delegation (created, or its ``updated_at`` moved) and its members
    replaced by ``members`` (persons left out are deleted, with their personal data)."""
    if not permissions.can_register_delegation(by, meeting, state):
        _refuse(
            _("Only a national focal point of %(state)s can register its delegation.")
            % {"state": state}
        )
    if meeting.status in permissions.CLOSED:
        _refuse(
            _("Delegations can no longer be registered: the meeting is %(status)s.")
            % {"status": meeting.get_status_display()}
        )
    if not meeting.invitations.filter(organisation=state).exists():
        _refuse(_("%(state)s is not invited to this meeting.") % {"state": state})
    people = [_delegation_member(member) for member in members]
    if not people:
        _refuse(_("A delegation needs at least one member."))
    heads = sum(person.is_head for person in people)
    if heads != 1:
        _refuse(_("A delegation has exactly one head; %(n)s are marked.") % {"n": heads})
    delegation, created = Delegation.objects.select_for_update().get_or_create(
        meeting=meeting, state=state, defaults={"registered_by": by}
    )
    if not created:
        delegation.members.all().delete()
        delegation.save(update_fields=["updated_at"])
    for person in people:
        person.delegation = delegation
    DelegationMember.objects.bulk_create(people)
    return delegation


def _delegation_member(data: Mapping) -> DelegationMember:
    person = DelegationMember(
        name=str(data.get("name", "")).strip(),
        function=str(data.get("function", "")).strip(),
        email=str(data.get("email", "")).strip(),
        phone=str(data.get("phone", "")).strip(),
        is_head=bool(data.get("is_head")),
    )
    if not person.name:
        _refuse(_("Every member of a delegation needs a name."))
    person.full_clean(exclude=["delegation"], validate_unique=False, validate_constraints=False)
    return person


@transaction.atomic
def record_attendance(
    meeting: Meeting,
    *,
    organisations: Mapping[Organisation, int | None],
    attended_members: Iterable[DelegationMember] = (),
    by,
) -> list[Attendance]:
    """Record who attended a meeting that has begun: the states and organisations present, each
    with its number of persons (``None``: not known), and which members of the registered
    delegations were there. A state with a member present counts as present.

    Side effects: the meeting's attendance rows replaced; every delegation member's
    ``attended`` set to whether they are in ``attended_members``."""
    if not permissions.can_manage_meeting(by, meeting):
        _refuse(_("Only the Secretariat can record attendance."))
    if meeting.status not in (MeetingStatus.SCHEDULED, MeetingStatus.HELD):
        _refuse(_("Attendance is recorded for a scheduled or held meeting."))
    if meeting.date > timezone.localdate():
        _refuse(_("Attendance is recorded once the meeting has begun."))
    _check_counts(*organisations.values())
    members = DelegationMember.objects.filter(delegation__meeting=meeting)
    present = {member.pk for member in attended_members}
    known = dict(members.filter(pk__in=present).values_list("pk", "delegation__state"))
    if set(known) != present:
        _refuse(_("Only members of this meeting's delegations can be marked present."))
    persons = {organisation.pk: count for organisation, count in organisations.items()}
    for state_id in set(known.values()) - set(persons):
        persons[state_id] = sum(1 for s in known.values() if s == state_id)
    members.update(attended=False)
    members.filter(pk__in=present).update(attended=True)
    meeting.attendances.exclude(organisation__in=persons).delete()
    for organisation_id, count in persons.items():
        Attendance.objects.update_or_create(
            meeting=meeting,
            organisation_id=organisation_id,
            defaults={"persons": count, "recorded_by": by, "recorded_at": timezone.now()},
        )
    return list(meeting.attendances.select_related("organisation").order_by("organisation__name"))
