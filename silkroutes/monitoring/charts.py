"""The geometry of the coverage pictures: plain shapes (rectangles, texts, lines) that one
template (``portal/monitoring/_chart.svg.html``) draws as inline SVG, the same in the page and in
the PDF. No script, no style attribute: colours are presentation attributes, hooks are classes.

Gaps are marked by a hatch pattern *and* a word, never by colour alone. For a right-to-left
language the picture is mirrored (labels on the right, years running leftwards)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .coverage import Matrix
from .tallies import BodyActionPoints, FundingByGoal, YearMeetings

INK = "#1b1b1b"
MUTED = "#4a4a4a"
GAP_INK = "#6b1020"
# Light to dark: the number of things counted in a cell (text stays dark up to level 3).
HEAT = ("#e6f0fa", "#c4dbf3", "#93bde8", "#2f65a7")
HEAT_INK = (INK, INK, INK, "#ffffff")


def _r(value) -> float:
    """Coordinates to a tenth of a unit: short attributes, the same on every machine."""
    return round(float(value), 1)


@dataclass
class Shape:
    kind: str  # "rect", "text" or "line"
    x: float
    y: float
    width: float = 0
    height: float = 0
    text: str = ""
    css: str = ""
    fill: str = ""
    stroke: str = ""
    anchor: str = "start"
    tooltip: str = ""

    def __post_init__(self) -> None:
        self.x, self.y, self.width, self.height = map(_r, (self.x, self.y, self.width, self.height))

    @property
    def x2(self) -> float:  # a line's end
        return _r(self.x + self.width)

    @property
    def y2(self) -> float:
        return _r(self.y + self.height)


@dataclass
class Chart:
    key: str  # unique on the page: the ids of <title>, <desc> and the gap pattern
    title: str
    description: str
    width: float
    height: float
    shapes: list[Shape] = field(default_factory=list)

    def rect(self, x, y, w, h, *, fill="", stroke="", css="", tooltip="") -> None:
        self.shapes.append(
            Shape("rect", x, y, w, h, fill=fill, stroke=stroke, css=css, tooltip=tooltip)
        )

    def label(self, x, y, text, *, anchor="start", css="", fill=INK) -> None:
        self.shapes.append(Shape("text", x, y, text=str(text), anchor=anchor, css=css, fill=fill))

    def line(self, x1, y1, x2, y2, *, stroke=MUTED, css="") -> None:
        self.shapes.append(Shape("line", x1, y1, x2 - x1, y2 - y1, stroke=stroke, css=css))

    @property
    def gap_fill(self) -> str:
        return f"url(#{self.key}-gap)"

    def mirrored(self) -> "Chart":
        """The same picture for a right-to-left reader."""
        flip = {"start": "end", "end": "start", "middle": "middle"}
        for shape in self.shapes:
            if shape.kind == "rect":
                shape.x = _r(self.width - shape.x - shape.width)
            elif shape.kind == "text":
                shape.x, shape.anchor = _r(self.width - shape.x), flip[shape.anchor]
            else:
                shape.x, shape.width = _r(self.width - shape.x), -shape.width
        return self


def _short(text: str, limit: int = 32) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _money(amounts: dict[str, Decimal]) -> str:
    return "; ".join(
        f"{c} {number_format(a, 0, force_grouping=True)}" for c, a in sorted(amounts.items())
    )


def _heat(total: int) -> int:
    return 0 if total <= 1 else 1 if total == 2 else 2 if total <= 4 else 3


# -- goal matrices -------------------------------------------------------------------------------

LABEL_W, CELL_W, CELL_H, HEAD_H, LEGEND_H = 270, 104, 50, 34, 30


def matrix_chart(matrix: Matrix, *, key: str, title: str, rtl: bool = False) -> Chart:
    """Goals (rows) against years or countries: each cell gives projects · meetings · outcomes ·
    initiatives; a cell with nothing is hatched and says "gap"."""
    width = LABEL_W + CELL_W * max(len(matrix.columns), 1)
    height = LEGEND_H + HEAD_H + CELL_H * len(matrix.rows) + 8
    chart = Chart(key, title, _matrix_description(matrix), width, height)
    legend = _("In each cell: projects · meetings · outcomes · initiatives")
    chart.label(0, 18, legend, css="legend", fill=MUTED)
    for j, column in enumerate(matrix.columns):
        x = LABEL_W + j * CELL_W + CELL_W / 2
        chart.label(x, LEGEND_H + 22, _short(column.label, 14), anchor="middle", css="head")
    for i, row in enumerate(matrix.rows):
        y = LEGEND_H + HEAD_H + i * CELL_H
        number = f"{row.number}. " if row.number else ""
        chart.label(0, y + CELL_H / 2 + 5, number + _short(row.goal.name), css="row-label")
        for j, cell in enumerate(row.cells):
            _matrix_cell(chart, LABEL_W + j * CELL_W, y, cell, matrix.outcomes_counted, row)
    return chart.mirrored() if rtl else chart


def _matrix_cell(chart: Chart, x, y, cell, outcomes_counted: bool, row) -> None:
    outcomes = str(cell.outcomes) if outcomes_counted else "–"
    counts = f"{cell.projects} · {cell.meetings} · {outcomes} · {cell.initiatives}"
    where = f"{row.number or ''} {row.goal.name} — {cell.column.label}"
    if cell.is_gap:
        chart.rect(
            x + 2,
            y + 2,
            CELL_W - 4,
            CELL_H - 4,
            fill=chart.gap_fill,
            stroke=GAP_INK,
            css="cell gap",
            tooltip=f"{where}: {_('gap')}",
        )
        chart.label(
            x + CELL_W / 2,
            y + CELL_H / 2 + 5,
            _("gap"),
            anchor="middle",
            css="gap-label",
            fill=GAP_INK,
        )
        return
    level = _heat(cell.total)
    chart.rect(
        x + 2,
        y + 2,
        CELL_W - 4,
        CELL_H - 4,
        fill=HEAT[level],
        css=f"cell heat-{level}",
        tooltip=f"{where}: {counts}",
    )
    chart.label(
        x + CELL_W / 2,
        y + CELL_H / 2 + 5,
        counts,
        anchor="middle",
        css="counts",
        fill=HEAT_INK[level],
    )


def _matrix_description(matrix: Matrix) -> str:
    return _(
        "%(rows)s goals against %(columns)s %(dimension)s; %(gaps)s of %(cells)s cells are gaps "
        "(nothing counted). The table beside the picture gives the same numbers."
    ) % {
        "rows": len(matrix.rows),
        "columns": len(matrix.columns),
        "dimension": _("years") if matrix.dimension == "year" else _("countries"),
        "gaps": matrix.gap_count,
        "cells": matrix.cell_count,
    }


# -- funding by donor and goal -------------------------------------------------------------------

DONOR_W, FUND_W, FUND_H = 250, 92, 40


def funding_chart(funding: FundingByGoal, *, key: str, title: str, rtl: bool = False) -> Chart:
    """Donors (rows) against goals (columns): projects funded and money covered; the last row
    gives each goal's number of donors, hatched with "no donor" where there is none."""
    width = DONOR_W + FUND_W * len(funding.goals)
    height = HEAD_H + FUND_H * (len(funding.rows) + 1) + 8
    description = _(
        "%(donors)s donors against %(goals)s goals; %(gaps)s goals have no donor. The table "
        "beside the picture gives the same numbers."
    ) % {"donors": len(funding.rows), "goals": len(funding.goals), "gaps": funding.gap_count}
    chart = Chart(key, title, description, width, height)
    for j, goal in enumerate(funding.goals):
        number = getattr(goal, "founding_order", None) or j + 1
        chart.label(
            DONOR_W + j * FUND_W + FUND_W / 2,
            22,
            _("Goal %(n)s") % {"n": number},
            anchor="middle",
            css="head",
        )
    for i, row in enumerate(funding.rows):
        y = HEAD_H + i * FUND_H
        chart.label(0, y + FUND_H / 2 + 5, _short(row.donor.name), css="row-label")
        for j, cell in enumerate(row.cells):
            _funding_cell(chart, DONOR_W + j * FUND_W, y, cell)
    y = HEAD_H + len(funding.rows) * FUND_H
    chart.line(0, y + 1, width, y + 1)
    chart.label(0, y + FUND_H / 2 + 5, _("Donors per goal"), css="row-label total")
    for j, total in enumerate(funding.totals):
        _goal_total(chart, DONOR_W + j * FUND_W, y, total)
    return chart.mirrored() if rtl else chart


