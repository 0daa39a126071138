"""The strategy's own text (``data/strategy/``), cut into the sections that citations name.

The file is the document's plain text, unchanged; a section begins at a line whose first words
are written down here, so a changed file fails loudly (``StrategyTextError``) instead of showing
a section under the wrong anchor. Parts without a key continue the section before them: the
dataset cites no sentence of theirs on its own.
"""

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.conf import settings

from silkroutes.core.models import section_anchor

STRATEGY_FILE_NAME = "silk-routes-strategy-2014-2016.txt"
STRATEGY_FILE: Path = settings.BASE_DIR / "data" / "strategy" / STRATEGY_FILE_NAME


class StrategyTextError(ValueError):
    """The text does not have the sections written down here."""


@dataclass(frozen=True)
class Cut:
    key: str | None  # the citation section ("1.launched.a"), None for a continuation
    starts: str  # the first words of the part's first line
    heading_lines: int = 0  # lines of the document that are the part's heading
    one_item_a_line: bool = False  # a list: each line is an item


CUTS = (
    Cut("intro", "Budapest Process - Silk Routes Partnership", heading_lines=3),
    Cut("1", "1. Operational activities", heading_lines=1),
    Cut("1.areas", "Migration management in the Silk Routes countries", one_item_a_line=True),
    Cut(None, "Building on this, several follow-up measures"),
    Cut("1.launched.a", 'a) The project "Support to the Silk Routes'),
    Cut("1.launched.b", "b) The project aiming at the development"),
    Cut(None, "The following projects are under consideration"),
    Cut("1.consideration.a", 'a) "Diaspora Engagement'),
    Cut("1.consideration.b", 'b) "Effective governance'),
    Cut("1.consideration.c", 'c) "Return and reintegration'),
    Cut("1.interest", "A number of countries and international organisations"),
    Cut("2", "2. Geographic working group structure", heading_lines=1),
    Cut("2.a", "a) the Working Group on the South East European Region"),
    Cut("2.b", "b) the Working Group on the Black Sea Region"),
    Cut("2.c", "c) the Working Group on the Silk Routes Region"),
    Cut("2.meetings", "For all three working groups, annual meetings"),
    Cut(None, "In terms of future perspective"),
    Cut("2.perspective.a", "a) for the Working Group on the South Eastern"),
    Cut("2.perspective.b", "b) for the Working Group on the Black Sea"),
    Cut("2.perspective.c", "c) for the Working Group on the Silk Routes"),
    Cut("3", "3. Regional results for wider use", heading_lines=1),
    Cut("3.webpage", "Detailed information about above initiatives"),
)


@dataclass
class Part:
    key: str | None
    heading: str  # the document's own heading, or "" (the page then names the section)
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return section_anchor(self.key) if self.key else ""

    @property
    def level(self) -> int:
        """2 for the document's numbered sections, 3 for the parts within them."""
        return 2 if self.heading else 3


def read_strategy_text() -> str:
    return STRATEGY_FILE.read_text(encoding="utf-8")


@cache
def strategy_parts() -> tuple[Part, ...]:
    """The text as parts, in order (read once: the file changes only with a release)."""
    return tuple(cut_into_parts(read_strategy_text()))


def cut_into_parts(text: str) -> list[Part]:
    lines = [line.strip() for line in text.splitlines()]
    starts = _starts(lines)
    parts = []
    for cut, start, end in zip(CUTS, starts, [*starts[1:], len(lines)], strict=True):
        heading = " ".join(lines[start : start + cut.heading_lines])
        body = lines[start + cut.heading_lines : end]
        part = Part(cut.key, heading)
        if cut.one_item_a_line:
            part.items = [line for line in body if line]
        else:
            part.paragraphs = _paragraphs(body)
        parts.append(part)
    return parts


def _starts(lines: list[str]) -> list[int]:
    """The line each cut begins at, each after the one before."""
    starts, line_number = [], 0
    for cut in CUTS:
        while line_number < len(lines) and not lines[line_number].startswith(cut.starts):
            line_number += 1
        if line_number == len(lines):
            raise StrategyTextError(f"no line of the strategy begins with “{cut.starts}”")
        starts.append(line_number)
        line_number += 1
    return starts


def _paragraphs(lines: list[str]) -> list[str]:
    """The document's lines joined into paragraphs: its line breaks are those of a page, so a
    paragraph ends at a blank line or at a line that ends a sentence."""
    paragraphs, current = [], []
    for line in lines:
        if line:
            current.append(line)
        if current and (not line or line.endswith((".", ":", ";"))):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs
