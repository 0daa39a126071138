"""Outcomes of a meeting and the action points that follow from them.

An outcome's text is revised, never overwritten: every revision is kept (``OutcomeRevision``)
and ``version`` lets two editors find out that they worked on the same text at once (see
``services.revise_outcome``). Readers are decided by the same access tiers as documents."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from silkroutes.documents.tiers import AccessTier


class Outcome(models.Model):
    class Kind(models.TextChoices):
        CONCLUSION = "conclusion", _("conclusion")
        RECOMMENDATION = "recommendation", _("recommendation")
        DECISION = "decision", _("decision")

    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.PROTECT,
        related_name="outcomes",
        verbose_name=_("adopted at"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"))
    goals = models.ManyToManyField(
        "strategy.PriorityGoal", blank=True, related_name="outcomes", verbose_name=_("goals")
    )
    projects = models.ManyToManyField(
        "programme.Project", blank=True, related_name="outcomes", verbose_name=_("projects")
    )
    bodies = models.ManyToManyField(
        "meetings.Body",
        blank=True,
        related_name="outcomes_concerning",
        verbose_name=_("bodies concerned"),
    )
    access_tier = models.CharField(
        _("who may read it"), max_length=30, choices=AccessTier, default=AccessTier.PUBLIC
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    adopted_at = models.DateTimeField(_("recorded"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting__date", "meeting", "kind", "pk"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class OutcomeRevision(models.Model):
    """One saved state of an outcome's title and text; number 1 is the text as adopted."""

    outcome = models.ForeignKey(
        Outcome, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("outcome")
    )
    number = models.PositiveIntegerField(_("revision"))
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        ordering = ["outcome", "number"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.UniqueConstraint(fields=["outcome", "number"], name="one_revision_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.outcome} — {self.number}"


class ActionPoint(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    outcome = models.ForeignKey(
        Outcome, on_delete=models.CASCADE, related_name="action_points", verbose_name=_("outcome")
    )
    description = models.TextField(_("what is to be done"))
    owner_organisation = models.ForeignKey(
        "actors.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_points",
        verbose_name=_("owner (state or organisation)"),
    )
    owner_body = models.ForeignKey(
        "meetings.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_points",
        verbose_name=_("owner (body)"),
    )
    due_date = models.DateField(
        _("due"), null=True, blank=True, help_text=_("Leave empty when no deadline was set")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)
    last_reminded_on = models.DateField(_("last reminder sent"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["last_reminded_on"])

    class Meta:
        ordering = [models.F("due_date").asc(nulls_last=True), "pk"]
        verbose_name = _("action point")
        verbose_name_plural = _("action points")
        indexes = [models.Index(fields=["status", "due_date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(owner_organisation__isnull=False, owner_body__isnull=True)
                | models.Q(owner_organisation__isnull=True, owner_body__isnull=False),
                name="action_point_has_one_owner",
                violation_error_message=_(
                    "An action point has one owner: a state or organisation, or a body."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(done_at__isnull=True) | models.Q(status="done"),
                name="action_point_done_at_only_when_done",
            ),
        ]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def owner(self):
        return self.owner_organisation or self.owner_body

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def is_overdue(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.due_date is not None and self.due_date < today
