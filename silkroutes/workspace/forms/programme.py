"""Forms of the programme workspace: moving a project, recording interest, pledges,
commitments, disbursements and budgets. The rules live in ``programme.services``; these forms
only read and type the input, and carry the services' errors back to their fields."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from silkroutes.actors.models import Organisation
from silkroutes.core.fuzzydates import FuzzyDate
from silkroutes.core.text import CheckedTextForm
from silkroutes.programme.models import Budget, FundingRecord, Project

DATE_HELP = _("2016, 2016-Q2, 2016-04 or 2016-04-12: only as precise as it is known.")


class FuzzyDateField(forms.CharField):
    """A date known to the year, quarter, month or day, typed as 2016, 2016-Q2, 2016-04 or
    2016-04-12; cleans to a FuzzyDate (or None when left empty)."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", DATE_HELP)
        kwargs.setdefault("max_length", 10)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        return FuzzyDate.parse(value)


class CurrencyField(forms.CharField):
    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", 3)
        kwargs.setdefault("min_length", 3)
        kwargs.setdefault("help_text", _("ISO 4217 code, such as EUR, SEK or USD."))
        super().__init__(**kwargs)

    def to_python(self, value):
        return super().to_python(value).strip().upper()


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's error on the fields it names, the rest on the form."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class MoveProjectForm(CheckedTextForm):
    to = forms.CharField(widget=forms.HiddenInput)
    on = FuzzyDateField(label=_("Date of the change"))
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    absorbed_into = forms.ModelChoiceField(
        label=_("Absorbed into"),
        queryset=Project.objects.all(),
        required=False,
        to_field_name="slug",
    )


def _organisation_choices(organisations) -> list[tuple[int, str]]:
    return [(o.pk, o.name) for o in organisations]


class _DonorChoiceMixin:
    """A donor field limited to the organisations the person may record for."""

    def set_donors(self, donors: list[Organisation]) -> None:
        field = self.fields["donor"]
        field.queryset = Organisation.objects.filter(pk__in=[d.pk for d in donors])
        field.choices = _organisation_choices(donors)
        if len(donors) == 1:
            field.initial = donors[0].pk
        else:
            field.choices = [("", "—"), *field.choices]


class InterestForm(_DonorChoiceMixin, CheckedTextForm):
    project = forms.ModelChoiceField(
        label=_("Project"), queryset=Project.objects.all(), to_field_name="slug"
    )
    donor = forms.ModelChoiceField(label=_("For"), queryset=Organisation.objects.none())
    on = FuzzyDateField(label=_("Expressed on"))
    amount = forms.DecimalField(
        label=_("Amount considered (optional)"), required=False, max_digits=16, decimal_places=2
    )
    currency = CurrencyField(label=_("Currency"), required=False)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    source_url = forms.URLField(
        label=_("Source (web page, optional)"), required=False, assume_scheme="https"
    )

    def __init__(self, *args, projects, donors, **kwargs) -> None:
        super().__init__(*args, prefix="interest", **kwargs)
        self.fields["project"].choices = [("", "—")] + [(p.slug, p.display_title) for p in projects]
        self.set_donors(donors)


class PledgeForm(CheckedTextForm):
    """Turning an expressed interest into a pledge."""

    amount = forms.DecimalField(label=_("Amount pledged"), max_digits=16, decimal_places=2)
    currency = CurrencyField(label=_("Currency"))
    on = FuzzyDateField(label=_("Pledged on"))
    firmness = forms.ChoiceField(
        label=_("Firmness"),
        choices=FundingRecord.Firmness.choices,
        initial=FundingRecord.Firmness.INDICATIVE,
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class FundingForm(_DonorChoiceMixin, CheckedTextForm):
    """A pledge, commitment or disbursement recorded directly."""

    project = forms.ModelChoiceField(
        label=_("Project"), queryset=Project.objects.all(), to_field_name="slug"
    )
    donor = forms.ModelChoiceField(label=_("Donor"), queryset=Organisation.objects.none())
    kind = forms.ChoiceField(label=_("Kind"))
    amount = forms.DecimalField(label=_("Amount"), max_digits=16, decimal_places=2)
    currency = CurrencyField(label=_("Currency"))
    on = FuzzyDateField(label=_("Date"))
    firmness = forms.ChoiceField(label=_("Firmness"), choices=FundingRecord.Firmness.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    source_url = forms.URLField(
        label=_("Source (web page, optional)"), required=False, assume_scheme="https"
    )

    def __init__(self, *args, projects, donors, kinds, **kwargs) -> None:
        super().__init__(*args, prefix="funding", **kwargs)
        self.fields["project"].choices = [("", "—")] + [(p.slug, p.display_title) for p in projects]
        self.fields["kind"].choices = [(k, FundingRecord.Kind(k).label) for k in kinds]
        self.set_donors(donors)


class BudgetForm(CheckedTextForm):
    project = forms.ModelChoiceField(
        label=_("Project"), queryset=Project.objects.all(), to_field_name="slug"
    )
    amount = forms.DecimalField(label=_("Budget"), max_digits=16, decimal_places=2)
    currency = CurrencyField(label=_("Currency"))
    period_start = FuzzyDateField(label=_("Period from"))
    period_end = FuzzyDateField(label=_("Period to"))
    kind = forms.ChoiceField(label=_("Kind"), choices=Budget.Kind.choices)
    status = forms.ChoiceField(label=_("Status"), choices=Budget.Status.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    source_url = forms.URLField(
        label=_("Source (web page, optional)"), required=False, assume_scheme="https"
    )

    def __init__(self, *args, projects, **kwargs) -> None:
        super().__init__(*args, prefix="budget", **kwargs)
        self.fields["project"].choices = [("", "—")] + [(p.slug, p.display_title) for p in projects]
