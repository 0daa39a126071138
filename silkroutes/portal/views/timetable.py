"""The tentative timetable (a list by year and month, and a time-line picture, with filters that
live in the URL) and the page of one meeting.

How a meeting is placed (docs/decisions/0006-calendar-and-fuzzy-dates.md): within a year, each
month lists the meetings known to the day, then those known only to that month; after the third
month of a quarter come the meetings known only to that quarter; after December, those known only
to the year. A meeting is never put on a day, or in a month, it does not have.
"""

import contextlib
import datetime as dt
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.core.paginator import Page, Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_bidi, gettext_lazy
from django.utils.translation import gettext as _
from django_countries import countries as iso_countries

from silkroutes.core.fuzzydates import FuzzyDate, Precision, in_words
from silkroutes.core.presenters import url_maker
from silkroutes.documents.queries import public_documents_of
from silkroutes.meetings.models import Body, Meeting, MeetingStatus
from silkroutes.meetings.presenters import MeetingRow, meeting_rows
from silkroutes.meetings.queries import (
    countries_with_meetings,
    meeting_year_range,
    meetings_for_page,
    timetable_meetings,
)
from silkroutes.outcomes.queries import public_outcomes_of
from silkroutes.portal.allow_lists import reads_parameters
from silkroutes.portal.fragments import CachedSelect, Fragments, keep_options
from silkroutes.strategy.queries import goals_in_order

# --- Filters -------------------------------------------------------------------------------


class TimetableFilters(forms.Form):
    """The timetable's filters, as GET parameters so that a filtered view can be bookmarked.
    A value that names nothing (an unknown body or goal, a status that does not exist, a year
    that is not a number, a country code that is not ISO 3166) makes the form invalid."""

    body = forms.ChoiceField(label=gettext_lazy("Body"), required=False, widget=CachedSelect)
    type = forms.ChoiceField(
        label=gettext_lazy("Type of body"), required=False, widget=CachedSelect
    )
    goal = forms.ChoiceField(
        label=gettext_lazy("Priority goal"), required=False, widget=CachedSelect
    )
    country = forms.CharField(label=gettext_lazy("Country"), required=False, widget=CachedSelect)
    year = forms.IntegerField(
        label=gettext_lazy("Year"),
        required=False,
        min_value=1900,
        max_value=2200,
        widget=CachedSelect,
    )
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False, widget=CachedSelect)

    def __init__(self, data, *, bodies, goals, countries, years):
        data = data.copy()
        if data.get("country"):
            data["country"] = data["country"].strip().upper()
        super().__init__(data, auto_id="filter-%s")
        fields = self.fields
        fields["body"].choices = [("", _("all bodies")), *((b.slug, b.name) for b in bodies)]
        fields["type"].choices = [("", _("all types")), *Body.Kind.choices]
        fields["goal"].choices = [("", _("all goals")), *((g.code, g.name) for g in goals)]
        fields["status"].choices = [("", _("all statuses")), *MeetingStatus.choices]
        # The lists offer what the timetable holds; a valid value beyond them (a country
        # without meetings, a year without meetings) is added so that it shows as chosen.
        country_choices = [(c.code, c.name) for c in countries]
        given = data.get("country", "")
        if given in dict(iso_countries) and given not in dict(country_choices):
            country_choices.append((given, iso_countries.name(given)))
            fields["country"].widget.variant = given
        fields["country"].widget.choices = [("", _("all countries")), *country_choices]
        year_choices = [(str(year), str(year)) for year in years]
        given = data.get("year", "").strip()
        if given.isdigit() and given not in dict(year_choices):
            year_choices.append((given, given))
            fields["year"].widget.variant = given
        fields["year"].widget.choices = [("", _("all years")), *year_choices]
        keep_options(self, "timetable-filters")

    def clean_country(self) -> str:
        code = self.cleaned_data["country"]
        if code and code not in dict(iso_countries):
            raise forms.ValidationError(
                _("“%(code)s” is not an ISO 3166-1 country code."), params={"code": code}
            )
        return code

    def query(self) -> dict:
        """The valid filters as keyword arguments of ``timetable_meetings``."""
        data = self.cleaned_data
        return {
            "body": data["body"],
            "kind": data["type"],
            "goal": data["goal"],
            "country": data["country"],
            "year": data["year"],
            "status": data["status"],
        }


# The largest ``?page_size=``: the strategy's whole timetable (about 200 meetings) on one page.
MAX_PAGE_SIZE = 200


class PageSize(forms.Form):
    """``?page_size=``, meetings on a page (``TIMETABLE_PAGE_SIZE`` when not given)."""

    page_size = forms.IntegerField(
        label=gettext_lazy("Meetings per page"),
        required=False,
        min_value=1,
        max_value=MAX_PAGE_SIZE,
    )

    def value(self) -> int:
        return self.cleaned_data["page_size"] or settings.TIMETABLE_PAGE_SIZE


