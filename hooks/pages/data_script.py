"""The mapping as data for the pages' scripts, loaded with <script src> where needed: the whole of it
(metaphor-data.js) for the components that show its text, and the session's part (session-data.js)
for the facilitator kit's components, which only lay out sessions (pages/components.py says which reads which).

A script file rather than JSON to fetch: browsers refuse ``fetch()`` from ``file://`` (the offline
copy). The file sets ``window.mxMetaphorData``, before the components' scripts run. Its keys:

- ``essay``: title, author, original_url, original_site, year (the essay's credit);
- ``agenda_titles``: the titles of the agenda's blocks ({title}: the phase's or the scenario's), and
  ``agenda_break_after``: the kinds of block a session's break may follow;
- ``roles``, ``phases``, ``workshop``, ``entries``: the mapping, without line numbers, each entry with
  its ``title`` (its two terms, as the pages write them);
- ``scenarios``: each practice scenario's id, title, minutes, steps ([what, minutes], the setting
  first), sensitive topics, and whether its review is pending (for agendas, the deck, the run sheet,
  the content note and the gate on pending reviews);
- ``typography``: the essay's typographic characters and what a keyboard types for each
  (’ → ', “ → ", — → -, × → x, ...), the one table the explorer's search folds text with.

session-data.js sets the same global with the same shape, cut to what laying out and describing a
session reads: ``agenda_titles``, ``agenda_break_after``; ``phases`` (id, title, minutes); ``workshop`` (each block's
minutes, the break's minutes and threshold, the presets, the topics); ``entries`` (id, phase,
minutes, topics, title, and each side's term); ``scenarios`` as above. A page loads one of the two.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from model.metaphor_model import AGENDA_TITLES, BREAK_AFTER, Metaphor
from model.scenarios_model import Scenarios
from sources.essay_source import TYPOGRAPHY, Essay

DATA_SCRIPT = "assets/javascripts/metaphor-data.js"
SESSION_SCRIPT = "assets/javascripts/session-data.js"


def data_scripts(metaphor: Metaphor, essay: Essay, scenarios: Scenarios) -> dict[str, str]:
    """Return both scripts' text by their path in the site: metaphor-data.js (the data) and session-data.js
    (the session's part of it)."""
    data = metaphor_data(metaphor, essay, scenarios)
    workshop = data["workshop"]
    session = {
        "agenda_titles": data["agenda_titles"],
        "agenda_break_after": data["agenda_break_after"],
        "phases": [{key: p[key] for key in ("id", "title", "minutes")} for p in data["phases"]],
        "workshop": {
            **{block: {"minutes": workshop[block]["minutes"]} for block in ("opening", "passages", "closing")},
            "pause": {key: workshop["pause"][key] for key in ("minutes", "over")},
            "presets": workshop["presets"],
            "topics": workshop["topics"],
        },
        "entries": [
            {
                **{key: e[key] for key in ("id", "title", "phase", "minutes", "topics")},
                "outage": {"term": e["outage"]["term"]},
                "sexism": {"term": e["sexism"]["term"]},
            }
            for e in data["entries"]
        ],
        "scenarios": data["scenarios"],
    }
    return {DATA_SCRIPT: _script(data), SESSION_SCRIPT: _script(session)}


def _script(data: dict[str, Any]) -> str:
    return f"window.mxMetaphorData = {_script_json(data)};\n"


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
        "agenda_break_after": BREAK_AFTER,
        "roles": [asdict(role) for role in metaphor.roles],
        "phases": [asdict(phase) for phase in metaphor.phases],
        "workshop": asdict(metaphor.workshop),
        "entries": [{**asdict(entry), "title": entry.title} for entry in metaphor.entries],
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


def _script_json(data: dict[str, Any]) -> str:
    """Serialise ``data`` as JSON (a JavaScript literal) with no '<', '>' or '&' left raw, safe even inline."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
