"""Shared helpers of the monitoring tests: a reporting cycle under the strategy, and entries."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from silkroutes.core.fuzzydates import FuzzyDate
from silkroutes.monitoring import services
from silkroutes.strategy.models import ActionItem, Framework, PriorityGoal

STRATEGY = "multi-annual-strategy-2014-2016"


@pytest.fixture(autouse=True)
def _english_first():
    """A request to /ar/… leaves Arabic active in the thread, and ``reverse`` would then give
    /ar/ URLs to the next test: every test starts in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def cycle(secretariat_user):
    today = timezone.localdate()
    return services.open_cycle(
        framework=Framework.objects.get(slug=STRATEGY),
        title="Implementation 2015",
        opens=today - dt.timedelta(days=1),
        deadline=today + dt.timedelta(days=30),
        by=secretariat_user,
    )


def report(
    cycle,
    by,
    state,
    *,
    title="Return counselling desks",
    goals=("irregular-migration",),
    items=("2.4",),
    start="2015-03",
    end=None,
):
    """A draft entry of ``state`` reported by ``by``."""
    return services.report_initiative(
        cycle,
        state=state,
        by=by,
        kind="project",
        title=title,
        description="Desks in three provinces advise returnees.",
        start=FuzzyDate.parse(start),
        end=FuzzyDate.parse(end) if end else None,
        goals=PriorityGoal.objects.filter(code__in=goals),
        action_items=ActionItem.objects.filter(framework=cycle.framework, code__in=items),
    )
