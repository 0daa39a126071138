"""Bodies that meet (the Ministerial Conference, Senior Officials, working groups, thematic expert
meetings) and their meetings, from a foreseen year to a held meeting."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
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
