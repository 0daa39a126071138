"""Countries, regions, organisations, their dated roles, and the dialogue's partnerships."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from silkroutes.core.fuzzydates import FuzzyDate
from silkroutes.core.models import Sourced, check_ordered_dates, precision_field


class Country(Sourced):
    """A country by its ISO 3166-1 alpha-2 code; its name follows the reader's language."""

    code = models.CharField(_("ISO 3166 code"), max_length=2, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return str(countries.name(self.code)) or self.code

    def clean(self) -> None:
        super().clean()
        if self.code and self.code not in dict(countries):
            raise ValidationError(
                {"code": _("“%(c)s” is not an ISO 3166-1 alpha-2 code.") % {"c": self.code}}
            )

    def get_absolute_url(self) -> str:
        return reverse("portal:country", args=[self.code.lower()])


class Region(Sourced):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    countries = models.ManyToManyField(
        Country, blank=True, related_name="regions", verbose_name=_("member countries")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class Organisation(Sourced):
    """Any actor that can hold a role, fund or implement a project, or host a meeting. A state
    takes part through its government, an organisation of kind ``government``."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("state (government)")
        INTERNATIONAL = "international", _("international organisation")
        EU_INSTITUTION = "eu-institution", _("EU institution")
        DIALOGUE = "dialogue", _("regional migration dialogue")
        FORUM = "forum", _("global forum")
        SECRETARIAT = "secretariat", _("secretariat")
        NGO = "ngo", _("non-governmental organisation")
        OTHER = "other", _("other")

    class IatiType(models.IntegerChoices):
        # IATI OrganisationType codelist (version 2.03)
        GOVERNMENT = 10, _("Government")
        LOCAL_GOVERNMENT = 11, _("Local Government")
        OTHER_PUBLIC = 15, _("Other Public Sector")
        INTERNATIONAL_NGO = 21, _("International NGO")
        NATIONAL_NGO = 22, _("National NGO")
        REGIONAL_NGO = 23, _("Regional NGO")
        PARTNER_COUNTRY_NGO = 24, _("Partner Country based NGO")
        PPP = 30, _("Public Private Partnership")
        MULTILATERAL = 40, _("Multilateral")
        FOUNDATION = 60, _("Foundation")
        PRIVATE_SECTOR = 70, _("Private Sector")
        ACADEMIC = 80, _("Academic, Training and Research")
        OTHER = 90, _("Other")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    iati_type = models.PositiveSmallIntegerField(
        _("IATI organisation type"), choices=IatiType, null=True, blank=True
    )
    iati_ref = models.CharField(_("IATI organisation identifier"), max_length=100, blank=True)
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("country"),
        help_text=_("The state a government represents, or an organisation's seat"),
    )
    url = models.URLField(_("website"), max_length=500, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.kind == self.Kind.GOVERNMENT and not self.country_id:
            raise ValidationError({"country": _("A state's government needs its country.")})

    def get_absolute_url(self) -> str:
        return reverse("portal:organisation", args=[self.slug])


class Role(Sourced):
    """A dated role: who held what, of which dialogue, forum or body, from when until when.

    A start or end of ``None`` means the source does not say. Single-holder roles (a Chair, a
    Secretariat, the chair of a forum or body) cannot have two holders at overlapping times."""

    class Kind(models.TextChoices):
        CHAIR = "chair", _("Chair")
        CO_CHAIR = "co-chair", _("Co-Chair")
        SECRETARIAT = "secretariat", _("Secretariat")
        BODY_CHAIR = "body-chair", _("chair of a body")
        BODY_CO_CHAIR = "body-co-chair", _("co-chair of a body")
        BODY_MEMBER = "body-member", _("member of a body")
        FORUM_CHAIR = "forum-chair", _("chairmanship of a forum")
        PARTICIPATING_STATE = "participating-state", _("participating state")
        OBSERVER_STATE = "observer-state", _("observer state")

    SINGLE_HOLDER = frozenset(
        {Kind.CHAIR, Kind.CO_CHAIR, Kind.SECRETARIAT, Kind.BODY_CHAIR, Kind.FORUM_CHAIR}
    )
    CHAIR_KINDS = frozenset({Kind.BODY_CHAIR, Kind.BODY_CO_CHAIR})
    BODY_KINDS = frozenset({Kind.BODY_CHAIR, Kind.BODY_CO_CHAIR, Kind.BODY_MEMBER})

    key = models.SlugField(_("key"), max_length=100, unique=True)
    kind = models.CharField(_("role"), max_length=30, choices=Kind)
    holder = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="roles", verbose_name=_("holder")
    )
    of_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="roles_within",
        verbose_name=_("of (dialogue or forum)"),
    )
    body = models.ForeignKey(
        "meetings.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="roles",
        verbose_name=_("of (body)"),
    )
    start = models.DateField(_("start"), null=True, blank=True)
    start_precision = precision_field(_("start known to the"))
    end = models.DateField(_("end"), null=True, blank=True)
    end_precision = precision_field(_("end known to the"))

    fuzzy_date_fields = (("start", "start_precision"), ("end", "end_precision"))

    class Meta:
        ordering = ["kind", "start"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(of_organisation__isnull=False, body__isnull=True)
                    | models.Q(of_organisation__isnull=True, body__isnull=False)
                ),
                name="role_of_organisation_or_body",
                violation_error_message=_("A role is of an organisation or of a body, not both."),
            ),
        ]

    def __str__(self) -> str:
        scope = self.body or self.of_organisation
        return f"{self.holder} — {self.get_kind_display()} — {scope} ({self.period_label})"

    @property
    def start_fuzzy(self) -> FuzzyDate | None:
        return self.fuzzy_value("start")

    @property
    def end_fuzzy(self) -> FuzzyDate | None:
        return self.fuzzy_value("end")

    @property
    def period_label(self) -> str:
        start = str(self.start_fuzzy) if self.start else "?"
        end = str(self.end_fuzzy) if self.end else ""
        return f"{start}–{end}"

    def certain_period(self) -> tuple[dt.date, dt.date]:
        """The days on which the role was certainly held: from the last possible day of its
        start to the first possible day of its end. An unknown start reaches back without limit
        and an open end forward, so a new holder needs the previous one's end recorded."""
        low = self.start_fuzzy.last_day if self.start else dt.date.min
        high = self.end_fuzzy.first_day if self.end else dt.date.max
        return low, high

    def overlaps(self, other: "Role") -> bool:
        """Whether two roles were certainly held at the same time. A handover on one day (one
        ends the day the other starts) and periods that only fuzzy dates blur together (Hungary
        to 2006, Türkiye since January 2006) do not overlap."""
        my_low, my_high = self.certain_period()
        their_low, their_high = other.certain_period()
        return max(my_low, their_low) < min(my_high, their_high)

    def held_on(self, day: dt.date) -> bool:
        """Whether the role may have been held on a day, as far as the sources tell."""
        started = self.start is None or self.start_fuzzy.first_day <= day
        not_ended = self.end is None or day <= self.end_fuzzy.last_day
        return started and not_ended

    def clean(self) -> None:
        super().clean()
        if self.kind in self.BODY_KINDS and not self.body_id:
            raise ValidationError({"body": _("A role in a body needs the body.")})
        if self.kind not in self.BODY_KINDS and not self.of_organisation_id:
            raise ValidationError(
                {"of_organisation": _("This role needs the dialogue or forum it is of.")}
            )
        if self.kind not in self.BODY_KINDS and self.body_id:
            raise ValidationError(
                {"body": _("Only a role in a body (chair, co-chair, member) has a body.")}
            )
        check_ordered_dates(
            self.start_fuzzy,
            self.end_fuzzy,
            field="end",
            message=str(_("The end of a role cannot be before its start.")),
        )
        self._refuse_overlaps()

    def _refuse_overlaps(self) -> None:
        same_scope = (
            Role.objects.filter(
                kind=self.kind, of_organisation_id=self.of_organisation_id, body_id=self.body_id
            )
            .exclude(pk=self.pk)
            .select_related("holder")
        )
        for other in same_scope:
            if not self.overlaps(other):
                continue
            if other.holder_id == self.holder_id:
                raise ValidationError(
                    _("%(holder)s already holds this role for an overlapping period (%(period)s).")
                    % {"holder": other.holder, "period": other.period_label}
                )
            if self.kind in self.SINGLE_HOLDER:
                raise ValidationError(
                    _(
                        "%(role)s is held by one at a time, and %(other)s holds it for an "
                        "overlapping period (%(period)s)."
                    )
                    % {
                        "role": self.get_kind_display(),
                        "other": other.holder,
                        "period": other.period_label,
                    }
                )


class Partnership(Sourced):
    """The dialogue's cooperation with an organisation, another dialogue or a global forum."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    partner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="partnerships",
        verbose_name=_("partner"),
    )
    purpose = models.TextField(_("purpose"))
    start = models.DateField(_("start"), null=True, blank=True)
    start_precision = precision_field(_("start known to the"))
    end = models.DateField(_("end"), null=True, blank=True)
    end_precision = precision_field(_("end known to the"))

    fuzzy_date_fields = (("start", "start_precision"), ("end", "end_precision"))

    class Meta:
        ordering = ["partner__name"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")

    def __str__(self) -> str:
        return str(self.partner)

    def clean(self) -> None:
        super().clean()
        check_ordered_dates(
            self.fuzzy_value("start"),
            self.fuzzy_value("end"),
            field="end",
            message=str(_("A partnership cannot end before it starts.")),
        )
