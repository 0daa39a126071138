"""Reads of the programme."""

from django.db.models import Count

from .models import Project, ProjectStatus


def project_counts_by_status() -> list[tuple[str, str, int]]:
    """(status, label, number of projects) for every status, in lifecycle order, zeros included."""
    counts = dict(
        Project.objects.order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return [(status.value, status.label, counts.get(status.value, 0)) for status in ProjectStatus]
