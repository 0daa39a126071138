"""Forms for the steps of a meeting's lifecycle. They check the input's shape; whether a step
is allowed is decided by ``silkroutes.meetings.services``, whose refusals are shown on the
form."""

from django import forms
from django.db.models import Case, When
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from silkroutes.actors.models import Country, Organisation
from silkroutes.core.fuzzydates import FuzzyDate
from silkroutes.core.text import CheckedTextForm
from silkroutes.meetings.models import Body, Meeting, MeetingStatus

FUZZY_HELP = _("A year (2015), a quarter (2015-Q2), a month (2015-04) or a day (2015-04-17)")


class FuzzyDateField(forms.CharField):
    """A date known to the year, quarter, month or day, typed as 2015, 2015-Q2, 2015-04 or
    2015-04-17; cleaned to a ``FuzzyDate``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", FUZZY_HELP)
        kwargs.setdefault("max_length", 10)
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        return FuzzyDate.parse(text) if text else None


class DayInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class _CountriesByName(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for country in sorted(self.queryset, key=lambda country: country.name):
            yield self.choice(country)


class CountryChoiceField(forms.ModelChoiceField):
    """Countries by their name in the reader's language (the table is ordered by code)."""

    iterator = _CountriesByName


class ForeseeForm(CheckedTextForm):
    body = forms.ModelChoiceField(queryset=Body.objects.none(), label=_("Body"))
    title = forms.CharField(label=_("Title"), max_length=300)
    date = FuzzyDateField(label=_("Foreseen for"))

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies


class ScheduleForm(CheckedTextForm):
    first_day = forms.DateField(label=_("First day"), widget=DayInput())
    last_day = forms.DateField(
        label=_("Last day"),
        widget=DayInput(),
        required=False,
        help_text=_("Leave empty for a one-day meeting"),
    )
    city = forms.CharField(label=_("City"), max_length=120)
    country = CountryChoiceField(queryset=Country.objects.all(), label=_("Country"))
    host = forms.ModelChoiceField(
        queryset=Organisation.objects.order_by("name"),
        label=_("Host"),
        required=False,
        empty_label=_("not stated"),
    )

    @classmethod
    def for_meeting(cls, meeting: Meeting, data=None):
        if meeting.status != MeetingStatus.SCHEDULED:
            return cls(data)
        initial = {
            "first_day": meeting.date,
            "last_day": meeting.end_date,
            "city": meeting.city,
            "country": meeting.country_id,
            "host": meeting.host_id,
        }
        return cls(data, initial=initial)

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first_day"), cleaned.get("last_day")
        if first and last and last < first:
            self.add_error("last_day", _("A meeting cannot end before it starts."))
        return cleaned


class AgendaItemForm(CheckedTextForm):
    title = forms.CharField(label=_("Title of the item"), max_length=300)
    goals = forms.CharField(
        label=_("Goals of the item"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


AgendaFormSet = forms.formset_factory(AgendaItemForm, extra=2, min_num=1, validate_min=True)


class InviteForm(CheckedTextForm):
    organisations = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Invite"),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        states_first = Case(When(kind=Organisation.Kind.GOVERNMENT, then=0), default=1)
        self.fields["organisations"].queryset = Organisation.objects.exclude(
            invitations__meeting=meeting
        ).order_by(states_first, "name")


class HoldForm(CheckedTextForm):
    participants = forms.IntegerField(label=_("Participants"), min_value=0, required=False)
    countries_count = forms.IntegerField(
        label=_("Countries represented"), min_value=0, required=False
    )
    organisations_count = forms.IntegerField(
        label=_("Organisations represented"), min_value=0, required=False
    )


class PostponeForm(CheckedTextForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    new_date = FuzzyDateField(label=_("New date, if known"), required=False)


class CancelForm(CheckedTextForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class DelegationMemberForm(CheckedTextForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    function = forms.CharField(label=_("Function"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Telephone"), max_length=40, required=False)
    is_head = forms.BooleanField(label=_("Head of delegation"), required=False)


class BaseDelegationFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        members = [f.cleaned_data for f in self.forms if f.cleaned_data and not self._deleted(f)]
        heads = sum(1 for member in members if member.get("is_head"))
        if heads != 1:
            raise forms.ValidationError(
                _("Mark exactly one member as head of the delegation (%(n)s marked).")
                % {"n": heads}
            )

    def _deleted(self, form) -> bool:
        return self.can_delete and self._should_delete_form(form)

    def members(self) -> list[dict]:
        return [f.cleaned_data for f in self.forms if f.cleaned_data and not self._deleted(f)]


DelegationFormSet = forms.formset_factory(
    DelegationMemberForm,
    formset=BaseDelegationFormSet,
    extra=2,
    min_num=1,
    validate_min=True,
    can_delete=True,
    can_delete_extra=False,
)


class AttendanceForm(CheckedTextForm):
    """One "present" box and a number of persons per invited (or already present) state or
    organisation, and one "present" box per member of a registered delegation."""

    def __init__(self, *args, organisations, attendance, members, **kwargs):
        super().__init__(*args, **kwargs)
        persons = {row.organisation_id: row.persons for row in attendance}
        self.organisation_rows = []
        for organisation in organisations:
            present = f"present_{organisation.pk}"
            count = f"persons_{organisation.pk}"
            self.fields[present] = forms.BooleanField(
                label=_("%(name)s present") % {"name": organisation.name},
                required=False,
                initial=organisation.pk in persons,
            )
            self.fields[count] = forms.IntegerField(
                label=_("Persons from %(name)s") % {"name": organisation.name},
                min_value=0,
                required=False,
                initial=persons.get(organisation.pk),
            )
            self.organisation_rows.append((organisation, self[present], self[count]))
        self.member_rows = []
        for member in members:
            name = f"member_{member.pk}"
            self.fields[name] = forms.BooleanField(
                label=_("%(name)s present") % {"name": member.name},
                required=False,
                initial=bool(member.attended),
            )
            self.member_rows.append((member, self[name]))
        self._organisations = organisations
        self._members = members

    def present(self) -> dict:
        """The organisations marked present, with their number of persons."""
        return {
            organisation: self.cleaned_data.get(f"persons_{organisation.pk}")
            for organisation in self._organisations
            if self.cleaned_data.get(f"present_{organisation.pk}")
        }

    def members_present(self) -> list:
        return [m for m in self._members if self.cleaned_data.get(f"member_{m.pk}")]
