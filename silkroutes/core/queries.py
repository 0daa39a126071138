"""Reads shared by every app."""

from django.db.models import QuerySet

PROVENANCE = ("citations__source", "alternatives__citations__source")


def with_provenance(queryset: QuerySet, prefix: str = "") -> QuerySet:
    """Prefetch the citations and alternatives of the queryset's records (or of a relation of
    them, given as ``prefix``) so that a page showing their sources costs a fixed number of
    queries."""
    lookups = [f"{prefix}__{p}" if prefix else p for p in PROVENANCE]
    return queryset.prefetch_related(*lookups)