def _funding_cell(chart: Chart, x, y, cell) -> None:
    if cell.is_empty:
        chart.label(x + FUND_W / 2, y + FUND_H / 2 + 5, "–", anchor="middle", fill=MUTED)
        return
    level = 3 if cell.amounts else 1
    chart.rect(x + 2, y + 2, FUND_W - 4, FUND_H - 4, fill=HEAT[level], css=f"cell heat-{level}")
    text = _money(cell.amounts) if cell.amounts else str(cell.projects)
    chart.label(
        x + FUND_W / 2,
        y + FUND_H / 2 + 5,
        _short(text, 13),
        anchor="middle",
        css="counts",
        fill=HEAT_INK[level],
    )


def _goal_total(chart: Chart, x, y, total) -> None:
    if total.is_gap:
        chart.rect(
            x + 2,
            y + 4,
            FUND_W - 4,
            FUND_H - 6,
            fill=chart.gap_fill,
            stroke=GAP_INK,
            css="cell gap",
        )
        chart.label(
            x + FUND_W / 2,
            y + FUND_H / 2 + 6,
            _("no donor"),
            anchor="middle",
            css="gap-label",
            fill=GAP_INK,
        )
        return
    chart.label(x + FUND_W / 2, y + FUND_H / 2 + 6, str(total.donors), anchor="middle", css="total")


