"""Bodies that meet (the Ministerial Conference, Senior Officials, working groups, thematic expert
meetings) and their meetings, from a foreseen year to a held meeting."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from silkroutes.core.fuzzydates import FuzzyDate, Precision
from silkroutes.core.models import Sourced, precision_field


class Body(Sourced):
    class Kind(models.TextChoices):
        MINISTERIAL_CONFERENCE = "ministerial-conference", _("Ministerial Conference")
        SENIOR_OFFICIALS = "senior-officials", _("Senior Officials' Meeting")
        WORKING_GROUP = "working-group", _("regional working group")
        THEMATIC_EXPERT = "thematic-expert", _("thematic expert meeting")
        PREPARATORY = "preparatory", _("preparatory meeting")
        FRIENDS_OF_THE_CHAIR = "friends-of-the-chair", _("Friends of the Chair")
        OTHER = "other", _("other")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    region = models.ForeignKey(
        "actors.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bodies",
        verbose_name=_("region"),
    )
    established = models.DateField(_("established"), null=True, blank=True)
    established_precision = precision_field(_("establishment known to the"))
    focus = models.TextField(_("focus"), blank=True)
    future_perspective = models.TextField(_("future perspective"), blank=True)

    fuzzy_date_fields = (("established", "established_precision"),)

    class Meta:
        ordering = ["kind", "established", "name"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("portal:body", args=[self.slug])


class MeetingStatus(models.TextChoices):
    FORESEEN = "foreseen", _("foreseen")
    SCHEDULED = "scheduled", _("scheduled")
    HELD = "held", _("held")
    POSTPONED = "postponed", _("postponed")
    CANCELLED = "cancelled", _("cancelled")


MEETING_TRANSITIONS: dict[str, frozenset[str]] = {
    MeetingStatus.FORESEEN: frozenset(
        {MeetingStatus.SCHEDULED, MeetingStatus.POSTPONED, MeetingStatus.CANCELLED}
    ),
    MeetingStatus.SCHEDULED: frozenset(
        {MeetingStatus.HELD, MeetingStatus.POSTPONED, MeetingStatus.CANCELLED}
    ),
    MeetingStatus.POSTPONED: frozenset(
        {MeetingStatus.FORESEEN, MeetingStatus.SCHEDULED, MeetingStatus.CANCELLED}
    ),
    MeetingStatus.HELD: frozenset(),
    MeetingStatus.CANCELLED: frozenset(),
}


class Meeting(Sourced):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("body")
    )
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"))
    date_precision = precision_field(_("date known to the"))
    end_date = models.DateField(_("last day"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus, default=MeetingStatus.FORESEEN
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.ForeignKey(
        "actors.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("country"),
    )
    host = models.ForeignKey(
        "actors.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings_hosted",
        verbose_name=_("host"),
    )
    goals = models.ManyToManyField(
        "strategy.PriorityGoal", blank=True, related_name="meetings", verbose_name=_("goals")
    )
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    countries_count = models.PositiveSmallIntegerField(
        _("countries represented"), null=True, blank=True
    )
    organisations_count = models.PositiveSmallIntegerField(
        _("organisations represented"), null=True, blank=True
    )
    description = models.TextField(_("description"), blank=True)
    agenda_published_at = models.DateTimeField(_("agenda published at"), null=True, blank=True)
    revision = models.PositiveIntegerField(
        _("revision"),
        default=0,
        editable=False,
        help_text=_("Counts the changes to the meeting (the SEQUENCE of its calendar entry)"),
    )

    fuzzy_date_fields = (("date", "date_precision"),)

    class Meta:
        ordering = ["date", "body__name", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["date", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("date")),
                name="meeting_ends_after_start",
                violation_error_message=_("A meeting cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.when})"

    @property
    def when(self) -> FuzzyDate:
        return self.fuzzy_value("date")

    @property
    def is_multi_day(self) -> bool:
        return self.end_date is not None and self.end_date > self.date

    def get_absolute_url(self) -> str:
        return reverse("portal:meeting", args=[self.slug])

    def clean(self) -> None:
        super().clean()
        if self.end_date is not None:
            if self.date_precision != Precision.DAY:
                raise ValidationError(
                    {"end_date": _("A last day can be given only when the first day is known.")}
                )
            if self.date and self.end_date < self.date:
                raise ValidationError({"end_date": _("A meeting cannot end before it starts.")})
        if self.status == MeetingStatus.SCHEDULED and self.date_precision != Precision.DAY:
            raise ValidationError(
                {
                    "date": _(
                        "A scheduled meeting has a day; a meeting known only to the month, "
                        "quarter or year is foreseen."
                    )
                }
            )


def check_meeting_transition(previous: str, new: str) -> None:
    if new not in MeetingStatus.values:
        raise ValidationError(_("“%(s)s” is not a meeting status.") % {"s": new})
    if previous != new and new not in MEETING_TRANSITIONS[previous]:
        raise ValidationError(
            _("A meeting cannot go from “%(a)s” to “%(b)s”.")
            % {"a": MeetingStatus(previous).label, "b": MeetingStatus(new).label}
        )


# -- the lifecycle of a meeting in the workspace ------------------------------------------------
# Meeting.revision counts every change to a meeting (iCalendar's SEQUENCE); the status changes
# below say who moved a meeting from one status to another, and django-simple-history (registered
# in translation.py) keeps every version of the meeting row with who changed it and when.


class MeetingStatusChange(models.Model):
    """One step of a meeting's lifecycle: from which status to which, when, by whom, and why
    (the reason for a postponement or a cancellation). The first step has no previous status."""

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("meeting"),
    )
    previous_status = models.CharField(
        _("previous status"), max_length=20, choices=MeetingStatus, blank=True
    )
    status = models.CharField(_("new status"), max_length=20, choices=MeetingStatus)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["meeting", "changed_at", "pk"]
        verbose_name = _("meeting status change")
        verbose_name_plural = _("meeting status changes")

    def __str__(self) -> str:
        return f"{self.meeting.slug}: {self.previous_status or '—'} → {self.status}"


class AgendaItem(models.Model):
    """One item of a meeting's agenda, in the order it is discussed."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=300)
    goals = models.TextField(_("goals of the item"), blank=True)

    class Meta:
        ordering = ["meeting", "order"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "order"],
                name="one_agenda_item_per_place",
                violation_error_message=_("Two agenda items cannot share a place."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class Invitation(models.Model):
    """A state (its government) or an organisation is invited to a meeting."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("meeting")
    )
    organisation = models.ForeignKey(
        "actors.Organisation",
        on_delete=models.PROTECT,
        related_name="invitations",
        verbose_name=_("invited"),
    )
    invited_at = models.DateTimeField(_("invited at"), default=timezone.now)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )

    class Meta:
        ordering = ["meeting", "organisation__name"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organisation"],
                name="one_invitation_per_organisation",
                violation_error_message=_("This organisation is already invited."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.meeting.slug}"


class Delegation(models.Model):
    """A state's delegation to a meeting, registered by one of the state's focal points. A state
    sends one delegation to a meeting; a new registration replaces the list of its members."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="delegations", verbose_name=_("meeting")
    )
    state = models.ForeignKey(
        "actors.Organisation",
        on_delete=models.PROTECT,
        related_name="delegations",
        limit_choices_to={"kind": "government"},
        verbose_name=_("state"),
    )
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["meeting", "state__name"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "state"],
                name="one_delegation_per_state",
                violation_error_message=_("This state has already registered its delegation."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.state} → {self.meeting.slug}"


