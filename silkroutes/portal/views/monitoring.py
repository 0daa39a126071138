"""The coverage dashboard and the annual report to the Senior Officials' Meeting (HTML and PDF).

Both are public and show only public records (verified initiatives, published public outcomes).
The language comes from the URL prefix (/ru/, /ar/); the PDF is the report page itself, printed
by WeasyPrint with the print stylesheet, so the two never disagree. Reports exist from the
partnership's first year to the data's last (``report_years``); a PDF is built once per data
version and language and served as a stored file (docs/decisions/0016-stored-files.md)."""

from django import forms
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language, get_language_bidi, gettext_lazy
from django.utils.translation import gettext as _

from silkroutes.core.storedfiles import serve_stored
from silkroutes.monitoring.charts import (
    action_points_chart,
    funding_chart,
    matrix_chart,
    meetings_chart,
)
from silkroutes.monitoring.coverage import (
    DEFAULT_YEARS,
    goal_country_matrix,
    goal_year_matrix,
)
from silkroutes.monitoring.pdf import render_pdf
from silkroutes.monitoring.queries import verified_initiatives
from silkroutes.monitoring.report import annual_report, report_years
from silkroutes.monitoring.tallies import (
    action_points_per_body,
    funding_by_goal_and_donor,
    meetings_per_year,
)
from silkroutes.portal.allow_lists import reads_parameters
from silkroutes.strategy.queries import goals_in_founding_order

MAX_SPAN = 15  # years in one matrix: wider would not be readable


class YearRangeForm(forms.Form):
    """The years of the dashboard, from the query string (``?from=2014&to=2016``), within the
    years the data covers."""

    def __init__(self, data, *, years: range) -> None:
        super().__init__(data, auto_id="years-%s")
        for name, label, default in (
            ("from", gettext_lazy("From"), DEFAULT_YEARS[0]),
            ("to", gettext_lazy("To"), DEFAULT_YEARS[1]),
        ):
            self.fields[name] = forms.IntegerField(
                label=label,
                required=False,
                min_value=years.start,
                max_value=years.stop - 1,
                initial=default,
            )

    def clean(self):
        data = super().clean()
        first = data.get("from") or DEFAULT_YEARS[0]
        last = data.get("to") or DEFAULT_YEARS[1]
        if "from" in data and "to" in data:
            if last < first:
                raise forms.ValidationError(_("The last year cannot be before the first."))
            if last - first + 1 > MAX_SPAN:
                raise forms.ValidationError(_("Choose at most %(n)s years.") % {"n": MAX_SPAN})
        data["years"] = (first, last)
        return data


@reads_parameters("from", "to")
def coverage(request):
    years = report_years()
    form = YearRangeForm(request.GET, years=years)
    if not form.is_valid():
        return render(request, "portal/monitoring/invalid_years.html", {"form": form}, status=400)
    first, last = form.cleaned_data["years"]
    rtl = get_language_bidi()
    goals = list(goals_in_founding_order())
    by_year = goal_year_matrix(first, last, goals)
    by_country = goal_country_matrix(goals=goals)
    funding = funding_by_goal_and_donor(goals)
    meetings = meetings_per_year(first, last)
    action_points = action_points_per_body()
    charts = {
        "by_year": matrix_chart(by_year, key="goal-year", title=_("Goals by year"), rtl=rtl),
        "by_country": matrix_chart(
            by_country, key="goal-country", title=_("Goals by country"), rtl=rtl
        ),
        "funding": funding_chart(
            funding, key="funding", title=_("Funding by donor and goal"), rtl=rtl
        ),
        "meetings": meetings_chart(
            meetings, key="meetings", title=_("Meetings foreseen and held"), rtl=rtl
        ),
    }
    if action_points:
        charts["action_points"] = action_points_chart(
            action_points, key="action-points", title=_("Action points per body"), rtl=rtl
        )
    return render(
        request,
        "portal/monitoring/coverage.html",
        {
            "form": form,
            "first": first,
            "last": last,
            "by_year": by_year,
            "by_country": by_country,
            "funding": funding,
            "meetings": meetings,
            "action_points": action_points,
            "charts": charts,
            "verified_count": verified_initiatives().count(),
            "report_years": years,
        },
    )


def _no_report(request, year: int, years: range):
    """The clear 404 of a year outside the data: which years there are, with their links."""
    context = {"year": year, "report_years": years}
    return render(request, "portal/monitoring/no_report.html", context, status=404)


def _report_context(year: int, years: range) -> dict:
    report = annual_report(year)
    rtl = get_language_bidi()
    charts = {
        "by_year": matrix_chart(
            report.goal_year, key="report-goal-year", title=_("Goals by year"), rtl=rtl
        ),
        "by_country": matrix_chart(
            report.goal_country,
            key="report-goal-country",
            title=_("Goals by country in %(year)s") % {"year": year},
            rtl=rtl,
        ),
        "meetings": meetings_chart(
            report.meetings_per_year,
            key="report-meetings",
            title=_("Meetings foreseen and held"),
            rtl=rtl,
        ),
    }
    return {"report": report, "year": year, "charts": charts, "report_years": years}


@reads_parameters()
def report(request, year: int):
    years = report_years()
    if year not in years:
        return _no_report(request, year, years)
    return render(request, "portal/monitoring/report.html", _report_context(year, years))


@reads_parameters()
def report_pdf(request, year: int):
    """The report page printed to PDF, as a download named with the year and the language;
    printed once per data version and language, then served from the stored file."""
    years = report_years()
    if year not in years:
        return _no_report(request, year, years)

    def print_report() -> bytes:
        context = _report_context(year, years)
        html = render_to_string("portal/monitoring/report.html", context, request)
        return render_pdf(html, base_url=request.build_absolute_uri("/"))

    language = get_language()
    return serve_stored(
        request,
        f"report-{year}-{language}.pdf",
        print_report,
        content_type="application/pdf",
        filename=f"silk-routes-report-{year}-{language}.pdf",
    )


@reads_parameters()
def report_list(request):
    return render(request, "portal/monitoring/report_list.html", {"report_years": report_years()})
