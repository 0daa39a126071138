"""The programme as an Excel workbook for donors who live in spreadsheets: projects,
participants, funding records and funding gaps, plus a sheet that says what the numbers mean.
Only public records; amounts stay in their own currency."""

import datetime as dt
import io

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from silkroutes.core.text import FORMULA_TRIGGERS, clean_for_output
from silkroutes.programme.funding import gaps_per_goal, project_summaries, projects_with_money
from silkroutes.programme.models import Participation, RecipientCountry

MONEY = "#,##0.00"
BOLD = Font(bold=True)


def _append(sheet, values: list) -> None:
    """Append a row whose texts are string cells, never formulas: a note reading
    ``=HYPERLINK(…)`` is shown as those words. The quote prefix keeps it text when someone edits
    the cell in Excel."""
    sheet.append([clean_for_output(v) if isinstance(v, str) else v for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
            if cell.value.startswith(FORMULA_TRIGGERS):
                cell.quotePrefix = True


def _sheet(workbook: Workbook, title: str, header: list[str], rows: list[list], money=()):
    sheet = workbook.create_sheet(title)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = BOLD
    for row in rows:
        _append(sheet, row)
    for index, name in enumerate(header, start=1):
        letter = get_column_letter(index)
        width = max([len(str(name)), *(len(str(r[index - 1] or "")) for r in rows)])
        sheet.column_dimensions[letter].width = min(max(width + 2, 10), 60)
        if name in money:
            for cell in sheet[letter][1:]:
                cell.number_format = MONEY
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = sheet.dimensions
    return sheet


def _fuzzy(record, name: str) -> str:
    value = record.fuzzy_value(name)
    return str(value) if value else ""


def _projects_sheet(workbook: Workbook, summaries) -> None:
    rows = []
    for summary in summaries:
        p = summary.project
        rows.append(
            [
                p.slug,
                p.display_title,
                p.get_status_display(),
                str(p.start or ""),
                str(p.end or ""),
                "; ".join(g.name for g in p.goals.all()),
                "; ".join(r.country.code for r in p.recipients.all()),
                "; ".join(f"{a} {c}" for c, a in sorted(summary.budgets.items())),
            ]
        )
    header = ["slug", "project", "status", "start", "end", "goals", "recipient countries"]
    _sheet(workbook, "Projects", [*header, "budget"], rows)


def _participants_sheet(workbook: Workbook, summaries) -> None:
    order = {role: index for index, role in enumerate(Participation.Role.values)}
    rows = [
        [s.project.slug, s.project.display_title, p.organisation.name, p.get_role_display()]
        for s in sorted(summaries, key=lambda s: s.project.slug)
        for p in sorted(
            s.project.participations.all(), key=lambda p: (order[p.role], p.organisation.name)
        )
    ]
    _sheet(workbook, "Participants", ["slug", "project", "organisation", "role"], rows)


def _funding_sheet(workbook: Workbook, summaries) -> None:
    rows = [
        [
            r.project.slug,
            r.project.display_title,
            r.donor.name,
            r.get_kind_display(),
            r.amount,
            r.currency,
            _fuzzy(r, "date"),
            r.get_firmness_display(),
            r.note,
        ]
        for s in sorted(summaries, key=lambda s: s.project.slug)
        for r in s.project.funding.all()
    ]
    header = ["slug", "project", "donor", "kind", "amount", "currency", "date", "firmness", "note"]
    _sheet(workbook, "Funding", header, rows, money=("amount",))


def _project_gap_rows(summary) -> list[list]:
    name = summary.project.display_title
    rows = [
        ["project", name, g.currency, g.budget, g.covered, g.gap, g.share, _unconverted(g)]
        for g in summary.gaps
    ]
    if not summary.gaps:
        no_budget = _("no budget known: no gap can be computed")
        rows = [
            ["project", name, currency, None, covered, None, None, no_budget]
            for currency, covered in sorted(summary.covered.items())
        ] or [["project", name, "", None, None, None, None, no_budget]]
    return rows


def _unconverted(gap) -> str:
    text = "; ".join(
        _("%(amount)s %(currency)s not converted (no exchange rate)")
        % {"amount": amount, "currency": currency}
        for currency, amount in sorted(gap.unconverted.items())
    )
    return text or None


def _gaps_sheet(workbook: Workbook, summaries) -> None:
    rows = [row for summary in summaries for row in _project_gap_rows(summary)]
    for coverage in gaps_per_goal(summaries):
        label = coverage.goal.name if coverage.goal else _("(no goal tagged)")
        for g in coverage.gaps.values():
            rows.append(
                ["goal", label, g.currency, g.budget, g.covered, g.gap, g.share, _unconverted(g)]
            )
    header = ["for", "name", "currency", "budget", "covered", "gap", "covered %", "note"]
    _sheet(workbook, "Gaps", header, rows, money=("budget", "covered", "gap"))


def _about_sheet(workbook: Workbook, now: dt.datetime) -> None:
    sheet = workbook.active
    sheet.title = "About"
    for line in (
        [_("Silk Routes Partnership for Migration: the programme")],
        [_("Generated"), now.strftime("%Y-%m-%d %H:%M UTC")],
        [_("Licence"), "CC-BY-4.0 (https://creativecommons.org/licenses/by/4.0/)"],
        [_("Amounts"), _("In their own currency; nothing is converted with an assumed rate.")],
        [
            _("Covered"),
            _("Per donor, the largest of its pledges, commitments and disbursements."),
        ],
        [_("Gap"), _("Budget minus covered; empty where no budget is known.")],
        [
            _("Dates"),
            _("2015 = known to the year, 2015-Q2 to the quarter, 2015-04 to the month."),
        ],
        [_("Columns"), _("Column names stay in English, so that formulas work in every language.")],
    ):
        sheet.append(line)
    sheet["A1"].font = BOLD
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["B"].width = 80


def build_workbook(now: dt.datetime | None = None) -> bytes:
    """The workbook as .xlsx bytes."""
    projects = projects_with_money().prefetch_related(
        Prefetch("recipients", queryset=RecipientCountry.objects.select_related("country")),
        Prefetch("participations", queryset=Participation.objects.select_related("organisation")),
    )
    summaries = project_summaries(projects)
    workbook = Workbook()
    _about_sheet(workbook, now or timezone.now())
    _projects_sheet(workbook, summaries)
    _participants_sheet(workbook, summaries)
    _funding_sheet(workbook, summaries)
    _gaps_sheet(workbook, summaries)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
