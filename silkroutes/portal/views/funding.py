"""Public pages of the programme's money and results: funding per donor and goal, funding gaps
per project and goal, the programme time-line (a picture with the same data as a table), and
the results of the projects."""

import datetime as dt
from dataclasses import dataclass, field

from django import forms
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from silkroutes.core.fuzzydates import FuzzyDate
from silkroutes.portal.allow_lists import reads_parameters
from silkroutes.programme.funding import (
    KINDS,
    gaps_per_goal,
    overdisbursements,
    project_summaries,
    totals_per_currency,
    totals_per_donor,
    totals_per_goal,
)
from silkroutes.programme.models import Project, ProjectStatus, Result
from silkroutes.programme.portfolio import (
    projects_for_timeline,
    projects_with_results,
    results_for_listing,
)


def data_downloads() -> list[tuple[str, str]]:
    """(label, URL) of the open-data downloads whose routes are installed."""
    links = []
    for name, label in (
        ("data:iati", _("IATI Activity XML 2.03")),
        ("data:opendata", _("Open data: CSV tables with a data-package descriptor (ZIP)")),
        ("data:xlsx", _("The programme as a spreadsheet (XLSX)")),
    ):
        try:
            links.append((label, reverse(name)))
        except NoReverseMatch:
            continue
    return links


def _kind_cells(by_kind: dict) -> list[tuple[object, int]]:
    """(sum, count) for each kind of record in lifecycle order; (None, 0) where none."""
    return [by_kind.get(kind.value, (None, 0)) for kind in KINDS]


def _currency_rows(by_currency: dict) -> list[tuple[str, list]]:
    return [(currency, _kind_cells(kinds)) for currency, kinds in sorted(by_currency.items())]


@reads_parameters()
def funding_overview(request):
    """What donors expressed interest in, pledged, committed and disbursed: in total, per donor
    and per goal, each currency apart."""
    donors = [(d.donor, d.projects, _currency_rows(d.by_currency)) for d in totals_per_donor()]
    goals = [(goal, _currency_rows(by_currency)) for goal, by_currency in totals_per_goal()]
    return render(
        request,
        "portal/funding/overview.html",
        {
            "kinds": KINDS,
            "totals": _currency_rows(totals_per_currency()),
            "donors": donors,
            "goals": goals,
            "overdisbursed": overdisbursements(),
            "downloads": data_downloads(),
        },
    )


@reads_parameters()
def funding_gaps(request):
    """Each project's budget against what donors cover, and the same per priority goal."""
    summaries = project_summaries()
    return render(
        request,
        "portal/funding/gaps.html",
        {
            "summaries": summaries,
            "goals": gaps_per_goal(summaries),
            "downloads": data_downloads(),
        },
    )


# -- the time-line picture -----------------------------------------------------------------------

LABEL_WIDTH, PLOT_WIDTH, ROW_HEIGHT, BAR_HEIGHT, AXIS_HEIGHT = 300, 640, 30, 16, 28
LABEL_LENGTH = 42


@dataclass
class Segment:
    x: float
    width: float
    kind: str  # "solid", "fuzzy" (a date known only to its month, quarter or year), "open"


@dataclass
class Bar:
    project: Project
    label: str
    y: float
    segments: list[Segment] = field(default_factory=list)

    @property
    def label_y(self) -> float:
        return self.y + BAR_HEIGHT - 3


@dataclass
class Picture:
    bars: list[Bar]
    ticks: list[dict]
    width: int = LABEL_WIDTH + PLOT_WIDTH + 10
    height: int = 0
    axis_y: int = AXIS_HEIGHT - 8


def _short(project: Project) -> str:
    text = project.acronym or project.display_title
    return text if len(text) <= LABEL_LENGTH else text[: LABEL_LENGTH - 1].rstrip() + "…"


def _axis(projects: list[Project]) -> tuple[int, int]:
    years = [d.first_day.year for p in projects for d in (p.start, p.end) if d is not None]
    open_ended = any(p.start and not p.end for p in projects)
    return min(years), max(years) + (1 if open_ended else 0)


