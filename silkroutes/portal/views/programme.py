"""The priority-goal pages, the programme list with its filters, and the project page."""

from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.db.models import DateField
from django.shortcuts import get_object_or_404, render
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from silkroutes.core.fuzzydates import FuzzyDate
from silkroutes.portal.allow_lists import reads_parameters
from silkroutes.portal.fragments import CachedSelect, Fragments, keep_options
from silkroutes.portal.templatetags.portal import fuzzy
from silkroutes.programme.models import Participation, ProjectStatus
from silkroutes.programme.presenters import project_rows
from silkroutes.programme.queries import (
    organisations_in_role,
    programme_years,
    project_for_page,
    projects_matching,
    projects_serving,
    recipient_country_codes,
)
from silkroutes.strategy.queries import (
    areas_in_order,
    goal_for_page,
    goals_in_founding_order,
    meetings_addressing,
)

PROJECTS_PER_PAGE = 50
# Projects and meetings listed on a goal's page before "all N" links to the filtered lists.
GOAL_PAGE_LIMIT = 25
DATE_FIELDS = ("planned_start", "planned_end", "actual_start", "actual_end")


class LowerCaseChoiceField(forms.ChoiceField):
    """A choice given in either case (a country's ISO code: ``af`` or ``AF``)."""

    def to_python(self, value):
        return super().to_python(value).lower()


class ProjectFilterForm(forms.Form):
    """The programme's filters, read from the query string; every choice comes from the data."""

    status = forms.ChoiceField(label=_("Status"), required=False, widget=CachedSelect)
    goal = forms.ChoiceField(label=_("Priority goal"), required=False, widget=CachedSelect)
    area = forms.ChoiceField(label=_("Area"), required=False, widget=CachedSelect)
    funder = forms.ChoiceField(label=_("Funder"), required=False, widget=CachedSelect)
    implementer = forms.ChoiceField(label=_("Implementer"), required=False, widget=CachedSelect)
    country = LowerCaseChoiceField(
        label=_("Recipient country"), required=False, widget=CachedSelect
    )
    year = forms.IntegerField(
        label=_("Running in"), required=False, min_value=1900, max_value=2100, widget=CachedSelect
    )

    def __init__(self, data) -> None:
        super().__init__(data, auto_id="filter-%s")
        anything = [("", _("any"))]
        goals = goals_in_founding_order()
        self.fields["status"].choices = anything + list(ProjectStatus.choices)
        self.fields["goal"].choices = anything + [
            (g.code, f"{g.founding_order}. {g.name}" if g.founding_order else g.name) for g in goals
        ]
        self.fields["area"].choices = anything + [(a.code, a.title) for a in areas_in_order()]
        for name, role in (
            ("funder", Participation.Role.FUNDING),
            ("implementer", Participation.Role.IMPLEMENTING),
        ):
            organisations = organisations_in_role(role)
            self.fields[name].choices = anything + [(o.slug, o.name) for o in organisations]
        self.fields["country"].choices = anything + sorted(
            (
                (code.lower(), str(countries.name(code)) or code)
                for code in recipient_country_codes()
            ),
            key=lambda choice: choice[1],
        )
        years = programme_years()
        chosen = self.data.get("year", "")
        if chosen.isdigit() and int(chosen) not in years:
            years = sorted([*years, int(chosen)])
            self.fields["year"].widget.variant = chosen
        self.fields["year"].widget.choices = anything + [(str(y), str(y)) for y in years]
        keep_options(self, "programme-filters")

    def active_filters(self, query) -> list[tuple[str, str, str]]:
        """(filter label, chosen value as the reader sees it, query string without it) for each
        filter in use; call after ``is_valid()``."""
        active = []
        for name, value in self.cleaned_data.items():
            if value in ("", None):
                continue
            bound = self[name]
            shown = dict(bound.field.widget.choices).get(str(value), str(value))
            rest = query.copy()
            rest.pop(name, None)
            rest.pop("page", None)
            active.append((bound.label, shown, rest.urlencode()))
        return active


