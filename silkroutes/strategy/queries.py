"""Reads of the strategy: goals as a framework words and orders them."""

from django.db.models import Prefetch, QuerySet

from .models import GoalLabel, PriorityGoal

FOUNDING_FRAMEWORK = "istanbul-declaration-2013"


def goals_in_order(framework_slug: str = FOUNDING_FRAMEWORK) -> QuerySet[PriorityGoal]:
    """The priority goals in the framework's order, each with ``framework_label`` prefetched."""
    return (
        PriorityGoal.objects.filter(labels__framework__slug=framework_slug)
        .order_by("labels__order")
        .prefetch_related(
            Prefetch(
                "labels",
                queryset=GoalLabel.objects.filter(framework__slug=framework_slug),
                to_attr="framework_labels",
            )
        )
    )
