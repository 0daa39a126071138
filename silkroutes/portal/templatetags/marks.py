"""Source marks: a small numbered link beside a value to the citation it rests on, in the
sources list of the record on the same page (docs/decisions/0018-source-marks.md)."""

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.translation import gettext

from silkroutes.core.models import section_anchor
from silkroutes.core.provenance import number_citations, supporting

register = template.Library()


def citation_name(citation) -> str:
    """The source as a reader names it: its title, and the section of a document."""
    if citation.section:
        return f"{citation.source.title}, §{citation.section}"
    return citation.source.title


def _marks(citations: list) -> str:
    if not citations:
        return ""
    links = format_html_join(
        ",",
        '<a href="#citation-{}" aria-label="{}">{}</a>',
        (
            (c.pk, gettext("Source: %(source)s") % {"source": citation_name(c)}, c.number)
            for c in citations
        ),
    )
    return format_html('<sup class="source-marks">{}</sup>', links)


@register.simple_tag
def source_marks(record, value=None) -> str:
    """Marks beside ``value`` of ``record`` (a date, a number, words) to the record's citations
    that support it."""
    provenance = record.provenance
    number_citations(provenance)
    return _marks(supporting(provenance.citations, value))


@register.simple_tag
def alternative_marks(record, alternative) -> str:
    """Marks beside a value another source gives, to that source's citations."""
    number_citations(record.provenance)
    return _marks(list(alternative.cited))


@register.simple_tag
def field_alternative_marks(record, field: str) -> str:
    """Marks to the citations of every alternative that ``record`` has for ``field``."""
    number_citations(record.provenance)
    cited = [c for a in record.provenance.alternatives if a.field == field for c in a.cited]
    return _marks(cited)


@register.simple_tag
def cited_source(citation) -> str:
    """The source of a citation as a link: a section of the strategy to its place in the
    strategy's text, a web page to its address."""
    name = citation_name(citation)
    if citation.strategy_anchor:
        url = f"{reverse('portal:strategy')}#{citation.strategy_anchor}"
        return format_html('<a href="{}">{}</a>', url, name)
    if citation.source.url:
        return format_html('<a href="{}" rel="noopener">{}</a>', citation.source.url, name)
    return conditional_escape(name)


@register.filter
def strategy_section_url(section: str) -> str:
    """Where a section of the strategy is on the strategy's page."""
    return f"{reverse('portal:strategy')}#{section_anchor(section)}"
