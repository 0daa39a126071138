"""The two shapes of a read: a page of a list, and one record."""

from django.shortcuts import get_object_or_404

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
