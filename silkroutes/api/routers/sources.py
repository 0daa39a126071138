"""The sources every fact rests on: the strategy document and public web pages."""

from django.urls import reverse
from ninja import Query, Router

from silkroutes.core.models import Source

from ..filters import DetailQuery, SourceQuery
from ..openapi import responses
from ..params import Slug
from ..representation import Context
from ..schemas.common import page_of
from ..schemas.output import SourceOut
from .common import one, page

router = Router(tags=["sources"])


def source_out(ctx: Context, source: Source) -> dict:
    return {
        "key": source.key,
        "kind": source.kind,
        "title": source.title,
        "url": source.url or None,
        "href": ctx.link("sources", source.key),
        "web_url": ctx.request.build_absolute_uri(reverse("portal:source", args=[source.key])),
    }


@router.get("/sources", response=responses(page_of(SourceOut)), url_name="sources")
def source_list(request, query: Query[SourceQuery]):
    sources = Source.objects.order_by("key")
    if query.kind:
        sources = sources.filter(kind=query.kind)
    return page(request, query, sources, source_out)


@router.get("/sources/{key}", response=responses(SourceOut), url_name="source")
def source_detail(request, key: Slug, query: Query[DetailQuery]):
    return one(request, query, Source.objects.all(), source_out, key=key)
