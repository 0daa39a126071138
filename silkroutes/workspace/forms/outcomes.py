"""Forms for outcomes and action points. The edit form carries the version the editor started
from, so that a save based on a stale version is refused instead of overwriting."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from silkroutes.actors.models import Organisation
from silkroutes.core.text import CheckedTextForm
from silkroutes.documents.tiers import AccessTier
from silkroutes.meetings.models import Body
from silkroutes.outcomes.models import Outcome
from silkroutes.programme.models import Project
from silkroutes.strategy.models import PriorityGoal


class OutcomeAdoptForm(CheckedTextForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=Outcome.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    text = forms.CharField(label=_("Text as adopted"), widget=forms.Textarea(attrs={"rows": 12}))
    goals = forms.ModelMultipleChoiceField(
        label=_("Priority goals it serves"),
        queryset=PriorityGoal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    projects = forms.ModelMultipleChoiceField(
        label=_("Projects it concerns"),
        queryset=Project.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    bodies = forms.ModelMultipleChoiceField(
        label=_("Other bodies it concerns"),
        queryset=Body.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    access_tier = forms.ChoiceField(
        label=_("Who may read it"), choices=AccessTier.choices, initial=AccessTier.PUBLIC
    )
    publish = forms.BooleanField(
        label=_("Publish now"),
        required=False,
        help_text=_("Otherwise it stays a draft that only the Secretariat sees."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = PriorityGoal.objects.order_by("pk")
        self.fields["projects"].queryset = Project.objects.order_by("title", "slug")
        self.fields["bodies"].queryset = Body.objects.order_by("name")


class OutcomeEditForm(CheckedTextForm):
    title = forms.CharField(label=_("Title"), max_length=300)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 14}))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ActionPointForm(CheckedTextForm):
    description = forms.CharField(
        label=_("What is to be done"), widget=forms.Textarea(attrs={"rows": 3})
    )
    owner_organisation = forms.ModelChoiceField(
        label=_("Owner: a state or organisation"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    owner_body = forms.ModelChoiceField(
        label=_("or owner: a body"), queryset=Body.objects.none(), required=False
    )
    due_date = forms.DateField(
        label=_("Due"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty when no deadline was set."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["owner_body"].queryset = Body.objects.order_by("name")

    def clean(self):
        cleaned = super().clean()
        organisation, body = cleaned.get("owner_organisation"), cleaned.get("owner_body")
        if bool(organisation) == bool(body):
            raise ValidationError(
                _("Choose one owner: a state or organisation, or a body."), code="one_owner"
            )
        return cleaned


class ActionPointStatusForm(CheckedTextForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ActionPointFilterForm(CheckedTextForm):
    """The open-and-overdue list's filters, by slug; an unknown slug is an invalid filter."""

    body = forms.SlugField(required=False)
    owner = forms.SlugField(required=False)

    def clean_body(self):
        slug = self.cleaned_data["body"]
        if not slug:
            return None
        body = Body.objects.filter(slug=slug).first()
        if body is None:
            raise ValidationError(_("No body “%(slug)s”."), params={"slug": slug})
        return body

    def clean_owner(self):
        slug = self.cleaned_data["owner"]
        if not slug:
            return None
        owner = Organisation.objects.filter(slug=slug).first()
        if owner is None:
            raise ValidationError(_("No state or organisation “%(slug)s”."), params={"slug": slug})
        return owner