def _bad_parameters(*forms_: forms.Form) -> list[tuple[str, str, str, list[str]]]:
    """(parameter, label, value given, messages) of every parameter that is not valid."""
    return [
        (name, str(form.fields[name].label), form.data.get(name, ""), list(messages))
        for form in forms_
        for name, messages in form.errors.items()
    ]


def _filters_for(request) -> TimetableFilters:
    years = meeting_year_range()
    return TimetableFilters(
        request.GET,
        bodies=Body.objects.order_by("name"),
        goals=goals_in_order().prefetch_related(None),
        countries=countries_with_meetings(),
        years=range(years[0], years[1] + 1) if years else [],
    )


# --- The list, grouped by period -----------------------------------------------------------


@dataclass
class Period:
    """A heading of the list: a month, a quarter (month not known) or a year (month not known),
    and the list items of its meetings."""

    kind: str
    anchor: str
    heading: str
    items: list[str] = field(default_factory=list)

    @property
    def items_html(self) -> SafeString:
        return mark_safe("".join(f"{item}\n" for item in self.items))  # noqa: S308 - built escaped


@dataclass
class Year:
    year: int
    periods: list[Period] = field(default_factory=list)


def _slot(meeting: Meeting) -> tuple[int, int, int]:
    """Where a meeting goes within its year: (quarter, place in it, order within the month).
    A quarter holds its three months (0, 1, 2), then the meetings known only to it (3); the
    meetings known only to the year come after the fourth quarter."""
    when = meeting.when
    if when.precision == Precision.YEAR:
        return (5, 0, 0)
    if when.precision == Precision.QUARTER:
        return (when.quarter, 3, 0)
    month_in_quarter = (when.first_day.month - 1) % 3
    return (when.quarter, month_in_quarter, 0 if when.precision == Precision.DAY else 1)


def _anchor_of(meeting: Meeting) -> str:
    when, year = meeting.when, meeting.date.year
    if when.precision == Precision.YEAR:
        return f"y{year}-year"
    if when.precision == Precision.QUARTER:
        return f"y{year}-q{when.quarter}"
    return f"y{year}-m{meeting.date.month:02d}"


def _period_of(meeting: Meeting) -> Period:
    """The heading of a meeting's period (worked out once per period, not per meeting)."""
    when, year, anchor = meeting.when, meeting.date.year, _anchor_of(meeting)
    if when.precision == Precision.YEAR:
        return Period("year", anchor, _("%(year)s — month not known") % {"year": year})
    if when.precision == Precision.QUARTER:
        heading = _("%(quarter)s — month not known") % {"quarter": in_words(when)}
        return Period("quarter", anchor, heading)
    month = dt.date(year, meeting.date.month, 1)
    return Period("month", anchor, date_format(month, "YEAR_MONTH_FORMAT"))


def _list_order(m: Meeting) -> tuple:
    return (m.date.year, _slot(m), m.date, m.end_date or m.date, m.pk)


def group_by_period(meetings: list[Meeting], items: dict[int, str]) -> list[Year]:
    """The meetings by year and then by period, in the order the module docstring describes;
    ``items`` are their list items by key."""
    years: list[Year] = []
    for meeting in sorted(meetings, key=_list_order):
        if not years or years[-1].year != meeting.date.year:
            years.append(Year(meeting.date.year))
        periods = years[-1].periods
        if not periods or periods[-1].anchor != _anchor_of(meeting):
            periods.append(_period_of(meeting))
        periods[-1].items.append(items[meeting.pk])
    return years


def list_item(row: MeetingRow) -> str:
    """A meeting's item in the list, as the timetable shows it."""
    place = format_html(" · {}", row.place) if row.city or row.country_name else ""
    return format_html(
        '<li class="tt-item">\n  <a class="tt-item-title" href="{}">{}</a>\n'
        '  <span class="tt-item-facts"><span class="tt-when">{}</span> · <a href="{}">{}</a>{}\n'
        '  <span class="status status-{}">{}</span></span>\n</li>',
        row.url,
        row.title,
        row.when,
        row.body_url,
        row.body_name,
        place,
        row.status,
        row.status_label,
    )


def mark_head(row: MeetingRow) -> str:
    """The opening of a meeting's mark in the picture: its link and its tooltip."""
    return format_html(
        '<a href="{}" class="tt-mark tt-{}">\n          <title>{}: {} ({})</title>',
        row.url,
        row.status,
        row.title,
        row.when,
        row.status_label,
    )


