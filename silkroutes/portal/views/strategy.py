"""The strategy: its own text (the page that citations of the strategy link to, and its file),
the index of the priority goals and the pages of the programme's main areas."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from silkroutes.portal.allow_lists import reads_parameters
from silkroutes.programme.presenters import project_rows
from silkroutes.programme.queries import projects_matching
from silkroutes.strategy.queries import area_for_page, areas_for_index, goals_for_index
from silkroutes.strategy.text import STRATEGY_FILE_NAME, read_strategy_text, strategy_parts

# Where the Budapest Process published the strategy (data/strategy/README.md).
PUBLISHED_AT = "https://www.budapestprocess.org/"
# Projects listed on an area's page before "all N" links to the filtered programme list.
AREA_PAGE_LIMIT = 50


@reads_parameters()
def strategy_text(request):
    return render(
        request,
        "portal/strategy/strategy_text.html",
        {"parts": strategy_parts(), "published_at": PUBLISHED_AT},
    )


@reads_parameters()
def strategy_download(request):
    response = HttpResponse(read_strategy_text(), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{STRATEGY_FILE_NAME}"'
    return response


@reads_parameters()
def goal_list(request):
    return render(request, "portal/strategy/goal_list.html", {"goals": goals_for_index()})


@reads_parameters()
def area_list(request):
    return render(request, "portal/strategy/area_list.html", {"areas": areas_for_index()})


def area_detail(request, code):
    area = get_object_or_404(area_for_page(), code=code)
    projects = list(projects_matching(area=area.code)[: AREA_PAGE_LIMIT + 1])
    total = len(projects)
    if total > AREA_PAGE_LIMIT:
        projects = projects[:AREA_PAGE_LIMIT]
        total = projects_matching(area=area.code).count()
    return render(
        request,
        "portal/strategy/area_detail.html",
        {"area": area, "projects": project_rows(projects), "projects_total": total},
    )
