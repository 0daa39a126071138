"""Template helpers of the portal: fuzzy dates in the reader's language, sources of a record."""

import datetime as dt

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info

from silkroutes.core.fuzzydates import FuzzyDate, in_words, range_in_words
from silkroutes.core.provenance import number_citations

register = template.Library()


@register.filter
def fuzzy(value: FuzzyDate | None) -> str:
    """A fuzzy date as words (core.fuzzydates.in_words)."""
    return in_words(value)


@register.simple_tag
def fuzzy_range(value: FuzzyDate | None, last_day: dt.date | None = None) -> str:
    """A meeting's dates: one day, or first to last day (core.fuzzydates.range_in_words)."""
    return range_in_words(value, last_day)


@register.inclusion_tag("portal/includes/sources.html")
def sources(record, label: str = "") -> dict:
    """The citations and conflicting alternatives of a record. Prefetch them with
    ``silkroutes.core.queries.with_provenance`` so that this costs no query per record. Each
    citation is numbered and anchored, for the source marks beside the record's values."""
    number_citations(record.provenance)
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
