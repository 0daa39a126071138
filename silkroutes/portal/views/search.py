"""Search across projects, meetings, bodies, organisations and countries. Each domain decides
what is public and which fields are searched; silkroutes.core.search picks the engine."""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from silkroutes.actors.search import search_countries, search_organisations
from silkroutes.core.search import (
    MAX_QUERY_LENGTH,
    RESULTS_PER_KIND,
    QueryTooLong,
    first_hits,
    hits_of,
    search_terms,
)
from silkroutes.meetings.search import search_bodies, search_meetings
from silkroutes.portal.allow_lists import reads_parameters
from silkroutes.programme.search import search_projects

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
    groups = [
        ("projects", _("Projects"), first_hits(search_projects(query))),
        ("meetings", _("Meetings"), first_hits(search_meetings(query))),
        ("bodies", _("Working groups and other bodies"), first_hits(search_bodies(query))),
        ("organisations", _("Organisations"), first_hits(search_organisations(query))),
        ("countries", _("Countries"), hits_of(search_countries(query))),
    ]
    context["groups"] = groups
    context["total"] = sum(hits.total for _kind, _label, hits in groups)
    return render(request, TEMPLATE, context)
