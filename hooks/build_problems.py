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
from dataclasses import dataclass

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from page_templates import Renderer
from site_data import SiteData, SiteError
from yaml_source import Problem

TEMPLATE = "partials/metaphor/problems.html"


@dataclass(frozen=True)
class Problems:
    """Why this build cannot show the site: one summary line, and each problem placed in its file."""

    summary: str  # what is wrong, e.g. "docs/metaphors.yml: 2 problems found"
    listed: tuple[Problem, ...] = ()
    path: str = ""  # the file the listed problems are in, as contributors name it
    strict: bool = False  # the listed problems are warnings, refused because the build is strict

    @classmethod
    def of_error(cls, exc: SiteError) -> Problems:
        """Return the problems of sources that could not be loaded."""
        return cls(str(exc), tuple(exc.problems), exc.path)

    @classmethod
    def of_strict_warnings(cls, site: SiteData) -> Problems:
        """Return the warnings of valid sources, which a strict build does not accept."""
        count = len(site.warnings)
        summary = f"{site.mapping_path}: {count} warning{'s' if count != 1 else ''}"
        return cls(summary, site.warnings, site.mapping_path, strict=True)

    def lines(self) -> list[str]:
        """Return each problem as printed: ``path:line: entry 'id': field: message``."""
        return [problem.format(self.path) for problem in self.listed]

    def message(self, *, serving: bool) -> str:
        """Return the last line a run prints: the summary, and what happens now."""
        if not self.listed:
            return self.summary
        ending = "the preview shows them until a save fixes the file" if serving else "the site was not built"
        return f"{self.summary} (listed above){' in strict mode' if self.strict else ''}; {ending}."

    def report(self, log: logging.Logger | logging.LoggerAdapter, *, serving: bool) -> Problems:
        """Log every problem; then fail the build, or (under `mkdocs serve`) return them for the pages to show."""
        for problem, line in zip(self.listed, self.lines(), strict=True):
            (log.warning if problem.warning else log.error)(line)
        if not serving:
            raise PluginError(self.message(serving=False))
        log.error(self.message(serving=True))
        return self


def show_problems(problems: Problems, *, page: Page, renderer: Renderer) -> str:
    """Return ``page``'s content replaced by the problems, on the theme's plain page, with nothing to link to."""
    page.meta["template"] = "main.html"  # not the essay's or the deck's page: they need what this build lacks
    page.toc = get_toc([])
    page.links_to_anchors = None  # the pages its links point into show the problems too
    return renderer.env.get_template(TEMPLATE).render(
        problems=problems,
        rows=[
            ("warning" if problem.warning else "error", line)
            for problem, line in zip(problems.listed, problems.lines(), strict=True)
        ],
    )
