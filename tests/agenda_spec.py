"""A session's agenda worked out from the data files as they are written, by the rules the mapping's
header states, apart from hooks/model: the pages are compared with an answer the code under test did not
give (hooks/model/metaphor_model.agenda lays out the pages' agendas, and mx.js the browser's).

The rules: the opening, the key passages, then phase by phase (in the phases' order) the chosen pairings
of that phase (in the file's order) and the phase's discussion, the scenarios in the order chosen, the
buffer, the close; a session longer than the break's ``over`` minutes gets the break after the
discussion or scenario whose end is nearest the session's middle (the earlier one on a tie).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from conftest import ROOT, load_yaml


@dataclass(frozen=True)
class Block:
    kind: str
    title: str
    minutes: int
    ref: str = ""


@functools.cache
def _data() -> tuple[dict, dict]:
    mapping = load_yaml((ROOT / "docs" / "metaphors.yml").read_text(encoding="utf-8"))
    scenarios = load_yaml((ROOT / "docs" / "scenarios.yml").read_text(encoding="utf-8"))
    return mapping, scenarios


def session_agenda(entries: Iterable[str] | None = None, runs: Iterable[str] = (), buffer: int = 0) -> list[Block]:
    """Return the blocks of a session of the pairings ``entries`` (None: all), the scenarios ``runs`` and
    ``buffer`` minutes kept free."""
    mapping, scenarios = _data()
    workshop, chosen = mapping["workshop"], None if entries is None else set(entries)
    blocks = [
        Block("opening", "Welcome, content note and ground rules", workshop["opening"]["minutes"]),
        Block("passages", "The essay's key passages, and who plays which part", workshop["passages"]["minutes"]),
    ]
    for phase in mapping["phases"]:
        pairings = [
            e for e in mapping["entries"] if e["phase"] == phase["id"] and (chosen is None or e["id"] in chosen)
        ]
        for entry in pairings:
            title = f"{entry['outage']['term']} ↔ {entry['sexism']['term']}"
            blocks.append(Block("entry", title, entry["minutes"], entry["id"]))
        if pairings:
            blocks.append(Block("discussion", f"{phase['title']}: discussion", phase["minutes"], phase["id"]))
    by_id = {s["id"]: s for s in scenarios["scenarios"]}
    for run in runs:
        blocks.append(Block("scenario", f"Scenario: {by_id[run]['title']}", by_id[run]["minutes"], run))
    if buffer:
        blocks.append(Block("buffer", "Buffer for a late start or an overrun", buffer))
    blocks.append(Block("closing", "Close: one goal each", workshop["closing"]["minutes"]))
    total = sum(block.minutes for block in blocks)
    if total > workshop["break"]["over"]:
        ends = [sum(b.minutes for b in blocks[: i + 1]) for i in range(len(blocks))]
        after = min(
            (i for i, block in enumerate(blocks) if block.kind in ("discussion", "scenario")),
            key=lambda i: (abs(2 * ends[i] - total), i),
            default=None,
        )
        if after is not None:
            blocks.insert(after + 1, Block("break", "Break", workshop["break"]["minutes"]))
    return blocks
