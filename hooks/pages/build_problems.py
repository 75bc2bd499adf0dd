"""What stops a build, said where the contributor is looking.

A plain build logs every problem and fails before it writes anything (``PluginError``), as
MkDocs' own config loader does. Under `mkdocs serve` a failed build leaves the dev server waiting
for a good one, and every request waits with it (MkDocs: "the server will appear stuck"). So
there the build goes on instead: the terminal lists the problems as before, every page shows
them, and once a save fixes the file the next build is the site again, which the dev server's
live reload puts in the browser by itself.
"""

from __future__ import annotations

import logging

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from pages.page_templates import Renderer
from sources.yaml_source import InvalidData, Problem

TEMPLATE = "partials/metaphor/problems.html"
WARNINGS = "partials/metaphor/warnings.html"


def report(problems: InvalidData, log: logging.Logger | logging.LoggerAdapter, *, serving: bool) -> InvalidData:
    """Log the problems (the first SHOWN in full, then a count); then fail the build, or (under
    `mkdocs serve`) return them for the pages to show."""
    for problem in problems.shown:
        (log.warning if problem.warning else log.error)(problem.format())
    if problems.more:
        log.error(problems.more)
    if not serving:
        raise PluginError(_message(problems, serving=False))
    log.error(_message(problems, serving=True))
    return problems


def _message(problems: InvalidData, *, serving: bool) -> str:
    """Return the last line a run prints: the summary, and what happens now."""
    if not problems.problems:
        return problems.summary
    ending = "the preview shows them until a save fixes the file" if serving else "the site was not built"
    return f"{problems.summary} (listed above){' in strict mode' if problems.strict else ''}; {ending}."


def show_warnings(warnings: tuple[Problem, ...], *, renderer: Renderer) -> str:
    """Return the notice a `mkdocs serve` page shows above its content while the sources have warnings."""
    return renderer.env.get_template(WARNINGS).render(rows=[problem.format() for problem in warnings])


def show_problems(problems: InvalidData, *, page: Page, renderer: Renderer) -> str:
    """Return ``page``'s content replaced by the problems, on the theme's plain page, with nothing to link to."""
    page.meta["template"] = "main.html"  # not the essay's or the deck's page: they need what this build lacks
    page.toc = get_toc([])
    page.links_to_anchors = None  # the pages its links point into show the problems too
    return problems_html(problems, renderer=renderer)


def problems_html(problems: InvalidData, *, renderer: Renderer, reloads: bool = True) -> str:
    """Return the list of problems a `mkdocs serve` page shows instead of its content; ``reloads``: whether the
    page reloads by itself once a save fixes them (the dev server sends its "not found" page without the script)."""
    return renderer.env.get_template(TEMPLATE).render(
        problems=problems,
        rows=[("warning" if problem.warning else "error", problem.format()) for problem in problems.shown],
        reloads=reloads,
    )
