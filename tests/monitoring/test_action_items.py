"""The initiatives of the Multi-Annual Strategy, loaded as its action items
(docs/decisions/0011-initiatives-of-the-strategy.md)."""

import re

import pytest

from silkroutes.dataset.loader import DatasetError, load_dataset
from silkroutes.strategy.models import ActionItem
from silkroutes.strategy.text import STRATEGY_FILE

pytestmark = pytest.mark.django_db


def _items():
    return ActionItem.objects.filter(framework__slug="multi-annual-strategy-2014-2016").order_by(
        "order"
    )


def test_the_strategy_has_thirteen_initiatives_in_its_three_sections():
    assert [(i.code, i.status) for i in _items()] == [
        ("1.1", "ongoing"),
        ("1.2", "planned"),
        ("1.3", "planned"),
        ("1.4", "planned"),
        ("1.5", "planned"),
        ("2.1", "ongoing"),
        ("2.2", "planned"),
        ("2.3", "planned"),
        ("2.4", "ongoing"),
        ("2.5", "planned"),
        ("2.6", "planned"),
        ("3.1", "ongoing"),
        ("3.2", "planned"),
    ]


def test_each_initiative_cites_its_section_of_the_strategy():
    expected = {
        "1.1": "1.launched.a",
        "1.2": "1.launched.b",
        "1.3": "1.consideration.a",
        "1.4": "1.consideration.b",
        "1.5": "1.consideration.c",
        "2.1": "2",
        "2.2": "2.a",
        "2.3": "2.b",
        "2.4": "2.c",
        "2.5": "2.perspective.a",
        "2.6": "2",
        "3.1": "3",
        "3.2": "3",
    }
    for item in _items().prefetch_related("citations__source"):
        sections = [c.section for c in item.citations.all() if c.source.key == "strategy"]
        assert sections[0] == expected[item.code], item.code


def test_goals_and_responsible_organisations_are_those_the_strategy_names():
    by_code = {i.code: i for i in _items().prefetch_related("goals", "responsible")}

    assert by_code["1.1"].goals.count() == 6  # "all six priority fields"
    assert {o.slug for o in by_code["1.1"].responsible.all()} == {
        "european-commission",
        "bulgaria",
        "hungary",
        "netherlands",
        "sweden",
        "switzerland",
        "turkey",
        "icmpd",
    }
    assert {g.code for g in by_code["1.2"].goals.all()} == {
        "legal-migration",
        "irregular-migration",
    }
    assert {o.slug for o in by_code["1.2"].responsible.all()} == {"turkey", "iom"}
    assert {o.slug for o in by_code["2.4"].responsible.all()} == {"afghanistan", "turkey"}
    assert not by_code["1.3"].goals.exists()
    assert not by_code["1.3"].responsible.exists()


def test_every_quote_of_the_strategy_is_its_own_words():
    text = " ".join(STRATEGY_FILE.read_text(encoding="utf-8").split())
    for item in _items().prefetch_related("citations__source"):
        for citation in item.citations.all():
            if citation.source.key != "strategy":
                continue
            for fragment in re.split(r"\s*…\s*", citation.quote):
                assert " ".join(fragment.split()) in text, (item.code, fragment)


def test_an_action_item_of_an_unknown_framework_stops_the_load(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "action_items:\n"
        "  - key: x-1\n"
        "    framework: no-such-plan\n"
        "    code: '1'\n"
        "    order: 1\n"
        "    title: Act\n"
        "    sources: [{source: strategy, section: '2'}]\n",
        encoding="utf-8",
    )

    with pytest.raises(DatasetError, match="action_items “x-1”: framework “no-such-plan” is not"):
        load_dataset(path)
