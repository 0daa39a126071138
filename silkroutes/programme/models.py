"""Projects of the programme, their lifecycle, participants and funding records."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from silkroutes.core.fuzzydates import FuzzyDate
from silkroutes.core.models import Sourced, check_ordered_dates, precision_field


class ProjectStatus(models.TextChoices):
    IDENTIFIED = "identified", _("identified")
    UNDER_CONSIDERATION = "under-consideration", _("under consideration")
    LAUNCHED = "launched", _("launched")
    COMPLETED = "completed", _("completed")
    CANCELLED = "cancelled", _("cancelled")
    ABSORBED = "absorbed", _("absorbed into another project")


# Which status may follow which. A project enters the record at whatever stage its first source
# reports; from then on it moves only along these arrows.
PROJECT_TRANSITIONS: dict[str, frozenset[str]] = {
    ProjectStatus.IDENTIFIED: frozenset(
        {ProjectStatus.UNDER_CONSIDERATION, ProjectStatus.CANCELLED, ProjectStatus.ABSORBED}
    ),
    ProjectStatus.UNDER_CONSIDERATION: frozenset(
        {
            ProjectStatus.IDENTIFIED,
            ProjectStatus.LAUNCHED,
            ProjectStatus.CANCELLED,
            ProjectStatus.ABSORBED,
        }
    ),
    ProjectStatus.LAUNCHED: frozenset(
        {ProjectStatus.COMPLETED, ProjectStatus.CANCELLED, ProjectStatus.ABSORBED}
    ),
    ProjectStatus.COMPLETED: frozenset(),
    ProjectStatus.CANCELLED: frozenset(),
    ProjectStatus.ABSORBED: frozenset(),
}


def check_transition(previous: str | None, new: str) -> None:
    """Refuse a status change that the project lifecycle does not allow."""
    if new not in ProjectStatus.values:
        raise ValidationError(_("“%(s)s” is not a project status.") % {"s": new})
    if previous is None or previous == new:
        return
    if new not in PROJECT_TRANSITIONS[previous]:
        allowed = ", ".join(
            str(ProjectStatus(s).label) for s in sorted(PROJECT_TRANSITIONS[previous])
        )
        raise ValidationError(
            _(
                "A project cannot go from “%(a)s” to “%(b)s”; "
                "from “%(a)s” it can go to: %(allowed)s."
            )
            % {
                "a": ProjectStatus(previous).label,
                "b": ProjectStatus(new).label,
                "allowed": allowed or _("nothing (it is final)"),
            }
        )


class Project(Sourced):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(
        _("title"),
        max_length=400,
        blank=True,
        help_text=_("Leave empty when no source gives the project's title"),
    )
    designation = models.TextField(
        _("as the source describes it"),
        blank=True,
        help_text=_("For a project without a known title: the source's own words"),
    )
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=30, choices=ProjectStatus, default=ProjectStatus.IDENTIFIED
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_start_precision = precision_field(_("planned start known to the"))
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    planned_end_precision = precision_field(_("planned end known to the"))
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_start_precision = precision_field(_("actual start known to the"))
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    actual_end_precision = precision_field(_("actual end known to the"))
    goals = models.ManyToManyField(
        "strategy.PriorityGoal", blank=True, related_name="projects", verbose_name=_("goals")
    )
    areas = models.ManyToManyField(
        "strategy.Area", blank=True, related_name="projects", verbose_name=_("areas")
    )
    absorbed_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="absorbed",
        verbose_name=_("absorbed into"),
    )

    fuzzy_date_fields = (
        ("planned_start", "planned_start_precision"),
        ("planned_end", "planned_end_precision"),
        ("actual_start", "actual_start_precision"),
        ("actual_end", "actual_end_precision"),
    )

    class Meta:
        ordering = ["actual_start", "planned_start", "slug"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        """The title, or for a project without a known title the source's description of it."""
        return self.title or self.designation or self.slug

    @property
    def has_known_title(self) -> bool:
        return bool(self.title)

    @property
    def start(self) -> FuzzyDate | None:
        return self.fuzzy_value("actual_start") or self.fuzzy_value("planned_start")

    @property
    def end(self) -> FuzzyDate | None:
        return self.fuzzy_value("actual_end") or self.fuzzy_value("planned_end")

    def get_absolute_url(self) -> str:
        return reverse("portal:project", args=[self.slug])

    def clean(self) -> None:
        super().clean()
        if not self.title and not self.designation:
            raise ValidationError(
                {"title": _("Give the title, or the source's own words for an untitled project.")}
            )
        for start, end in (("planned_start", "planned_end"), ("actual_start", "actual_end")):
            check_ordered_dates(
                self.fuzzy_value(start),
                self.fuzzy_value(end),
                field=end,
                message=str(_("The end cannot be before the start.")),
            )
        if self.status == ProjectStatus.ABSORBED and not self.absorbed_into_id:
            raise ValidationError({"absorbed_into": _("Say which project absorbed this one.")})
        if self.absorbed_into_id and self.status != ProjectStatus.ABSORBED:
            raise ValidationError(
                {"absorbed_into": _("Only an absorbed project names the project that took it in.")}
            )
        if self.absorbed_into_id and self.absorbed_into_id == self.pk:
            raise ValidationError({"absorbed_into": _("A project cannot absorb itself.")})