# -- meetings foreseen and held ------------------------------------------------------------------

YEAR_W, BAR_W, PLOT_H, AXIS_W = 96, 30, 160, 36
TIMETABLE_FILL, HELD_FILL = "#c4dbf3", "#2f65a7"


def meetings_chart(years: list[YearMeetings], *, key: str, title: str, rtl: bool = False) -> Chart:
    """Two bars a year: the meetings on the timetable (light) and those held (dark), each with
    its number; a year with none held says so in words."""
    top = max([y.on_timetable for y in years] + [1])
    width = AXIS_W + YEAR_W * len(years)
    height = LEGEND_H + PLOT_H + 44
    description = _(
        "Meetings on the timetable and meetings held, per year from %(first)s to %(last)s. The "
        "table beside the picture gives the same numbers."
    ) % {"first": years[0].year if years else "", "last": years[-1].year if years else ""}
    chart = Chart(key, title, description, width, height)
    chart.rect(0, 6, 14, 14, fill=TIMETABLE_FILL, stroke=INK, css="swatch")
    chart.label(20, 18, _("on the timetable"), css="legend", fill=MUTED)
    chart.rect(180, 6, 14, 14, fill=HELD_FILL, css="swatch")
    chart.label(200, 18, _("held"), css="legend", fill=MUTED)
    base = LEGEND_H + PLOT_H
    chart.line(AXIS_W - 4, base, width, base)
    for i, year in enumerate(years):
        x = AXIS_W + i * YEAR_W + (YEAR_W - 2 * BAR_W - 6) / 2
        for offset, value, fill, css in (
            (0, year.on_timetable, TIMETABLE_FILL, "bar timetable"),
            (BAR_W + 6, year.held, HELD_FILL, "bar held"),
        ):
            h = PLOT_H * value / top
            chart.rect(
                x + offset,
                base - h,
                BAR_W,
                h,
                fill=fill,
                stroke=INK if offset == 0 else "",
                css=css,
            )
            chart.label(x + offset + BAR_W / 2, base - h - 4, value, anchor="middle", css="value")
        chart.label(
            AXIS_W + i * YEAR_W + YEAR_W / 2, base + 18, year.year, anchor="middle", css="head"
        )
        if year.is_gap:
            chart.label(
                AXIS_W + i * YEAR_W + YEAR_W / 2,
                base + 36,
                _("none held"),
                anchor="middle",
                css="gap-label",
                fill=GAP_INK,
            )
    return chart.mirrored() if rtl else chart


# -- action points per body ----------------------------------------------------------------------

BODY_W, AP_H, AP_PLOT = 250, 34, 360
AP_PARTS = (
    ("overdue", "#8c1c2b", "#ffffff"),
    ("open", "#93bde8", INK),
    ("done", "#2f65a7", "#ffffff"),
    ("dropped", "#d9d9d9", INK),
)


def action_points_chart(
    bodies: list[BodyActionPoints], *, key: str, title: str, rtl: bool = False
) -> Chart:
    """One stacked bar per body: overdue, open, done and dropped action points, each part with
    its number written in it."""
    top = max([b.total for b in bodies] + [1])
    width = BODY_W + AP_PLOT + 20
    height = LEGEND_H + AP_H * max(len(bodies), 1) + 8
    description = _(
        "Action points per body: overdue, open, done and dropped. The table beside the picture "
        "gives the same numbers."
    )
    chart = Chart(key, title, description, width, height)
    labels = {
        "overdue": _("overdue"),
        "open": _("open"),
        "done": _("done"),
        "dropped": _("dropped"),
    }
    for n, (part, fill, _ink) in enumerate(AP_PARTS):
        chart.rect(n * 110, 6, 14, 14, fill=fill, stroke=INK, css="swatch")
        chart.label(n * 110 + 20, 18, labels[part], css="legend", fill=MUTED)
    for i, body in enumerate(bodies):
        y = LEGEND_H + i * AP_H
        chart.label(0, y + AP_H / 2 + 5, _short(body.body.name), css="row-label")
        x = BODY_W
        for part, fill, ink in AP_PARTS:
            value = getattr(body, part)
            if not value:
                continue
            w = AP_PLOT * value / top
            chart.rect(
                x,
                y + 4,
                w,
                AP_H - 8,
                fill=fill,
                stroke=INK,
                css=f"bar {part}",
                tooltip=f"{body.body.name}: {labels[part]} {value}",
            )
            chart.label(x + w / 2, y + AP_H / 2 + 5, value, anchor="middle", fill=ink)
            x += w
    return chart.mirrored() if rtl else chart
