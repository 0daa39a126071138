"""Links to the calendar feeds for the portal's pages: each feed as a ``webcal:`` address (a
calendar program subscribes to it) and as an ``https:`` one (the browser downloads the file),
in the language of the page."""

from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils.http import urlencode

register = template.Library()


@dataclass(frozen=True)
class FeedLink:
    https: str
    webcal: str


def feed_link(request, viewname: str, *args, query: dict | None = None) -> FeedLink:
    path = reverse(viewname, args=args)
    if query:
        path += "?" + urlencode(query)
    address = request.build_absolute_uri(path)
    return FeedLink(https=address, webcal="webcal://" + address.split("://", 1)[1])


@register.simple_tag(takes_context=True)
def timetable_feeds(context, filters) -> dict[str, FeedLink]:
    """The two feeds of the timetable with the page's valid filters."""
    query = {
        name: value
        for name, value in getattr(filters, "cleaned_data", {}).items()
        if value not in ("", None)
    }
    request = context["request"]
    return {
        "on_a_day": feed_link(request, "calendar:timetable", query=query),
        "day_not_known": feed_link(request, "calendar:day_not_known", query=query),
    }


@register.simple_tag(takes_context=True)
def body_feeds(context, body) -> dict[str, FeedLink]:
    """The two feeds of one body."""
    request = context["request"]
    return {
        "on_a_day": feed_link(request, "calendar:body", body.slug),
        "day_not_known": feed_link(request, "calendar:day_not_known", query={"body": body.slug}),
    }


@register.simple_tag(takes_context=True)
def meeting_file(context, meeting) -> FeedLink:
    """The file of one meeting."""
    return feed_link(context["request"], "calendar:meeting", meeting.slug)
