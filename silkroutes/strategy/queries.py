"""Reads of the strategy: goals as a framework words and orders them, and the programme's areas."""

from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, QuerySet, Subquery

from silkroutes.core.queries import with_provenance

from .models import Area, GoalLabel, PriorityGoal

FOUNDING_FRAMEWORK = "istanbul-declaration-2013"


def public_goals() -> QuerySet[PriorityGoal]:
    """The priority goals anyone may see: all of them."""
    return PriorityGoal.objects.all()


def public_areas() -> QuerySet[Area]:
    """The programme's areas anyone may see: all of them."""
    return Area.objects.all()


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


def goals_in_founding_order() -> QuerySet[PriorityGoal]:
    """Every goal with ``founding_order`` (its place in the founding declaration), in that order;
    a goal the declaration does not list comes last. Fit for a prefetch of a record's goals."""
    founding_order = GoalLabel.objects.filter(
        goal=OuterRef("pk"), framework__slug=FOUNDING_FRAMEWORK
    ).values("order")[:1]
    return PriorityGoal.objects.annotate(founding_order=Subquery(founding_order)).order_by(
        F("founding_order").asc(nulls_last=True), "code"
    )


def goal_for_page() -> QuerySet[PriorityGoal]:
    """Goals with their sources, and ``all_labels``: the label of every framework that words the
    goal (framework loaded, sources prefetched), earliest framework first."""
    labels = with_provenance(GoalLabel.objects.select_related("framework")).order_by(
        F("framework__adopted").asc(nulls_last=True), "framework__title"
    )
    return with_provenance(PriorityGoal.objects.all()).prefetch_related(
        Prefetch("labels", queryset=labels, to_attr="all_labels")
    )


def areas_in_order() -> QuerySet[Area]:
    """The programme's main areas, in each framework's order."""
    return Area.objects.order_by("framework__adopted", "framework__title", "order")


def meetings_addressing(goal: PriorityGoal) -> QuerySet:
    """The meetings tagged with the goal, earliest first, with their body. (Read through the
    goal's reverse relation, so that strategy need not import meetings.)"""
    return goal.meetings.select_related("body").order_by("date", "pk")


def _tagged_count(through, column: str) -> Subquery:
    """How many records are tagged with the outer row, as a subquery: two counts joined in one
    query would multiply each other's rows."""
    return Subquery(
        through.objects.filter(**{column: OuterRef("pk")})
        .order_by()
        .values(column)
        .annotate(n=Count("pk"))
        .values("n")[:1],
        output_field=IntegerField(),
    )


def goals_for_index() -> QuerySet[PriorityGoal]:
    """The goals in the founding declaration's order, each with ``framework_labels``,
    ``project_count`` and ``meeting_count`` (through the reverse relations, so that strategy
    need not import programme or meetings)."""
    return goals_in_order().annotate(
        project_count=_tagged_count(PriorityGoal.projects.through, "prioritygoal_id"),
        meeting_count=_tagged_count(PriorityGoal.meetings.through, "prioritygoal_id"),
    )


def areas_for_index() -> QuerySet[Area]:
    """The programme's main areas in order, with their framework and ``project_count``."""
    return (
        areas_in_order()
        .select_related("framework")
        .annotate(project_count=_tagged_count(Area.projects.through, "area_id"))
    )


def area_for_page() -> QuerySet[Area]:
    """Areas with their framework and sources."""
    return with_provenance(Area.objects.select_related("framework"))
