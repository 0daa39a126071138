"""How organisations and countries are searched. Country names come from django-countries in the
reader's language, not from a column, so countries are searched in memory (they are few)."""

from django.db.models import QuerySet

from silkroutes.core.search import matches_all, search_terms, searchable_columns, text_search

from .models import Country, Organisation
from .queries import public_countries, public_organisations

ORGANISATION_SEARCH_FIELDS = ("name", "acronym")


def search_organisations(query: str) -> QuerySet[Organisation]:
    return text_search(public_organisations().select_related("country"), query)


def search_countries(query: str) -> list[Country]:
    """Countries whose name in the active language, whose ISO code, or the name of whose
    government ("Turkey" for Türkiye) matches every word."""
    terms = search_terms(query)
    governments = _government_names()
    found = [
        country
        for country in public_countries()
        if matches_all(terms, [country.name, *governments.get(country.pk, [])])
        or _is_code(terms, country)
    ]
    return sorted(found, key=lambda country: country.name.casefold())


def _government_names() -> dict[int, list[str]]:
    """Country id → the names of its government in every language, in one query."""
    columns = searchable_columns(Organisation, ["name"])
    rows = public_organisations().filter(kind=Organisation.Kind.GOVERNMENT, country__isnull=False)
    names: dict[int, list[str]] = {}
    for country_id, *texts in rows.values_list("country_id", *columns):
        names.setdefault(country_id, []).extend(text for text in texts if text)
    return names


def _is_code(terms: list[str], country: Country) -> bool:
    return len(terms) == 1 and terms[0] == country.code.casefold()