class DelegationMember(models.Model):
    """A person in a delegation.

    Personal data: ``name``, ``email`` and ``phone`` identify a person; ``function`` may too.
    Only what the Secretariat needs to organise the meeting is kept (e-mail and phone are
    optional), only the state's focal points and the Secretariat see it, and these rows have no
    history: replacing a delegation's members deletes the persons who were removed."""

    delegation = models.ForeignKey(
        Delegation, on_delete=models.CASCADE, related_name="members", verbose_name=_("delegation")
    )
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    is_head = models.BooleanField(_("head of delegation"), default=False)
    attended = models.BooleanField(
        _("attended"), null=True, blank=True, help_text=_("Unknown until attendance is recorded")
    )

    class Meta:
        ordering = ["delegation", "-is_head", "pk"]
        verbose_name = _("member of a delegation")
        verbose_name_plural = _("members of a delegation")
        constraints = [
            models.UniqueConstraint(
                fields=["delegation"],
                condition=models.Q(is_head=True),
                name="one_head_per_delegation",
                violation_error_message=_("A delegation has one head."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Attendance(models.Model):
    """A state or organisation was present at a meeting, with how many persons (when known).
    Members of registered delegations are marked one by one (``DelegationMember.attended``)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("meeting")
    )
    organisation = models.ForeignKey(
        "actors.Organisation",
        on_delete=models.PROTECT,
        related_name="attendances",
        verbose_name=_("state or organisation"),
    )
    persons = models.PositiveSmallIntegerField(_("persons"), null=True, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        ordering = ["meeting", "organisation__name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organisation"], name="one_attendance_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} at {self.meeting.slug}"
