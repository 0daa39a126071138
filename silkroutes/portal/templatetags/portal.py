"""Template helpers of the portal: fuzzy dates in the reader's language, sources of a record."""

import datetime as dt

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.formats import date_format
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from silkroutes.core.fuzzydates import FuzzyDate, Precision

register = template.Library()


@register.filter
def fuzzy(value: FuzzyDate | None) -> str:
    """A fuzzy date as words, never more precise than it is known: "2015", "2nd quarter 2015",
    "April 2015", "17 April 2015" (month names and order follow the active language)."""
    if value is None:
        return _("date unknown")
    day = value.first_day
    if value.precision == Precision.YEAR:
        return str(day.year)
    if value.precision == Precision.QUARTER:
        return _("Q%(quarter)s %(year)s") % {"quarter": value.quarter, "year": day.year}
    if value.precision == Precision.MONTH:
        return date_format(day, "YEAR_MONTH_FORMAT")
    return date_format(day, "DATE_FORMAT")


@register.simple_tag
def fuzzy_range(value: FuzzyDate | None, last_day: dt.date | None = None) -> str:
    """A meeting's dates: one day, or first to last day."""
    if value is None:
        return _("date unknown")
    if last_day is None or last_day == value.first_day or value.precision != Precision.DAY:
        return fuzzy(value)
    return _("%(start)s – %(end)s") % {
        "start": date_format(value.first_day, "DATE_FORMAT"),
        "end": date_format(last_day, "DATE_FORMAT"),
    }


@register.inclusion_tag("portal/includes/sources.html")
def sources(record, label: str = "") -> dict:
    """The citations and conflicting alternatives of a record. Prefetch them with
    ``silkroutes.core.queries.with_provenance`` so that this costs no query per record."""
    return {
        "citations": record.provenance.citations,
        "alternatives": record.provenance.alternatives,
        "label": label,
    }


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """This page in each language: the language is in the URL (/ru/…, /ar/…), so switching is a
    plain link — no form, no cookie — and a cached page never carries someone's token."""
    request = context["request"]
    current = context.get("LANGUAGE_CODE")
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": translate_url(request.get_full_path(), code),
                "current": code == current,
            }
        )
    return links