def meeting_pieces(meetings: list[Meeting]) -> dict[int, tuple[str, str]]:
    """(list item, opening of the mark) of each meeting, by key, rendered once per data version
    and language for every page and filter that shows the meeting."""
    by_pk = {meeting.pk: meeting for meeting in meetings}

    def build(keys: list[int]) -> dict[int, tuple[str, str]]:
        rows = meeting_rows(by_pk[key] for key in keys)
        return {row.meeting.pk: (str(list_item(row)), str(mark_head(row))) for row in rows}

    return Fragments().each("timetable-meeting", by_pk, build)


# --- The picture ---------------------------------------------------------------------------

WIDTH, MARGIN = 1000, 12
AXIS, LABEL, LANE, MARK, GAP, MIN_MARK, INSET = 30, 20, 18, 12, 10, 6, 1.5


FILLS = {
    MeetingStatus.SCHEDULED: ' fill="url(#tt-fill-scheduled)"',
    MeetingStatus.POSTPONED: ' fill="url(#tt-fill-postponed)"',
}


@dataclass
class Mark:
    meeting: Meeting
    head: str  # the link and tooltip (``mark_head``)
    left: float
    right: float
    lane: int = 0
    x: str = ""
    y: str = ""
    width: str = ""
    middle: str = ""
    end: str = ""

    def html(self) -> str:
        """The mark: a rectangle filled as its status is drawn, struck through if cancelled."""
        status = self.meeting.status
        strike = (
            f'<line x1="{self.x}" y1="{self.middle}" x2="{self.end}" y2="{self.middle}"'
            ' class="tt-strike"/>'
            if status == MeetingStatus.CANCELLED
            else ""
        )
        return (
            f'\n        {self.head}\n          <rect x="{self.x}" y="{self.y}"'
            f' width="{self.width}" height="{MARK}" rx="2"{FILLS.get(status, "")}/>'
            f"\n          {strike}\n        </a>\n        "
        )


@dataclass
class Row:
    body: Body
    marks: list[Mark]
    lanes: int
    body_url: str = ""
    label_x: str = ""
    label_y: str = ""
    line_y: str = ""

    @property
    def marks_html(self) -> SafeString:
        return mark_safe("".join(mark.html() for mark in self.marks))  # noqa: S308 - escaped parts


