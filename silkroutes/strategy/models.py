"""Frameworks (declarations, strategies, action plans), the priority goals and the programme's
main areas."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from silkroutes.core.models import Sourced, check_ordered_dates, precision_field


class Framework(Sourced):
    class Kind(models.TextChoices):
        DECLARATION = "declaration", _("declaration")
        STRATEGY = "strategy", _("strategy")
        ACTION_PLAN = "action-plan", _("action plan")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    adopted = models.DateField(_("adopted"), null=True, blank=True)
    adopted_precision = precision_field(_("adoption known to the"))
    adopted_at = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="frameworks_adopted",
        verbose_name=_("adopted at"),
    )
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_start_precision = precision_field(_("period start known to the"))
    period_end = models.DateField(_("period end"), null=True, blank=True)
    period_end_precision = precision_field(_("period end known to the"))

    fuzzy_date_fields = (
        ("adopted", "adopted_precision"),
        ("period_start", "period_start_precision"),
        ("period_end", "period_end_precision"),
    )

    class Meta:
        ordering = ["adopted", "title"]
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        check_ordered_dates(
            self.fuzzy_value("period_start"),
            self.fuzzy_value("period_end"),
            field="period_end",
            message=str(_("A framework's period cannot end before it starts.")),
        )


class PriorityGoal(Sourced):
    """One of the six priority goals. Its identity is the code; each framework may word and
    order the goals differently (see GoalLabel)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.TextField(
        _("name"), help_text=_("The wording shown by default: the founding declaration's label")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("priority goal")
        verbose_name_plural = _("priority goals")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("portal:goal", args=[self.code])


class GoalLabel(Sourced):
    """How one framework words a goal, and in which place it lists it."""

    goal = models.ForeignKey(
        PriorityGoal, on_delete=models.CASCADE, related_name="labels", verbose_name=_("goal")
    )
    framework = models.ForeignKey(
        Framework,
        on_delete=models.CASCADE,
        related_name="goal_labels",
        verbose_name=_("framework"),
    )
    order = models.PositiveSmallIntegerField(_("order"))
    label = models.TextField(_("label"))

    class Meta:
        ordering = ["framework", "order"]
        verbose_name = _("goal label")
        verbose_name_plural = _("goal labels")
        constraints = [
            models.UniqueConstraint(fields=["goal", "framework"], name="one_label_per_framework"),
            models.UniqueConstraint(fields=["framework", "order"], name="one_goal_per_place"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.label}"


class Area(Sourced):
    """A main area of the programme (strategy §1)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    framework = models.ForeignKey(
        Framework, on_delete=models.PROTECT, related_name="areas", verbose_name=_("framework")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        ordering = ["framework", "order"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        constraints = [
            models.UniqueConstraint(fields=["framework", "order"], name="one_area_per_place"),
        ]

    def __str__(self) -> str:
        return self.title


class ActionItem(Sourced):
    """One thing a framework commits the partnership to do: an initiative of a strategy (a
    project to launch, a series of meetings, a structure to set up) or a numbered action of an
    action plan. States report what they did under it (monitoring.Initiative)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        ONGOING = "ongoing", _("ongoing")
        ACHIEVED = "achieved", _("achieved")
        DISCONTINUED = "discontinued", _("discontinued")

    key = models.SlugField(_("key"), max_length=100, unique=True)
    framework = models.ForeignKey(
        Framework,
        on_delete=models.PROTECT,
        related_name="action_items",
        verbose_name=_("framework"),
    )
    code = models.CharField(
        _("number"),
        max_length=20,
        help_text=_("The item's number within its framework, e.g. 1.2 or A.3"),
    )
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=400)
    description = models.TextField(_("description"), blank=True)
    goals = models.ManyToManyField(
        PriorityGoal, blank=True, related_name="action_items", verbose_name=_("goals")
    )
    responsible = models.ManyToManyField(
        "actors.Organisation",
        blank=True,
        related_name="action_items",
        verbose_name=_("responsible organisations"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PLANNED)

    class Meta:
        ordering = ["framework", "order"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="one_action_item_per_code"),
            models.UniqueConstraint(
                fields=["framework", "order"], name="one_action_item_per_place"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"
