"""The query parameters each list page of the portal reads, and the refusal of any other.

A parameter a page does not read (``?ordering=-date``, ``?sort=name``, a misspelt ``?stauts=``)
answers 400 with a page naming it and the parameters the page does read, as the API answers a
parameter it does not declare: a reader who thinks the list was sorted or filtered as asked is
told it was not. Values are checked by each page's filter form (400 too, naming the filter).

Campaign tags that newsletters and social sites add to shared links (``utm_*``, ``fbclid``,
``gclid``) change nothing on any page and are let through, so that such links keep working."""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

CAMPAIGN_TAGS = frozenset({"fbclid", "gclid"})
CAMPAIGN_PREFIX = "utm_"


def _is_campaign_tag(name: str) -> bool:
    return name in CAMPAIGN_TAGS or name.startswith(CAMPAIGN_PREFIX)


def unknown_parameters(request: HttpRequest, allowed: frozenset[str]) -> list[str]:
    """The names in the query string that are neither ``allowed`` nor a campaign tag."""
    return sorted(
        name for name in request.GET if name not in allowed and not _is_campaign_tag(name)
    )


def reads_parameters(*allowed: str) -> Callable:
    """Decorate a list view that reads only the query parameters ``allowed`` (none: the page
    takes no parameter); any other answers 400 with ``portal/invalid_parameters.html``."""
    names = frozenset(allowed)

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            unknown = unknown_parameters(request, names)
            if unknown:
                context = {
                    "unknown": unknown,
                    "allowed": sorted(names),
                    "page_path": request.path,
                }
                return render(request, "portal/invalid_parameters.html", context, status=400)
            return view(request, *args, **kwargs)

        return checked

    return decorator