class ProjectStatusChange(Sourced):
    """One step of a project's lifecycle: when it happened, who recorded it and why."""

    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("project"),
    )
    previous_status = models.CharField(
        _("previous status"), max_length=30, choices=ProjectStatus, blank=True
    )
    status = models.CharField(_("new status"), max_length=30, choices=ProjectStatus)
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = precision_field(_("date known to the"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    note = models.TextField(_("note"), blank=True)

    fuzzy_date_fields = (("date", "date_precision"),)

    class Meta:
        ordering = ["project", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.project}: {self.get_status_display()} ({self.fuzzy_value('date') or '?'})"


class ProjectLink(Sourced):
    """A project builds upon an earlier one (strategy §1: "Building upon the experience…")."""

    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="predecessor_links",
        verbose_name=_("project"),
    )
    builds_on = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="successor_links",
        verbose_name=_("builds on"),
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("predecessor")
        verbose_name_plural = _("predecessors")
        constraints = [
            models.UniqueConstraint(fields=["project", "builds_on"], name="one_link_per_pair"),
            models.CheckConstraint(
                condition=~models.Q(project=models.F("builds_on")),
                name="no_self_link",
                violation_error_message=_("A project cannot build on itself."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} ← {self.builds_on}"


class RecipientCountry(Sourced):
    class Level(models.TextChoices):
        NATIONAL = "national", _("national level")
        REGIONAL = "regional", _("regional level")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="recipients", verbose_name=_("project")
    )
    country = models.ForeignKey(
        "actors.Country",
        on_delete=models.PROTECT,
        related_name="projects_received",
        verbose_name=_("country"),
    )
    level = models.CharField(_("level"), max_length=20, choices=Level, default=Level.NATIONAL)

    class Meta:
        ordering = ["project", "country__code"]
        verbose_name = _("recipient country")
        verbose_name_plural = _("recipient countries")
        constraints = [
            models.UniqueConstraint(fields=["project", "country"], name="one_recipient_entry"),
        ]

    def __str__(self) -> str:
        return f"{self.country} ({self.get_level_display()})"


class Participation(Sourced):
    """An organisation's part in a project: the four IATI roles, lead partner, or an expressed
    interest to support it."""

    class Role(models.TextChoices):
        FUNDING = "funding", _("funding")
        ACCOUNTABLE = "accountable", _("accountable")
        EXTENDING = "extending", _("extending")
        IMPLEMENTING = "implementing", _("implementing")
        LEAD_PARTNER = "lead-partner", _("lead partner")
        INTEREST = "interest", _("expressed interest to support")

    IATI_ROLE_CODES = {
        Role.FUNDING: 1,
        Role.ACCOUNTABLE: 2,
        Role.EXTENDING: 3,
        Role.IMPLEMENTING: 4,
    }

    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("project"),
    )
    organisation = models.ForeignKey(
        "actors.Organisation",
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role)

    class Meta:
        ordering = ["project", "role", "organisation__name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation", "role"], name="one_participation_per_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.get_role_display()}"


_CURRENCY = re.compile(r"^[A-Z]{3}$")


def check_currency(code: str, field: str = "currency") -> None:
    """Refuse a currency that is not written as an ISO 4217 code."""
    if code and not _CURRENCY.match(code):
        raise ValidationError(
            {field: _("“%(c)s” is not an ISO 4217 code such as EUR.") % {"c": code}}
        )


class FundingRecord(Sourced):
    """Money for a project: an expressed interest, a pledge, a commitment or a disbursement."""

    class Kind(models.TextChoices):
        INTEREST = "interest", _("expressed interest")
        PLEDGE = "pledge", _("pledge")
        COMMITMENT = "commitment", _("commitment")
        DISBURSEMENT = "disbursement", _("disbursement")

    class Firmness(models.TextChoices):
        FIRM = "firm", _("firm")
        INDICATIVE = "indicative", _("indicative")
        UNKNOWN = "unknown", _("not stated")

    # Kinds that promise or move money (an interest does not).
    MONEY_KINDS = frozenset({Kind.PLEDGE, Kind.COMMITMENT, Kind.DISBURSEMENT})

    key = models.SlugField(_("key"), max_length=100, unique=True)
    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="funding", verbose_name=_("project")
    )
    donor = models.ForeignKey(
        "actors.Organisation",
        on_delete=models.PROTECT,
        related_name="funding",
        verbose_name=_("donor"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    amount = models.DecimalField(
        _("amount"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency (ISO 4217)"), max_length=3, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = precision_field(_("date known to the"))
    note = models.TextField(_("note"), blank=True)
    firmness = models.CharField(
        _("firmness"), max_length=12, choices=Firmness, default=Firmness.UNKNOWN
    )
    follows = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followed_by",
        verbose_name=_("follows"),
        help_text=_("The earlier record this one makes firmer (an interest turned into a pledge)"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    fuzzy_date_fields = (("date", "date_precision"),)

    class Meta:
        ordering = ["project", "date", "pk"]
        verbose_name = _("funding record")
        verbose_name_plural = _("funding records")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="funding_amount_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        money = f"{self.amount} {self.currency}" if self.amount is not None else "—"
        return f"{self.donor}: {self.get_kind_display()} {money} → {self.project}"

    @property
    def date_fuzzy(self) -> FuzzyDate | None:
        """The date as known (``when`` is left free: pages set it themselves)."""
        return self.fuzzy_value("date")

    def clean(self) -> None:
        super().clean()
        if self.amount is not None and self.amount < 0:
            raise ValidationError({"amount": _("An amount cannot be negative.")})
        if self.amount is not None and not self.currency:
            raise ValidationError({"currency": _("An amount needs its currency.")})
        check_currency(self.currency)
        if self.kind == self.Kind.INTEREST and self.firmness == self.Firmness.FIRM:
            raise ValidationError(
                {"firmness": _("An expressed interest is not firm; record a pledge instead.")}
            )
        if self.follows_id and self.follows_id == self.pk:
            raise ValidationError({"follows": _("A record cannot follow itself.")})
        if self.follows_id and (
            self.follows.project_id != self.project_id or self.follows.donor_id != self.donor_id
        ):
            raise ValidationError(
                {"follows": _("A record follows an earlier one of the same donor and project.")}
            )


class Budget(Sourced):
    """What a project is expected to cost over a period: the basis of its funding gap.

    The codes follow IATI (BudgetType: original or revised; BudgetStatus: indicative or
    committed). A project without a budget has no computable gap, only its funding."""

    class Kind(models.TextChoices):
        ORIGINAL = "original", _("original")
        REVISED = "revised", _("revised")

    class Status(models.TextChoices):
        INDICATIVE = "indicative", _("indicative")
        COMMITTED = "committed", _("committed")

    IATI_KIND = {Kind.ORIGINAL: 1, Kind.REVISED: 2}
    IATI_STATUS = {Status.INDICATIVE: 1, Status.COMMITTED: 2}

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="budgets", verbose_name=_("project")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.ORIGINAL)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.INDICATIVE)
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2)
    currency = models.CharField(_("currency (ISO 4217)"), max_length=3)
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_start_precision = precision_field(_("period start known to the"))
    period_end = models.DateField(_("period end"), null=True, blank=True)
    period_end_precision = precision_field(_("period end known to the"))
    note = models.TextField(_("note"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    fuzzy_date_fields = (
        ("period_start", "period_start_precision"),
        ("period_end", "period_end_precision"),
    )

    class Meta:
        ordering = ["project", "period_start", "pk"]
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0),
                name="budget_amount_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.amount} {self.currency} ({self.get_kind_display()})"

    def clean(self) -> None:
        super().clean()
        if self.amount is not None and self.amount < 0:
            raise ValidationError({"amount": _("An amount cannot be negative.")})
        check_currency(self.currency)
        check_ordered_dates(
            self.fuzzy_value("period_start"),
            self.fuzzy_value("period_end"),
            field="period_end",
            message=str(_("The end cannot be before the start.")),
        )


class FundingSummary(models.Model):
    """What one project holds in one currency: per kind of funding record the sum of the amounts
    (None when no record of that kind states one) and the number of records, what the donors
    cover (the largest of each donor's pledges, commitments and disbursements, added up; None
    when no such amount is recorded), how many donors disbursed beyond their commitments, and
    the budget (the revised budgets where the project has any, else the original ones; None
    without a budget in this currency).

    Derived data: written only by ``summaries.refresh_funding_summaries``, which the services
    that record funding and budgets call in their transaction; ``rebuild_funding_summaries``
    (the management command of the same name) writes it anew from the records."""

    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="funding_summaries",
        verbose_name=_("project"),
    )
    currency = models.CharField(_("currency (ISO 4217)"), max_length=3, blank=True)
    interest_total = models.DecimalField(max_digits=20, decimal_places=2, null=True)
    interest_count = models.PositiveIntegerField(default=0)
    pledge_total = models.DecimalField(max_digits=20, decimal_places=2, null=True)
    pledge_count = models.PositiveIntegerField(default=0)
    commitment_total = models.DecimalField(max_digits=20, decimal_places=2, null=True)
    commitment_count = models.PositiveIntegerField(default=0)
    disbursement_total = models.DecimalField(max_digits=20, decimal_places=2, null=True)
    disbursement_count = models.PositiveIntegerField(default=0)
    covered = models.DecimalField(max_digits=20, decimal_places=2, null=True)
    overdisbursed_donors = models.PositiveIntegerField(default=0)
    budget = models.DecimalField(max_digits=20, decimal_places=2, null=True)

    class Meta:
        ordering = ["project", "currency"]
        verbose_name = _("funding summary")
        verbose_name_plural = _("funding summaries")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "currency"], name="one_funding_summary_per_currency"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project_id} {self.currency or '—'}"

    def total(self, kind: str) -> tuple:
        """(sum, number of records) of one kind of funding record."""
        return getattr(self, f"{kind}_total"), getattr(self, f"{kind}_count")


