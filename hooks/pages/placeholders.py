"""Put components made from the mapping into Markdown pages, and fail the build on one left out.

A page asks for a component with an empty element on a line of its own, not indented:

    <div data-mx-placeholder="agendas"></div>

Markdown passes such a line through as a block of raw HTML, and the build replaces it with the
rendered ``partials/metaphor/agendas.html``. Anything else that still says ``data-mx-placeholder``
once the known placeholders are filled (a name with no component, a placeholder written inside a
paragraph or indented into a code block) stops the build, naming the page, what was left and the
fix: a placeholder left in a page is a gap nobody notices until a reader misses the component.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from mkdocs.exceptions import PluginError

# The components a page may ask for, each rendered from partials/metaphor/<name>.html.
COMPONENTS = ("agendas", "agenda-custom", "tools")
ATTRIBUTE = "data-mx-placeholder"
_PLACEHOLDER = re.compile(rf'^<div {ATTRIBUTE}="([a-z-]+)"></div>$', re.M)
_LEFT = re.compile(rf"<[a-z]+[^<>]*{ATTRIBUTE}[^<>]*>(?:</[a-z]+>)?|{ATTRIBUTE}")


def fill_placeholders(page_html: str, *, source: str, render: Callable[[str], str]) -> str:
    """Return ``page_html`` with each placeholder replaced by its component; raise PluginError for any other.

    ``source`` names the page as contributors know it (``docs/guide.md``); ``render`` renders a template.
    """

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in COMPONENTS:
            raise PluginError(
                f"{source}: unknown placeholder '{name}' in {match.group(0)}: "
                f"the components are {', '.join(COMPONENTS)}"
            )
        return render(f"partials/metaphor/{name}.html")

    filled = _PLACEHOLDER.sub(fill, page_html)
    left = _LEFT.search(html.unescape(filled))
    if left is not None:
        raise PluginError(
            f"{source}: a placeholder was left in the page ({left.group(0)}): write it "
            f'alone on a line, not indented, with a blank line before and after, as <div {ATTRIBUTE}="name"></div>'
        )
    return filled
