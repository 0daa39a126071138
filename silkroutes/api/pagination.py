"""Pages of results: ``count``, absolute ``next`` and ``previous`` links that keep every other
parameter, and ``results``. A page past the last one is a 404 problem (an empty list has one,
empty, page)."""

import math
from collections.abc import Callable, Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from .problems import FieldError, Problem


def _page_link(request, number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(number)
    return request.build_absolute_uri(request.path) + "?" + query.urlencode()


def paginate(
    request,
    items: QuerySet | list,
    *,
    page: int,
    page_size: int,
    render: Callable[[Iterable], list[dict]],
) -> dict:
    """One page of ``items`` (a queryset is counted and sliced in SQL), rendered."""
    count = items.count() if isinstance(items, QuerySet) else len(items)
    pages = max(1, math.ceil(count / page_size))
    if page > pages:
        raise Problem(
            "not-found",
            _("There is no page %(page)s; the last page is %(pages)s.")
            % {"page": page, "pages": pages},
            errors=[FieldError("page", "query", _("Past the last page."))],
        )
    start = (page - 1) * page_size
    chunk = list(items[start : start + page_size])
    return {
        "count": count,
        "next": _page_link(request, page + 1) if page < pages else None,
        "previous": _page_link(request, page - 1) if page > 1 else None,
        "results": render(chunk),
    }