class ExchangeRate(Sourced):
    """One unit of ``from_currency`` is worth ``rate`` units of ``to_currency`` on ``date``,
    according to ``source``. Amounts are converted only with such a loaded rate, never with an
    assumed one."""

    from_currency = models.CharField(_("from (ISO 4217)"), max_length=3)
    to_currency = models.CharField(_("to (ISO 4217)"), max_length=3)
    rate = models.DecimalField(_("rate"), max_digits=18, decimal_places=8)
    date = models.DateField(_("date"))
    source = models.ForeignKey(
        "core.Source",
        on_delete=models.PROTECT,
        related_name="exchange_rates",
        verbose_name=_("source"),
    )

    class Meta:
        ordering = ["from_currency", "to_currency", "date"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(
                fields=["from_currency", "to_currency", "date"], name="one_rate_per_pair_and_day"
            ),
            models.CheckConstraint(
                condition=models.Q(rate__gt=0),
                name="exchange_rate_positive",
                violation_error_message=_("A rate must be more than zero."),
            ),
        ]

    def __str__(self) -> str:
        return f"1 {self.from_currency} = {self.rate} {self.to_currency} ({self.date})"

    def clean(self) -> None:
        super().clean()
        check_currency(self.from_currency, "from_currency")
        check_currency(self.to_currency, "to_currency")
        if self.from_currency and self.from_currency == self.to_currency:
            raise ValidationError({"to_currency": _("A rate converts between two currencies.")})
        if self.rate is not None and self.rate <= 0:
            raise ValidationError({"rate": _("A rate must be more than zero.")})


