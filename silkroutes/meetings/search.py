"""What of the bodies and meetings is public, and how they are searched.

Every public page, the search and any other interface reads bodies and meetings through these
functions, so that a restriction added later (documents with access tiers) applies everywhere."""

from collections.abc import Sequence

from django.db.models import OuterRef, Q, QuerySet, Subquery

from silkroutes.actors.models import Country, Organisation, Role
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


def search_bodies(query: str, countries: Sequence[Country] = ()) -> QuerySet[Body]:
    """Bodies whose texts match ``query``, then those that one of ``countries`` (the countries the
    same query found) chairs or co-chairs, or chaired, each of these with ``chair_country_id``."""
    if not countries:
        return text_search(public_bodies(), query)
    chairs = Role.objects.filter(
        kind__in=Role.CHAIR_KINDS,
        holder__kind=Organisation.Kind.GOVERNMENT,
        holder__country__in=[country.pk for country in countries],
    )
    chair = chairs.filter(body=OuterRef("pk")).order_by("-start", "pk").values("holder__country")
    related = Q(pk__in=chairs.values("body_id"))
    return text_search(public_bodies(), query, related=related).annotate(
        chair_country_id=Subquery(chair[:1])
    )


def search_meetings(query: str, countries: Sequence[Country] = ()) -> QuerySet[Meeting]:
    """Meetings whose texts match ``query``, then those held in one of ``countries`` or hosted by
    its government."""
    ids = [country.pk for country in countries]
    related = (
        Q(country__in=ids) | Q(host__kind=Organisation.Kind.GOVERNMENT, host__country__in=ids)
        if countries
        else None
    )
    return text_search(public_meetings().select_related("body", "country"), query, related=related)


def public_records() -> list[QuerySet]:
    """One queryset per sourced model of this app: what anyone may see of it, loaded for naming
    a record (pages listing citations)."""
    return [public_bodies(), public_meetings()]
