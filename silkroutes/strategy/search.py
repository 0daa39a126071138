"""How the priority goals and the programme's areas are searched: their names in every language."""

from django.db.models import QuerySet

from silkroutes.core.search import text_search

from .models import Area, PriorityGoal
from .queries import public_areas, public_goals

GOAL_SEARCH_FIELDS = ("name",)
AREA_SEARCH_FIELDS = ("title",)


def search_goals(query: str) -> QuerySet[PriorityGoal]:
    return text_search(public_goals(), query)


def search_areas(query: str) -> QuerySet[Area]:
    return text_search(public_areas(), query)