def _num(value: float) -> str:
    """A coordinate as SVG wants it, whatever the language formats numbers like."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _position(day: dt.date, first_year: int, year_width: float) -> float:
    start = dt.date(day.year, 1, 1)
    length = (dt.date(day.year + 1, 1, 1) - start).days
    return MARGIN + (day.year - first_year + (day - start).days / length) * year_width


def _extent(meeting: Meeting, first_year: int, year_width: float) -> tuple[float, float]:
    """The stretch of the axis the meeting is known to: its days, month, quarter or year. A day
    is drawn at least MIN_MARK wide so that it can be seen and clicked."""
    last = meeting.end_date or meeting.when.last_day
    left = _position(meeting.date, first_year, year_width)
    right = _position(last + dt.timedelta(days=1), first_year, year_width)
    if right - left < MIN_MARK:
        right = min(left + MIN_MARK, WIDTH - MARGIN)
        left = right - MIN_MARK
    return left, right


def _into_lanes(marks: list[Mark]) -> int:
    """Put overlapping marks of one row on separate lanes; return the number of lanes."""
    lane_ends: list[float] = []
    for mark in sorted(marks, key=lambda m: (m.left, m.right)):
        for lane, end in enumerate(lane_ends):
            if mark.left >= end:
                mark.lane, lane_ends[lane] = lane, mark.right
                break
        else:
            mark.lane = len(lane_ends)
            lane_ends.append(mark.right)
    return max(len(lane_ends), 1)


def _body_order(body: Body) -> tuple:
    kinds = list(Body.Kind.values)
    return (kinds.index(body.kind), body.established or dt.date.max, body.name)


def timeline(meetings: list[Meeting], heads: dict[int, str], *, rtl: bool) -> dict | None:
    """Coordinates of the time-line picture: one row per body, the years on the axis (right to
    left for a right-to-left language), each meeting a mark as wide as the period it is known
    to (``heads``: the openings of the marks by key). None when there is nothing to draw."""
    if not meetings:
        return None
    body_url = url_maker("portal:body")
    first_year = min(m.date.year for m in meetings)
    last_year = max((m.end_date or m.when.last_day).year for m in meetings)
    year_width = (WIDTH - 2 * MARGIN) / (last_year - first_year + 1)

    def x(value: float) -> float:
        return WIDTH - value if rtl else value

    by_body: dict[int, Row] = {}
    for meeting in meetings:
        row = by_body.get(meeting.body_id)
        if row is None:
            row = by_body[meeting.body_id] = Row(meeting.body, [], 1, body_url(meeting.body.slug))
        mark = Mark(meeting, heads[meeting.pk], *_extent(meeting, first_year, year_width))
        row.marks.append(mark)
    body_rows = sorted(by_body.values(), key=lambda r: _body_order(r.body))
    top = AXIS
    for row in body_rows:
        row.lanes = _into_lanes(row.marks)
        row.label_x, row.label_y = _num(x(MARGIN)), _num(top + LABEL - 6)
        for mark in row.marks:
            y = top + LABEL + mark.lane * LANE
            # Longer marks are drawn a little inside their period, so that two adjacent
            # periods (2014, 2015) show as two marks, not one.
            inset = INSET if mark.right - mark.left > 2 * MIN_MARK else 0
            left, right = x(mark.left + inset), x(mark.right - inset)
            mark.x, mark.end = _num(min(left, right)), _num(max(left, right))
            mark.width = _num(mark.right - mark.left - 2 * inset)
            mark.y, mark.middle = _num(y), _num(y + MARK / 2)
        top += LABEL + row.lanes * LANE + GAP
        row.line_y = _num(top - GAP / 2)
    ticks = []
    for index, year in enumerate(range(first_year, last_year + 2)):
        ticks.append(
            {
                "year": year if year <= last_year else None,
                "x": _num(x(MARGIN + index * year_width)),
                "label_x": _num(x(MARGIN + (index + 0.5) * year_width)),
            }
        )
    return {
        "width": WIDTH,
        "height": _num(top),
        "mark_height": MARK,
        "axis_y": AXIS - 10,
        "rows": body_rows,
        "ticks": ticks,
    }


# --- Views ---------------------------------------------------------------------------------


def _page_of(request, meetings, size: int) -> Page:
    """The page asked for (``?page=``, forgiving as the programme list is), or by default the
    page that holds the next meeting from today, so that a long timetable opens at the present."""
    paginator = Paginator(meetings, size)
    number = request.GET.get("page")
    if number is None:  # counted even for one page, so that the page costs the same at any size
        before_today = meetings.filter(date__lt=timezone.localdate()).count()
        number = min(before_today // paginator.per_page + 1, paginator.num_pages)
    return paginator.get_page(number)


@reads_parameters(*TimetableFilters.base_fields, "page", "page_size")
def timetable(request):
    filters, page_size = _filters_for(request), PageSize(request.GET)
    if not (filters.is_valid() & page_size.is_valid()):  # both, so that both are named
        return render(
            request,
            "portal/timetable/invalid_filter.html",
            {"bad_filters": _bad_parameters(filters, page_size)},
            status=400,
        )
    query = filters.query()
    matching = timetable_meetings(**query)
    page = _page_of(request, matching, page_size.value())
    meetings = list(page.object_list)
    pieces = meeting_pieces(meetings)
    return render(
        request,
        "portal/timetable/timetable.html",
        {
            "filters": filters,
            "filtered": any(value not in ("", None) for value in query.values()),
            "page_obj": page,
            "years": group_by_period(meetings, {pk: item for pk, (item, _) in pieces.items()}),
            "picture": timeline(
                meetings, {pk: head for pk, (_, head) in pieces.items()}, rtl=get_language_bidi()
            ),
            "statuses": MeetingStatus.choices,
            "undated_count": _undated(matching),
            "feed_body": query["body"],
            "feed_goal": query["goal"],
        },
    )


def _undated(matching) -> int:
    """How many of all the matching meetings are known only to the month, quarter or year."""
    return matching.exclude(date_precision=Precision.DAY).count()


def _conflicts(meeting: Meeting) -> dict[str, list[str]]:
    """Values other sources give, by field, as a reader should see them (a date in words)."""
    conflicts: dict[str, list[str]] = {}
    for alternative in meeting.provenance.alternatives:
        value = alternative.value
        if alternative.field == "date":
            # A value that is not a date is shown as the source gives it.
            with contextlib.suppress(forms.ValidationError):
                value = in_words(FuzzyDate.parse(value))
        conflicts.setdefault(alternative.field, []).append(value)
    return conflicts


def meeting_detail(request, slug):
    meeting = get_object_or_404(meetings_for_page(), slug=slug)
    return render(
        request,
        "portal/timetable/meeting_detail.html",
        {
            "meeting": meeting,
            "goals": list(meeting.goals.all()),
            "conflicts": _conflicts(meeting),
            "has_day": meeting.date_precision == Precision.DAY,
            # Only what anyone may read: the access rules of documents and outcomes decide.
            "documents": public_documents_of(meeting),
            "outcomes": public_outcomes_of(meeting),
        },
    )
