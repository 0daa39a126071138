"""Search across projects, meetings, bodies, organisations, countries, goals, areas, results,
sources and documents. Each domain decides what is public and which fields are searched;
silkroutes.core.search picks the engine. A country found brings the bodies it chairs and the
meetings held in it or hosted by its government (docs/decisions/search-related-records.md)."""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from silkroutes.actors.search import search_countries, search_organisations
from silkroutes.core.queries import search_sources
from silkroutes.core.search import (
    MAX_QUERY_LENGTH,
    RESULTS_PER_KIND,
    QueryTooLong,
    first_hits,
    hits_of,
    search_terms,
)
from silkroutes.documents.queries import search_documents
from silkroutes.meetings.search import search_bodies, search_meetings
from silkroutes.portal.allow_lists import reads_parameters
from silkroutes.programme.search import search_projects, search_results
from silkroutes.strategy.search import search_areas, search_goals

TEMPLATE = "portal/search/search.html"


@reads_parameters("q")
def search(request):
    query = request.GET.get("q", "").strip()
    context = {"query": query, "max_length": MAX_QUERY_LENGTH, "per_kind": RESULTS_PER_KIND}
    if not query:
        return render(request, TEMPLATE, context)
    try:
        terms = search_terms(query)
    except QueryTooLong:
        context["error"] = _(
            "The search is too long: use at most %(max)s characters, a few words are enough."
        ) % {"max": MAX_QUERY_LENGTH}
        return render(request, TEMPLATE, context, status=400)
    if not terms:
        context["error"] = _("Type at least one word or number to search for.")
        return render(request, TEMPLATE, context, status=400)
    context["groups"] = _groups(query)
    context["total"] = sum(hits.total for _kind, _label, hits in context["groups"])
    return render(request, TEMPLATE, context)


def _groups(query: str) -> list:
    """(kind, heading, hits) for each kind of record: one query per kind, two for countries."""
    countries = search_countries(query)
    bodies = first_hits(search_bodies(query, countries))
    names = {country.pk: country.name for country in countries}
    for body in bodies.items:
        body.chaired_by = names.get(getattr(body, "chair_country_id", None), "")
    # The list shows titles only: the files of each document are not loaded.
    documents = search_documents(query).prefetch_related(None)
    return [
        ("projects", _("Projects"), first_hits(search_projects(query))),
        ("meetings", _("Meetings"), first_hits(search_meetings(query, countries))),
        ("bodies", _("Working groups and other bodies"), bodies),
        ("organisations", _("Organisations"), first_hits(search_organisations(query))),
        ("countries", _("Countries"), hits_of(countries)),
        ("goals", _("Priority goals"), first_hits(search_goals(query))),
        ("areas", _("Programme areas"), first_hits(search_areas(query))),
        ("results", _("Project results"), first_hits(search_results(query))),
        ("sources", _("Sources"), first_hits(search_sources(query))),
        ("documents", _("Documents"), first_hits(documents)),
    ]
