"""The page components, each declared once: its root, its script, its page stylesheet, what it reads.

A component is one script (``assets/javascripts/mx/<name>.js``), started by mx.js from each element
marked ``data-module="mx-<name>"``. The templates (partials/components.html, deck.html) ask
this module which of our files a page loads, from the roots in its content (and those its template
declares): mx.js, kit.js when a component uses the facilitator kit's helpers, the mapping's data when
a component reads it (the whole of it when one shows its text, else the session's part), then each
component's script; and one stylesheet, that of the first component in this list, else the reading
pages'. The tests read the same list.

mkdocs-minify-plugin (mkdocs.yml) ships our scripts and page stylesheets minified, as ``*.min.js``
and ``*.min.css``: the addresses given here are the shipped ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pages.data_script import DATA_SCRIPT, SESSION_SCRIPT

FOLDER = "assets/javascripts/mx"
PAGE_STYLESHEETS = "assets/stylesheets/pages"
READ = "read"  # the stylesheet of pages with no component that asks for another
_ROOT = re.compile(r'data-module="(mx-[a-z-]+)"')


@dataclass(frozen=True)
class Component:
    """One component of the pages."""

    name: str  # "mx-deck": its roots are data-module="mx-deck", its script mx/deck.js
    stylesheet: str  # the kind of page it makes: assets/stylesheets/pages/<kind>.css
    reads: Literal["all", "session", None] = None  # the mapping's data it reads: all of it, or the session's part
    kit: bool = False  # it uses kit.js's helpers

    @property
    def script(self) -> str:
        """Return its script's address in the site, as shipped."""
        return f"{FOLDER}/{self.name.removeprefix('mx-')}.min.js"


# In the order their scripts run (the session line last: it describes what the others laid out);
# the first component of a page names its stylesheet.
COMPONENTS = (
    Component("mx-deck", "deck", "session", kit=True),
    Component("mx-explorer", "explorer", "all"),
    Component("mx-plan", "kit", "session", kit=True),
    Component("mx-agenda", "kit", "session", kit=True),
    Component("mx-picker", "kit", "all", kit=True),
    Component("mx-stopwatch", "kit", kit=True),
    Component("mx-selection", "print", "session", kit=True),
    Component("mx-cards", "print", "session", kit=True),
    Component("mx-scenarios", "kit", "session", kit=True),
    Component("mx-sheets", "print", "session", kit=True),
    Component("mx-runsheet", "print", "session", kit=True),
    Component("mx-runbook", "kit", "session", kit=True),
    Component("mx-marks-toggle", READ),
    Component("mx-session", "kit", "session", kit=True),
)
BY_NAME = {component.name: component for component in COMPONENTS}


def roots(content: str, declared: list[str] | tuple[str, ...] = ()) -> list[str]:
    """Return the components with a root in ``content`` or declared by the page's template, in list order."""
    found = set(_ROOT.findall(content)) | set(declared)
    return [component.name for component in COMPONENTS if component.name in found]


def stylesheet(names: list[str]) -> str:
    """Return the address of the one stylesheet a page with these components loads."""
    kind = next((BY_NAME[name].stylesheet for name in names), READ)
    return f"{PAGE_STYLESHEETS}/{kind}.min.css"


def scripts(names: list[str]) -> list[str]:
    """Return the addresses of our scripts a page with these components loads, in the order they run."""
    used = [BY_NAME[name] for name in names]
    if not used:
        return []
    reads = {component.reads for component in used}
    data = [DATA_SCRIPT] if "all" in reads else [SESSION_SCRIPT] if "session" in reads else []
    kit = [f"{FOLDER}/kit.min.js"] if any(component.kit for component in used) else []
    return [f"{FOLDER}/mx.min.js", *kit, *data, *(component.script for component in used)]


TEMPLATE_GLOBALS = {"mx_roots": roots, "mx_stylesheet": stylesheet, "mx_scripts": scripts}
