"""What of the bodies and meetings is public, and how they are searched.

Every public page, the search and any other interface reads bodies and meetings through these
functions, so that a restriction added later (documents with access tiers) applies everywhere."""

from django.db.models import QuerySet

from silkroutes.core.search import text_search

from .models import Body, Meeting

BODY_SEARCH_FIELDS = ("name", "focus", "future_perspective")
MEETING_SEARCH_FIELDS = ("title", "description", "city")


def public_bodies() -> QuerySet[Body]:
    """The bodies anyone may see: all of them in the current model."""
    return Body.objects.all()


def public_meetings() -> QuerySet[Meeting]:
    """The meetings anyone may see: all of them in the current model."""
    return Meeting.objects.filter(body__in=public_bodies())


def search_bodies(query: str) -> QuerySet[Body]:
    return text_search(public_bodies(), query)


def search_meetings(query: str) -> QuerySet[Meeting]:
    return text_search(public_meetings().select_related("body", "country"), query)


def public_records() -> list[QuerySet]:
    """One queryset per sourced model of this app: what anyone may see of it, loaded for naming
    a record (pages listing citations)."""
    return [public_bodies(), public_meetings()]