@reads_parameters(*ProjectFilterForm.base_fields, "page")
def project_list(request):
    form = ProjectFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "portal/programme/invalid_filter.html", {"form": form}, status=400)
    filters = {k: v for k, v in form.cleaned_data.items() if v not in ("", None)}
    paginator = Paginator(projects_matching(**filters), PROJECTS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "portal/programme/project_list.html",
        {
            "form": form,
            "page_obj": page,
            "rows": _rendered_rows(list(page.object_list)),
            "active_filters": form.active_filters(request.GET),
        },
    )


def _rendered_rows(projects) -> list[str]:
    """The projects' rows of the list, each rendered once per data version and language."""
    by_pk = {project.pk: project for project in projects}

    def build(keys: list[int]) -> dict[int, str]:
        template = get_template("portal/programme/_project_row.html")
        return {
            row.project.pk: template.render({"project": row})
            for row in project_rows(by_pk[key] for key in keys)
        }

    rows = Fragments().each("programme-row", by_pk, build)
    return [mark_safe(rows[pk]) for pk in by_pk]  # noqa: S308 - rendered by a template


@dataclass
class DateRow:
    label: str
    value: FuzzyDate | None
    alternatives: list = field(default_factory=list)


def _value_as_read(record, alternative) -> str:
    """Another source's value for a field, in the reader's words: a date as a fuzzy date, a
    choice by its label, anything else as the source gives it."""
    try:
        model_field = record._meta.get_field(alternative.field)
    except FieldDoesNotExist:
        return alternative.value
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(alternative.value, alternative.value))
    if isinstance(model_field, DateField):
        try:
            return fuzzy(FuzzyDate.parse(alternative.value))
        except ValidationError:
            return alternative.value
    return alternative.value


def _read_alternatives(records) -> None:
    """Give every alternative of the records its ``shown_value``."""
    for record in records:
        for alternative in record.provenance.alternatives:
            alternative.shown_value = _value_as_read(record, alternative)


def _date_rows(project) -> list[DateRow]:
    """The four dates with the values other sources give for each (sources disagree)."""
    rows = {
        name: DateRow(project._meta.get_field(name).verbose_name, project.fuzzy_value(name))
        for name in DATE_FIELDS
    }
    for alternative in project.provenance.alternatives:
        if alternative.field in rows:
            rows[alternative.field].alternatives.append(alternative)
    return list(rows.values())


def _participants_by_role(participations) -> list[tuple[str, list]]:
    """(role label, participations) for every role present, in the order of the IATI roles."""
    by_role: dict[str, list] = {}
    for participation in participations:
        by_role.setdefault(participation.role, []).append(participation)
    return [
        (role.label, by_role[role.value]) for role in Participation.Role if role.value in by_role
    ]


def project_detail(request, slug):
    project = get_object_or_404(project_for_page(), slug=slug)
    for record in (*project.status_changes.all(), *project.funding.all()):
        record.when = record.fuzzy_value("date")
    _read_alternatives([project, *project.participations.all()])
    return render(
        request,
        "portal/programme/project_detail.html",
        {
            "project": project,
            "date_rows": _date_rows(project),
            "title_alternatives": [
                a for a in project.provenance.alternatives if a.field == "title"
            ],
            "participants_by_role": _participants_by_role(project.participations.all()),
        },
    )


def _first(queryset, limit: int) -> tuple[list, int]:
    """At most ``limit`` rows and how many there are in all (one query more only when the list
    is cut: a full list counts itself)."""
    rows = list(queryset[: limit + 1])
    if len(rows) <= limit:
        return rows, len(rows)
    return rows[:limit], queryset.count()


def goal_detail(request, code):
    """The goal, and the first projects and meetings tagged with it; the full lists are the
    programme list and the timetable filtered by the goal (a goal may gather thousands)."""
    goal = get_object_or_404(goal_for_page(), code=code)
    projects, projects_total = _first(projects_serving(goal), GOAL_PAGE_LIMIT)
    meetings, meetings_total = _first(meetings_addressing(goal), GOAL_PAGE_LIMIT)
    return render(
        request,
        "portal/programme/goal_detail.html",
        {
            "goal": goal,
            "projects": projects,
            "projects_total": projects_total,
            "meetings": meetings,
            "meetings_total": meetings_total,
        },
    )