class Result(Sourced):
    """An output or outcome of a project: a training, a resource centre, a policy, a network."""

    class Kind(models.TextChoices):
        OUTPUT = "output", _("output")
        OUTCOME = "outcome", _("outcome")

    class Category(models.TextChoices):
        TRAINING = "training", _("training")
        RESOURCE_CENTRE = "resource-centre", _("resource centre")
        POLICY = "policy", _("policy")
        NETWORK = "network", _("network")
        REPORT = "report", _("report")
        OTHER = "other", _("other")

    IATI_KIND = {Kind.OUTPUT: 1, Kind.OUTCOME: 2}

    key = models.SlugField(_("key"), max_length=100, unique=True)
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="results", verbose_name=_("project")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.OUTPUT)
    category = models.CharField(_("category"), max_length=20, choices=Category)
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = precision_field(_("date known to the"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    end_date_precision = precision_field(_("end known to the"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    country = models.ForeignKey(
        "actors.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="results",
        verbose_name=_("country"),
    )
    people_count = models.PositiveIntegerField(_("people"), null=True, blank=True)
    women_count = models.PositiveIntegerField(_("of them women"), null=True, blank=True)
    institutions_count = models.PositiveIntegerField(_("institutions"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    goals = models.ManyToManyField(
        "strategy.PriorityGoal", blank=True, related_name="results", verbose_name=_("goals")
    )

    fuzzy_date_fields = (("date", "date_precision"), ("end_date", "end_date_precision"))

    class Meta:
        ordering = ["project", "date", "pk"]
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self) -> str:
        return self.title

    @property
    def when(self) -> FuzzyDate | None:
        return self.fuzzy_value("date")

    @property
    def until(self) -> FuzzyDate | None:
        return self.fuzzy_value("end_date")

    def get_absolute_url(self) -> str:
        return f"{reverse('portal:results')}#result-{self.key}"

    def clean(self) -> None:
        super().clean()
        check_ordered_dates(
            self.when,
            self.until,
            field="end_date",
            message=str(_("The end cannot be before the start.")),
        )
        if self.end_date and not self.date:
            raise ValidationError({"date": _("A result with an end needs its start.")})
        if (
            self.women_count is not None
            and self.people_count is not None
            and self.women_count > self.people_count
        ):
            raise ValidationError(
                {"women_count": _("There cannot be more women than people in all.")}
            )


class Indicator(Sourced):
    """A measure of a result: where it started (baseline), what was aimed at (target) and what
    was reached (actual). Each value is empty when no source states it."""

    result = models.ForeignKey(
        Result, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("result")
    )
    title = models.CharField(_("title"), max_length=300)
    unit = models.CharField(
        _("unit"), max_length=60, blank=True, help_text=_("For example people, institutions, %")
    )
    baseline = models.DecimalField(
        _("baseline"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    target = models.DecimalField(
        _("target"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    actual = models.DecimalField(
        _("actual"), max_digits=16, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["result", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(fields=["result", "title"], name="one_indicator_per_title"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_percentage(self) -> bool:
        return self.unit.strip() == "%"
