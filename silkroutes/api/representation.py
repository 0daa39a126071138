"""How records become JSON: the conventions every endpoint shares.

- A multilingual field is ``{"en": …, "ru": …, "ar": …}`` (``null`` where a language has no
  text); with ``?lang=ru`` it is one string in that language, falling back to English.
- A fuzzy date is ``{"value": "2015-Q2", "precision": "quarter", "first_day": "2015-04-01",
  "last_day": "2015-06-30"}``, or ``null`` when unknown.
- Every record carries ``sources`` (its citations) and ``alternatives`` (values other sources give
  for one of its fields, each with its own sources). Prefetch them with
  ``silkroutes.core.queries.with_provenance`` so that they cost no query per record.
- A related record is a reference: its key, its name and ``href``, its address in the API.
"""

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import quote

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation

from silkroutes.core.fuzzydates import FuzzyDate, fuzzy
from silkroutes.core.presenters import country_name, url_maker

from .params import LANGUAGES, expanded

DEFAULT_LANGUAGE = settings.LANGUAGE_CODE


@dataclass
class Context:
    """What a response is rendered for: the API's absolute root, the language, expansions."""

    request: HttpRequest
    lang: str | None = None
    expand: frozenset[str] = field(default_factory=frozenset)
    root: str = ""
    today: dt.date = field(default_factory=timezone.localdate)
    url_makers: dict = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, request: HttpRequest, query=None) -> "Context":
        lang = getattr(query, "lang", None)
        expand = expanded(getattr(query, "expand", None))
        root = request.build_absolute_uri(reverse("api:index"))
        return cls(request=request, lang=lang, expand=expand, root=root)

    def rendering(self):
        """Portal links and country names follow ``lang`` (English by default)."""
        return translation.override(self.lang or DEFAULT_LANGUAGE)

    # -- links -----------------------------------------------------------------------------

    def link(self, *parts: str) -> str:
        return self.root + "/".join(quote(str(part), safe="") for part in parts)

    def web(self, record) -> str | None:
        """The record's page on the portal, absolute, in the language asked for."""
        return self.request.build_absolute_uri(record.get_absolute_url())

    def web_of(self, viewname: str, key: str) -> str:
        """As ``web`` for the page ``viewname`` of a slug or code: one ``reverse()`` for a list."""
        make = self.url_makers.get(viewname)
        if make is None:
            make = self.url_makers[viewname] = url_maker(viewname)
        return self.request.build_absolute_uri(make(key))

    # -- values ----------------------------------------------------------------------------

    def text(self, record, name: str):
        """A translated field: an object by language, or one string with ``?lang``. A field
        that is not translated (no ``<name>_en`` column) is shaped the same way."""
        if not hasattr(record, f"{name}_{DEFAULT_LANGUAGE}"):
            return self.plain_text(getattr(record, name))
        values = {lang: getattr(record, f"{name}_{lang}", None) or None for lang in LANGUAGES}
        if self.lang:
            return values[self.lang] or values[DEFAULT_LANGUAGE]
        return values

    def plain_text(self, value: str):
        """A text that exists in one language only, shaped like the translated ones."""
        value = value or None
        if self.lang:
            return value
        return {lang: value if lang == DEFAULT_LANGUAGE else None for lang in LANGUAGES}

    def country_name(self, code: str):
        if self.lang:
            return country_name(code, self.lang)
        return {lang: country_name(code, lang) for lang in LANGUAGES}

    def date(self, record, name: str) -> dict | None:
        return fuzzy_date(record.fuzzy_value(name))

    # -- provenance ------------------------------------------------------------------------

    def sources(self, record) -> list[dict]:
        return [citation(c) for c in record.provenance.citations]

    def alternatives(self, record) -> list[dict]:
        return [
            {
                "field": alternative.field,
                "value": alternative.value,
                "note": alternative.note or None,
                "sources": [citation(c) for c in alternative.cited],
            }
            for alternative in record.provenance.alternatives
        ]

    def provenance(self, record) -> dict:
        return {"sources": self.sources(record), "alternatives": self.alternatives(record)}

    # -- references ------------------------------------------------------------------------

    def country_ref(self, country) -> dict | None:
        if country is None:
            return None
        return {
            "code": country.code,
            "name": self.country_name(country.code),
            "href": self.link("countries", country.code),
        }

    def organisation_ref(self, organisation) -> dict | None:
        if organisation is None:
            return None
        return {
            "slug": organisation.slug,
            "name": self.text(organisation, "name"),
            "href": self.link("organisations", organisation.slug),
        }

    def body_ref(self, body) -> dict | None:
        if body is None:
            return None
        return {
            "slug": body.slug,
            "name": self.text(body, "name"),
            "href": self.link("bodies", body.slug),
        }

    def meeting_ref(self, meeting) -> dict | None:
        if meeting is None:
            return None
        return {
            "slug": meeting.slug,
            "title": self.text(meeting, "title"),
            "href": self.link("meetings", meeting.slug),
        }

    def project_ref(self, project) -> dict | None:
        if project is None:
            return None
        return {
            "slug": project.slug,
            "title": self.text(project, "title") if project.title else None,
            "href": self.link("projects", project.slug),
        }

    def goal_ref(self, goal) -> dict:
        return {
            "code": goal.code,
            "name": self.text(goal, "name"),
            "href": self.link("goals", goal.code),
        }

    def area_ref(self, area) -> dict:
        return {
            "code": area.code,
            "title": self.text(area, "title"),
            "href": self.link("areas", area.code),
        }

    def framework_ref(self, framework) -> dict | None:
        if framework is None:
            return None
        return {
            "slug": framework.slug,
            "title": self.text(framework, "title"),
            "href": self.link("frameworks", framework.slug),
        }

    def region_ref(self, region) -> dict | None:
        if region is None:
            return None
        return {
            "code": region.code,
            "name": self.text(region, "name"),
            "href": self.link("regions", region.code),
        }


def fuzzy_date(value: FuzzyDate | None) -> dict | None:
    if value is None:
        return None
    return {
        "value": str(value),
        "precision": value.precision,
        "first_day": value.first_day,
        "last_day": value.last_day,
    }


def fuzzy_of(day, precision) -> dict | None:
    return fuzzy_date(fuzzy(day, precision))


def citation(record) -> dict:
    source = record.source
    return {
        "source": {"key": source.key, "title": source.title, "url": source.url or None},
        "section": record.section or None,
        "quote": record.quote or None,
    }
