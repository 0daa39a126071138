"""Implementation reporting: the Secretariat opens a reporting cycle under a framework, each
state's focal point reports what the state did (its initiatives), the Secretariat verifies them.
Only verified initiatives are published and counted in the coverage."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from silkroutes.core.fuzzydates import FuzzyDate, fuzzy, mismatch
from silkroutes.core.models import check_ordered_dates, precision_field


class ReportingCycle(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    framework = models.ForeignKey(
        "strategy.Framework",
        on_delete=models.PROTECT,
        related_name="reporting_cycles",
        verbose_name=_("framework"),
    )
    title = models.CharField(_("title"), max_length=200)
    opens = models.DateField(_("opens on"))
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("opened by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-opens", "-pk"]
        verbose_name = _("reporting cycle")
        verbose_name_plural = _("reporting cycles")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(deadline__gte=models.F("opens")),
                name="cycle_deadline_after_opening",
                violation_error_message=_("The deadline cannot be before the cycle opens."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def accepts_new_reports(self, today) -> bool:
        """New entries and first submissions are accepted from the opening to the deadline."""
        return self.is_open and self.opens <= today <= self.deadline

    def clean(self) -> None:
        super().clean()
        if self.opens and self.deadline and self.deadline < self.opens:
            raise ValidationError({"deadline": _("The deadline cannot be before the cycle opens.")})


class InitiativeStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted to the Secretariat")
    QUERY = "query", _("asked back by the Secretariat")
    VERIFIED = "verified", _("verified")
    REJECTED = "rejected", _("rejected")


# Which status may follow which; verified and rejected entries are final.
INITIATIVE_TRANSITIONS: dict[str, frozenset[str]] = {
    InitiativeStatus.DRAFT: frozenset({InitiativeStatus.SUBMITTED}),
    InitiativeStatus.QUERY: frozenset({InitiativeStatus.SUBMITTED}),
    InitiativeStatus.SUBMITTED: frozenset(
        {InitiativeStatus.VERIFIED, InitiativeStatus.QUERY, InitiativeStatus.REJECTED}
    ),
    InitiativeStatus.VERIFIED: frozenset(),
    InitiativeStatus.REJECTED: frozenset(),
}

# The states in which the reporting state may still change its entry.
EDITABLE_STATUSES = frozenset({InitiativeStatus.DRAFT, InitiativeStatus.QUERY})


class Initiative(models.Model):
    """What one state reports it did under a framework: a project, a policy or another measure,
    with the goals and action items it serves."""

    class Kind(models.TextChoices):
        PROJECT = "project", _("project")
        POLICY = "policy", _("policy")
        OTHER = "other", _("other measure")

    cycle = models.ForeignKey(
        ReportingCycle,
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("reporting cycle"),
    )
    state = models.ForeignKey(
        "actors.Organisation",
        on_delete=models.PROTECT,
        related_name="reported_initiatives",
        verbose_name=_("state"),
        limit_choices_to={"kind": "government"},
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"))
    goals = models.ManyToManyField(
        "strategy.PriorityGoal",
        blank=True,
        related_name="initiatives",
        verbose_name=_("priority goals served"),
    )
    action_items = models.ManyToManyField(
        "strategy.ActionItem",
        blank=True,
        related_name="initiatives",
        verbose_name=_("action items served"),
    )
    start = models.DateField(_("start"))
    start_precision = precision_field(_("start known to the"))
    end = models.DateField(_("end"), null=True, blank=True)
    end_precision = precision_field(_("end known to the"))
    status = models.CharField(
        _("status"), max_length=10, choices=InitiativeStatus, default=InitiativeStatus.DRAFT
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reported by"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    secretariat_note = models.TextField(
        _("note of the Secretariat"),
        blank=True,
        help_text=_("The question asked back, or the reason for a rejection"),
    )
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["cycle", "state__name", "start", "pk"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        indexes = [models.Index(fields=["status", "start"])]

    def __str__(self) -> str:
        return f"{self.state}: {self.title}"

    @property
    def start_fuzzy(self) -> FuzzyDate | None:
        return fuzzy(self.start, self.start_precision)

    @property
    def end_fuzzy(self) -> FuzzyDate | None:
        return fuzzy(self.end, self.end_precision)

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    def clean(self) -> None:
        super().clean()
        errors = {}
        for date_field in ("start", "end"):
            precision = getattr(self, f"{date_field}_precision") or None
            problem = mismatch(getattr(self, date_field), precision)
            if problem:
                errors[date_field] = problem
        if errors:
            raise ValidationError(errors)
        check_ordered_dates(
            self.start_fuzzy,
            self.end_fuzzy,
            field="end",
            message=str(_("An initiative cannot end before it starts.")),
        )


class InitiativeStatusChange(models.Model):
    """One step of an entry's review: who moved it from which status to which, when, and why."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="history", verbose_name=_("initiative")
    )
    previous_status = models.CharField(
        _("previous status"), max_length=10, choices=InitiativeStatus, blank=True
    )
    status = models.CharField(_("new status"), max_length=10, choices=InitiativeStatus)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["initiative", "at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.initiative}: {self.previous_status or '—'} → {self.status}"


class ReminderSent(models.Model):
    """A deadline reminder sent to one person for one cycle, so that a reminder is never sent
    twice for the same number of days before the deadline."""

    cycle = models.ForeignKey(
        ReportingCycle, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("cycle")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("to")
    )
    days_before = models.PositiveSmallIntegerField(_("days before the deadline"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "user", "days_before"], name="one_reminder_per_step"
            )
        ]

    def __str__(self) -> str:
        return f"{self.cycle}: {self.user} ({self.days_before})"
