"""The two shapes of a read: a page of a list, and one record."""

import json

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja.responses import NinjaJSONEncoder

from ..conditional import finish
from ..pagination import paginate
from ..representation import Context


def page(request, query, items, render, ctx: Context | None = None) -> dict:
    """A page of ``items``, each rendered with ``render(ctx, item)``."""
    ctx = ctx or Context.of(request, query)
    with ctx.rendering():
        return paginate(
            request,
            items,
            page=query.page,
            page_size=query.page_size,
            render=lambda chunk: [render(ctx, item) for item in chunk],
        )


def one(request, query, items, render, **lookup) -> dict:
    """The record of ``items`` matching ``lookup`` (else 404), rendered."""
    ctx = Context.of(request, query)
    record = get_object_or_404(items, **lookup)
    with ctx.rendering():
        return render(ctx, record)


def page_response(request, query, items, render, ctx: Context | None = None) -> HttpResponse:
    """``page`` as the response itself, with its ETag. django-ninja sends a response as it is,
    where it would validate a returned dict against the operation's schema again (a third of
    the time of a long list): the bodies our renderers build keep to the schemas in the
    OpenAPI description, which the tests check (schemathesis and test_unvalidated_lists)."""
    body = json.dumps(page(request, query, items, render, ctx), cls=NinjaJSONEncoder)
    return finish(request, HttpResponse(body, content_type="application/json; charset=utf-8"))
