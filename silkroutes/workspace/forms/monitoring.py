"""Forms of implementation reporting: opening a cycle, reporting an initiative, reviewing it.
They read and check input; ``silkroutes.monitoring.services`` writes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from silkroutes.actors.models import Organisation
from silkroutes.core.fuzzydates import FuzzyDate
from silkroutes.core.text import CheckedTextForm
from silkroutes.monitoring.models import Initiative
from silkroutes.strategy.models import ActionItem, Framework
from silkroutes.strategy.queries import goals_in_founding_order

DATE_HELP = _("A year (2015), a quarter (2015-Q2), a month (2015-04) or a day (2015-04-17).")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class FuzzyDateField(forms.CharField):
    """A date known to the year, quarter, month or day, typed as 2015, 2015-Q2, 2015-04 or
    2015-04-17; cleaned to a ``FuzzyDate``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", DATE_HELP)
        kwargs.setdefault("max_length", 10)
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        return FuzzyDate.parse(text)  # raises a ValidationError that says what is wrong

    def prepare_value(self, value):
        return str(value) if isinstance(value, FuzzyDate) else value


class CycleForm(CheckedTextForm):
    framework = forms.ModelChoiceField(
        label=_("Framework reported on"), queryset=Framework.objects.none(), empty_label=None
    )
    title = forms.CharField(
        label=_("Title"), max_length=200, help_text=_("For example: Implementation in 2015")
    )
    opens = forms.DateField(label=_("Opens on"), widget=DateInput)
    deadline = forms.DateField(
        label=_("Deadline"),
        widget=DateInput,
        help_text=_("Focal points can report and submit new entries until this day."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["framework"].queryset = Framework.objects.filter(
            kind__in=[Framework.Kind.STRATEGY, Framework.Kind.ACTION_PLAN]
        ).order_by("-period_start", "title")

    def clean(self):
        data = super().clean()
        if data.get("opens") and data.get("deadline") and data["deadline"] < data["opens"]:
            self.add_error("deadline", _("The deadline cannot be before the cycle opens."))
        return data


class InitiativeForm(CheckedTextForm):
    """What a focal point reports: the state (when it reports for several), the initiative and
    the goals and action items (of the cycle's framework) it serves."""

    state = forms.ModelChoiceField(
        label=_("State"), queryset=Organisation.objects.none(), empty_label=None
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=Initiative.Kind.choices, widget=forms.RadioSelect
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Who did what, for whom, and what came of it."),
    )
    start = FuzzyDateField(label=_("Start"))
    end = FuzzyDateField(label=_("End"), required=False, help_text=_("Leave empty if it goes on."))
    goals = forms.ModelMultipleChoiceField(
        label=_("Priority goals it serves"),
        queryset=goals_in_founding_order(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    action_items = forms.ModelMultipleChoiceField(
        label=_("Action items it serves"),
        queryset=ActionItem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, states, framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].queryset = states
        self.fields["goals"].label_from_instance = lambda goal: (
            f"{goal.founding_order}. {goal.name}" if goal.founding_order else goal.name
        )
        self.fields["action_items"].queryset = ActionItem.objects.filter(
            framework=framework
        ).order_by("order")

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end.last_day < start.first_day:
            self.add_error("end", _("An initiative cannot end before it starts."))
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        names = ("kind", "title", "description", "start", "end", "goals", "action_items")
        return {name: data[name] for name in names}


class ReviewForm(CheckedTextForm):
    """The Secretariat's decision on a submitted entry; a question or a reason is required to
    ask back or to reject."""

    VERIFY, ASK_BACK, REJECT = "verify", "ask_back", "reject"

    decision = forms.ChoiceField(
        choices=[(VERIFY, _("Verify")), (ASK_BACK, _("Ask back")), (REJECT, _("Reject"))],
        widget=forms.HiddenInput,
    )
    note = forms.CharField(
        label=_("Note to the state"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required to ask back (your question) or to reject (the reason)."),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("decision") in (self.ASK_BACK, self.REJECT)
            and not data.get("note", "").strip()
        ):
            self.add_error("note", _("Say what the state should clarify, or why it is rejected."))
        return data
