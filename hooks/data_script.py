"""The mapping as data for the pages' scripts, loaded with <script src> where needed: the whole of it
(metaphor-data.js) for the components that show its text, and the session's part (session-data.js)
for the facilitator kit's components, which only lay out sessions.

A script file rather than JSON to fetch: browsers refuse ``fetch()`` from ``file://`` (the offline
copy), and Material's instant navigation re-runs inline scripts as code. The file sets
``window.mxMetaphorData`` and announces it with an ``mx:metaphor-data`` event. Its keys:

- ``essay``: title, author, original_url, original_site, year (the essay's credit);
- ``agenda_titles``: the titles of the fixed agenda blocks;
- ``roles``, ``phases``, ``workshop``, ``entries``: the mapping, without line numbers;
- ``scenarios``: each practice scenario's id, title, minutes, steps ([what, minutes], the setting
  first), sensitive topics, and whether its review is pending (for agendas, the deck, the run sheet,
  the content note and the gate on pending reviews);
- ``typography``: the essay's typographic characters and what a keyboard types for each
  (’ → ', “ → ", — → -, × → x, ...), the one table the explorer's search folds text with.

session-data.js sets the same global with the same shape, cut to what laying out and describing a
session reads: ``agenda_titles``; ``phases`` (id, title, minutes); ``workshop`` (each block's
minutes, the break's minutes and threshold, the presets, the topics); ``entries`` (id, phase,
minutes, topics, and each side's term); ``scenarios`` as above. A page loads one of the two.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from essay_source import TYPOGRAPHY, Essay
from metaphor_model import AGENDA_TITLES, Metaphor
from scenarios_model import Scenarios

DATA_SCRIPT = "assets/javascripts/metaphor-data.js"
SESSION_SCRIPT = "assets/javascripts/session-data.js"
LOADER = "partials/metaphor/data-script.html"  # the template of the <script src> element that loads it
# The components whose scripts read the data (they register with ``data: true``); only pages with
# one of them load it, and the whole of it only pages with one of FULL_READERS (they show its text).
FULL_READERS = ("mx-explorer", "mx-picker")
READERS = (
    "mx-explorer",
    "mx-plan",
    "mx-agenda",
    "mx-picker",
    "mx-selection",
    "mx-cards",
    "mx-deck",
    "mx-scenarios",
    "mx-sheets",
    "mx-session",
    "mx-runbook",
    "mx-runsheet",
)


def data_script(metaphor: Metaphor, essay: Essay, scenarios: Scenarios) -> str:
    """Return metaphor-data.js: the data, then the event that says it is there."""
    return _script(metaphor_data(metaphor, essay, scenarios))


def session_script(metaphor: Metaphor, essay: Essay, scenarios: Scenarios) -> str:
    """Return session-data.js: the session's part of the data, then the event that says it is there."""
    data = metaphor_data(metaphor, essay, scenarios)
    workshop = data["workshop"]
    return _script(
        {
            "agenda_titles": data["agenda_titles"],
            "phases": [{key: p[key] for key in ("id", "title", "minutes")} for p in data["phases"]],
            "workshop": {
                **{block: {"minutes": workshop[block]["minutes"]} for block in ("opening", "passages", "closing")},
                "pause": {key: workshop["pause"][key] for key in ("minutes", "over")},
                "presets": workshop["presets"],
                "topics": workshop["topics"],
            },
            "entries": [
                {
                    **{key: e[key] for key in ("id", "phase", "minutes", "topics")},
                    "outage": {"term": e["outage"]["term"]},
                    "sexism": {"term": e["sexism"]["term"]},
                }
                for e in data["entries"]
            ],
            "scenarios": data["scenarios"],
        }
    )


def _script(data: dict[str, Any]) -> str:
    return f'window.mxMetaphorData = {_script_json(data)};\ndocument.dispatchEvent(new Event("mx:metaphor-data"));\n'


def metaphor_data(metaphor: Metaphor, essay: Essay, scenarios: Scenarios) -> dict[str, Any]:
    """Return what the pages' scripts need (the keys listed in this module's docstring)."""
    credit = essay.credit
    phase_titles = {phase.id: phase.title for phase in metaphor.phases}
    return {
        "essay": {
            "title": credit.title,
            "author": credit.author,
            "original_url": credit.url,
            "original_site": credit.site,
            "year": credit.year,
        },
        "agenda_titles": AGENDA_TITLES,
        "roles": [asdict(role) for role in metaphor.roles],
        "phases": [asdict(phase) for phase in metaphor.phases],
        "workshop": asdict(metaphor.workshop),
        "entries": [asdict(entry) for entry in metaphor.entries],
        "scenarios": [
            {
                **{"id": s.id, "title": s.title, "minutes": s.minutes, "topics": s.topics, "pending": s.pending},
                # its steps as the run sheet lists them: [what, minutes], the setting first
                "steps": [
                    ["Setting", s.setting_minutes],
                    *([phase_titles[i.phase], i.minutes] for i in s.injects),
                    ["Weigh", s.weigh_minutes],
                    ["Debrief", s.debrief_minutes],
                ],
            }
            for s in scenarios.scenarios
        ],
        "typography": TYPOGRAPHY,
    }


def needs_data(page_html: str) -> str | None:
    """Return which data a page's components read (DATA_SCRIPT or SESSION_SCRIPT), or None if they read none."""
    if any(f'data-module="{name}"' in page_html for name in FULL_READERS):
        return DATA_SCRIPT
    if any(f'data-module="{name}"' in page_html for name in READERS):
        return SESSION_SCRIPT
    return None


def _script_json(data: dict[str, Any]) -> str:
    """Serialise ``data`` as JSON (a JavaScript literal) with no '<', '>' or '&' left raw, safe even inline."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
