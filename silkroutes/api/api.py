"""The JSON API, version 1: the NinjaAPI instance and its routers.

Conventions (docs/api.md): lists are paginated (``count``, ``next``, ``previous``,
``results``); multilingual fields are objects by language unless ``?lang=`` asks for one; fuzzy
dates carry their precision; every record carries its sources and alternatives; errors are
problem details; every GET has an ETag; anonymous clients and tokens have rate limits; reads
without a token are built once per data version (readcache)."""

from typing import Literal

from django.http import Http404, HttpRequest
from ninja import NinjaAPI, Query, Router
from ninja.openapi.docs import Swagger

from . import errors, openapi
from .auth import OPTIONAL_TOKEN
from .conditional import finish
from .params import StrictQuery
from .problems import PROBLEM_KINDS, problem_type_uri
from .readcache import anonymous_reads_cached, built_once
from .schemas.common import ProblemType
from .schemas.output import IndexOut
from .throttling import ApiRateThrottle

DESCRIPTION = """\
Open data of the Silk Routes Partnership for Migration (Budapest Process): priority goals,
frameworks, the programme's projects with participants and funding, bodies and their chairs,
meetings, organisations, countries, regions, partnerships and the sources every fact rests on.

Reading public data needs no token. Restricted data and writes need an API token, created in the
workspace and sent as `Authorization: Bearer <token>`. See docs/api.md for the conventions.
"""


class SilkRoutesAPI(NinjaAPI):
    def create_response(self, request: HttpRequest, data, *, status=None, temporal_response=None):
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        return finish(request, response)

    def get_openapi_operation_id(self, operation) -> str:
        return operation.view_func.__name__  # unique across the routers: project_list, …

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return openapi.complete(schema)


api = SilkRoutesAPI(
    title="Silk Routes Partnership API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=OPTIONAL_TOKEN,
    throttle=[ApiRateThrottle()],
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_decorator=built_once,
)
api.add_decorator(anonymous_reads_cached)
errors.install(api)

meta = Router(tags=["meta"])

RESOURCES = (
    "goals",
    "areas",
    "frameworks",
    "action_items",
    "projects",
    "funding",
    "results",
    "bodies",
    "roles",
    "meetings",
    "organisations",
    "countries",
    "regions",
    "partnerships",
    "sources",
    "documents",
    "outcomes",
    "action_points",
)


@meta.get("/", response=openapi.responses(IndexOut, errors=(400, 401, 429)), url_name="index")
def index(request, query: Query[StrictQuery]):
    """Where everything is: the description, the docs and each collection."""
    root = request.build_absolute_uri(request.path)
    return {
        "version": api.version,
        "openapi": root + "openapi.json",
        "docs": root + "docs",
        "resources": {name: root + name for name in RESOURCES},
    }


@meta.get(
    "/problems/{kind}",
    response=openapi.responses(ProblemType, errors=(400, 401, 404, 429)),
    url_name="problem_type",
)
def problem_type(
    request,
    kind: Literal[tuple(PROBLEM_KINDS)],  # type: ignore[valid-type]
    query: Query[StrictQuery],
):
    """What a kind of problem (the ``type`` of a problem detail) means."""
    info = PROBLEM_KINDS.get(kind)
    if info is None:
        raise Http404(kind)
    return {
        "type": problem_type_uri(request, kind),
        "title": str(info.title),
        "status": info.status,
        "description": str(info.description),
    }


def _register_routers() -> None:
    # The write modules add their operations to the routers of the same paths (a path served by
    # two routers would answer only the first one's methods).
    from .routers import (  # noqa: F401
        actors,
        bodies,
        documents,
        meeting_writes,
        meetings,
        outcome_writes,
        outcomes,
        programme,
        programme_writes,
        results,
        sources,
        strategy,
    )

    api.add_router("", meta)
    api.add_router("", strategy.router)
    api.add_router("", programme.router)
    api.add_router("", results.router)
    api.add_router("", bodies.router)
    api.add_router("", meetings.router)
    api.add_router("", actors.router)
    api.add_router("", sources.router)
    api.add_router("", documents.router)
    api.add_router("", outcomes.router)


_register_routers()
