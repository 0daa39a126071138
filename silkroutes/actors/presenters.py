"""An organisation as the list of organisations shows it: its address, its country's name and
address worked out once per list and language, not a ``reverse()`` and a translation per row."""

from collections.abc import Iterable
from dataclasses import dataclass

from silkroutes.core.presenters import country_name, url_maker

from .models import Organisation


@dataclass(slots=True)
class OrganisationRow:
    organisation: Organisation
    kind: str
    name: str
    url: str
    acronym: str
    country_name: str  # empty when the organisation has no country
    country_url: str
    project_count: int
    role_count: int


def organisation_rows(organisations: Iterable[Organisation]) -> list[OrganisationRow]:
    """The rows of ``organisations`` as ``organisations_for_listing`` loads them, in the active
    language."""
    organisation_url, country_url = url_maker("portal:organisation"), url_maker("portal:country")
    rows = []
    for organisation in organisations:
        country = organisation.country
        rows.append(
            OrganisationRow(
                organisation=organisation,
                kind=organisation.kind,
                name=str(organisation.name),
                url=organisation_url(organisation.slug),
                acronym=organisation.acronym,
                country_name=country_name(country.code) if country else "",
                country_url=country_url(country.code.lower()) if country else "",
                project_count=organisation.project_count,
                role_count=organisation.role_count,
            )
        )
    return rows
