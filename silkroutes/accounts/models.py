"""Who a signed-in person acts for. A user account is tied to organisations through dated
memberships; what a person may do follows from those memberships and from the dated roles of
their organisations (the chair of a body while the chairmanship lasts)."""

import datetime as dt
import hashlib
import hmac
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Membership(models.Model):
    class Kind(models.TextChoices):
        SECRETARIAT = "secretariat", _("Secretariat staff")
        FOCAL_POINT = "focal-point", _("national focal point")
        DONOR = "donor", _("donor's representative")
        IMPLEMENTER = "implementer", _("implementing organisation's representative")
        CHAIR_OFFICE = "chair-office", _("Chairmanship staff")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        "actors.Organisation",
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("acts as"), max_length=20, choices=Kind)
    start = models.DateField(_("from"), default=dt.date.today)
    end = models.DateField(
        _("until"),
        null=True,
        blank=True,
        help_text=_("Leave empty while the person acts in this capacity"),
    )

    class Meta:
        ordering = ["user", "organisation__name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "kind", "start"], name="one_membership_per_start"
            ),
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="membership_ends_after_start",
                violation_error_message=_("A membership cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_kind_display()} — {self.organisation}"

    def active_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def clean(self) -> None:
        super().clean()
        if self.kind == self.Kind.FOCAL_POINT and self.organisation_id:
            from silkroutes.actors.models import Organisation

            if self.organisation.kind != Organisation.Kind.GOVERNMENT:
                raise ValidationError(
                    {"organisation": _("A national focal point acts for a state's government.")}
                )


class ApiToken(models.Model):
    """A key for the JSON API, owned by one user and acting as that user.

    The key is ``srp_<prefix>_<secret>``. Only the prefix (to find the token and to show it in
    lists) and the SHA-256 hash of the secret are stored: the whole key is shown once, when the
    token is created (``silkroutes.accounts.services.create_token``)."""

    class Scope(models.TextChoices):
        READ = "read", _("read")
        WRITE = "write", _("read and write")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for"))
    scope = models.CharField(_("scope"), max_length=10, choices=Scope, default=Scope.READ)
    prefix = models.CharField(_("key prefix"), max_length=16, unique=True)
    secret_hash = models.CharField(_("SHA-256 of the secret"), max_length=64)
    created = models.DateTimeField(_("created"), default=timezone.now)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created", "pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def can_write(self) -> bool:
        return self.scope == self.Scope.WRITE

    def matches(self, secret: str) -> bool:
        """Whether ``secret`` is this token's secret (compared in constant time)."""
        digest = hashlib.sha256(secret.encode()).hexdigest()
        return hmac.compare_digest(digest, self.secret_hash)


class Anonymisation(models.Model):
    """One person anonymised: the log of what was done, and the key that finds the person's rows
    again after an older backup is restored (``silkroutes.accounts.privacy``).

    It holds no name or address: the account's id with the SHA-256 of its user name, the
    SHA-256 of the person's e-mail addresses and of the delegation members' names, and the ids
    of those members. Each entry is also appended to the anonymisation ledger, a file kept
    outside the database (``ANONYMISATION_LEDGER``), so that a restore of a backup made before
    the anonymisation applies it again (docs/decisions/0014-personal-data.md)."""

    class Reason(models.TextChoices):
        REQUEST = "request", _("at the person's request")
        RETENTION = "retention", _("retention period over")

    key = models.UUIDField(_("key"), unique=True, default=uuid.uuid4, editable=False)
    created = models.DateTimeField(_("anonymised at"), default=timezone.now)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    account_id = models.PositiveBigIntegerField(_("account id"), null=True, blank=True)
    username_hash = models.CharField(_("SHA-256 of the user name"), max_length=64, blank=True)
    email_hashes = models.JSONField(_("SHA-256 of the e-mail addresses"), default=list)
    member_ids = models.JSONField(_("delegation member ids"), default=list)
    name_hashes = models.JSONField(_("SHA-256 of the delegation members' names"), default=list)
    counts = models.JSONField(_("rows changed, per kind"), default=dict)
    reapplied_at = models.DateTimeField(_("last applied again"), null=True, blank=True)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("anonymisation")
        verbose_name_plural = _("anonymisations")

    def __str__(self) -> str:
        return self.pseudonym

    @property
    def pseudonym(self) -> str:
        """The name that replaces the person's name everywhere."""
        return f"Anonymised person {self.key.hex[:8]}"

    @property
    def pseudonym_username(self) -> str:
        return f"anonymised-{self.key.hex[:12]}"