@dataclass(frozen=True)
class Scale:
    """Days to x: ``at`` is where a day begins, ``after`` where it ends."""

    origin: dt.date
    finish: dt.date

    def _x(self, day: dt.date) -> float:
        day = min(max(day, self.origin), self.finish)
        share = (day - self.origin).days / (self.finish - self.origin).days
        return round(LABEL_WIDTH + share * PLOT_WIDTH, 1)

    def at(self, day: dt.date) -> float:
        return self._x(day)

    def after(self, day: dt.date) -> float:
        return self._x(day + dt.timedelta(days=1))

    @property
    def right(self) -> float:
        return self._x(self.finish)


def _segments(start: FuzzyDate, end: FuzzyDate | None, scale: Scale) -> list[Segment]:
    """Solid from the end of the period the start is known to, to the beginning of the period
    the end is known to; those periods are drawn hatched ("fuzzy") unless known to the day; an
    unknown end fades out to the edge ("open")."""
    segments = []
    if start.precision != "day":
        segments.append(
            Segment(
                scale.at(start.first_day),
                scale.after(start.last_day) - scale.at(start.first_day),
                "fuzzy",
            )
        )
    solid_from = (
        scale.after(start.last_day) if start.precision != "day" else scale.at(start.first_day)
    )
    if end is None:
        segments.append(Segment(solid_from, scale.right - solid_from, "open"))
        return [s for s in segments if s.width > 0]
    solid_to = scale.at(end.first_day) if end.precision != "day" else scale.after(end.last_day)
    if solid_to > solid_from:
        segments.append(Segment(solid_from, solid_to - solid_from, "solid"))
    if end.precision != "day":
        segments.append(
            Segment(
                scale.at(end.first_day),
                scale.after(end.last_day) - scale.at(end.first_day),
                "fuzzy",
            )
        )
    return [s for s in segments if s.width > 0]


def timeline_picture(projects: list[Project]) -> Picture | None:
    """The bars of the projects with a known start, on a common axis of whole years."""
    dated = [p for p in projects if p.start is not None]
    if not dated:
        return None
    first_year, last_year = _axis(dated)
    scale = Scale(dt.date(first_year, 1, 1), dt.date(last_year + 1, 1, 1))
    bars = []
    for index, project in enumerate(dated):
        bar = Bar(project, _short(project), AXIS_HEIGHT + index * ROW_HEIGHT + 6)
        bar.segments = _segments(project.start, project.end, scale)
        bars.append(bar)
    ticks = [
        {"year": year, "x": scale.at(dt.date(year, 1, 1)), "label_x": scale.at(dt.date(year, 7, 1))}
        for year in range(first_year, last_year + 1)
    ]
    return Picture(bars=bars, ticks=ticks, height=AXIS_HEIGHT + len(bars) * ROW_HEIGHT + 10)


@reads_parameters()
def programme_timeline(request):
    projects = list(projects_for_timeline())
    return render(
        request,
        "portal/funding/timeline.html",
        {
            "projects": projects,
            "picture": timeline_picture(projects),
            "undated": [p for p in projects if p.start is None],
            "statuses": list(ProjectStatus.choices),
        },
    )


# -- results -------------------------------------------------------------------------------------


class ResultFilterForm(forms.Form):
    category = forms.ChoiceField(label=_("Kind of result"), required=False)
    project = forms.ChoiceField(label=_("Project"), required=False)

    def __init__(self, data) -> None:
        super().__init__(data, auto_id="filter-%s")
        anything = [("", _("any"))]
        self.fields["category"].choices = anything + list(Result.Category.choices)
        self.fields["project"].choices = anything + [
            (p.slug, p.display_title) for p in projects_with_results()
        ]


@reads_parameters(*ResultFilterForm.base_fields)
def result_list(request):
    """The projects' outputs and outcomes, by date; filters that do not fit answer 400."""
    form = ResultFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "portal/funding/invalid_filter.html", {"form": form}, status=400)
    return render(
        request,
        "portal/funding/result_list.html",
        {"form": form, "results": results_for_listing(**form.cleaned_data)},
    )
