"""Everything a build reads before it writes: the essay, the mapping and its history, the scenarios, and
(when the essay page shows it) the essay's outline, checked.

``load_site`` is the one way in, shared by the build hook and ``scripts/check_mapping.py``, so a
contributor's check and the build can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from essay_outline import OUTLINE, Outline, read_outline
from essay_source import Essay, EssayError, read_essay
from history import History, entry_history
from metaphor_load import load_metaphor
from metaphor_model import Metaphor
from scenarios_load import load_scenarios, read_scenarios, scenario_facts
from scenarios_model import Scenarios
from yaml_source import Document, InvalidData, Problem

MAPPING = "metaphors.yml"
SCENARIOS = "scenarios.yml"
ESSAY = "essay.md"


class SiteError(Exception):
    """The site's sources cannot be built: ``str()`` sums it up, ``problems`` (if any) say where.

    The summary says what is wrong, not what happens next ("docs/metaphors.yml: 2 problems found"):
    the build, the dev server and the checker each end it in their own words.
    """

    def __init__(self, summary: str, problems: list[Problem] | None = None, path: str = "") -> None:
        super().__init__(summary)
        self.problems = problems or []
        self.path = path


@dataclass(frozen=True)
class SiteData:
    """The checked sources of one build."""

    essay: Essay
    metaphor: Metaphor
    warnings: tuple[Problem, ...]
    history: dict[str, History]
    mapping_path: str  # docs/metaphors.yml as contributors name it
    scenarios: Scenarios
    outline: Outline | None = None  # the essay page's outline, read only when it shows one (ESSAY_TEXT=excerpts)

    @cached_property
    def counts(self) -> dict[str, int]:
        """Return what the pages' own text says of the data, so that no page states a count the data does not.

        Counted once a build: every page's template context holds it, and a build has a page per pairing.
        """
        return {
            "pairings": len(self.metaphor.entries),
            "drawn_by_essay": sum(entry.origin == "essay" for entry in self.metaphor.entries),
            "scenarios": len(self.scenarios.scenarios),
            # How much of the essay the site quotes: the sentences any quote overlaps, of all its sentences.
            "sentences": sum(len(paragraph.sentences) for paragraph in self.essay.paragraphs),
            "quoted_sentences": len(self.quoted_sentences),
        }

    @cached_property
    def quoted_sentences(self) -> frozenset[tuple[str, int]]:
        """Return the essay's sentences the site quotes, as (anchor, offset): every one a quote overlaps.

        The quotes are the mapping's entries' and key passages', the scenarios', and the outline's
        when this build shows it: everything on the site that repeats the essay's words outside the
        essay page's full text.
        """
        quotes = [quote for entry in self.metaphor.entries for quote in entry.quotes]
        quotes += self.metaphor.workshop.quotes
        quotes += [quote for scenario in self.scenarios.scenarios for quote in scenario.quotes]
        quotes += self.outline.quotes if self.outline else ()
        found = set()
        for quote in quotes:
            start = self.essay.paragraph(quote.anchor).text.find(quote.text)
            found.update(self.essay.sentences_between(quote.anchor, start, start + len(quote.text)))
        return frozenset(found)


def load_site(config: MkDocsConfig) -> SiteData:
    """Read and check the essay, the mapping and the scenarios, or raise SiteError listing every problem.

    The two data files refer to each other (presets run scenarios, scenarios rehearse entries), so
    both are parsed first, then each is checked against what the other holds; the problems of both
    are reported together, each naming its file.
    """
    docs = Path(config.docs_dir)
    shown = source_path(config, MAPPING)
    shown_scenarios = source_path(config, SCENARIOS)
    shown_outline = source_path(config, OUTLINE)
    try:
        essay = read_essay(
            docs / ESSAY,
            src_uri=source_path(config, ESSAY),
            extensions=config.markdown_extensions,
            extension_configs=config.mdx_configs,
        )
    except (OSError, EssayError) as exc:
        raise SiteError(f"Cannot read the essay: {exc}") from None
    problems: dict[str, list[Problem]] = {shown: [], shown_scenarios: [], shown_outline: []}
    outline = None
    if config.extra.get("essay_text") == "excerpts":  # the essay page shows the outline instead of the essay
        try:
            outline = read_outline(docs / OUTLINE, essay=essay)
        except OSError as exc:
            raise SiteError(f"Cannot read the essay's outline: {exc}") from None
        except InvalidData as exc:
            problems[shown_outline] = exc.problems
    scenario_doc: Document | None = None
    try:
        scenario_doc = read_scenarios(docs / SCENARIOS)
    except InvalidData as exc:
        problems[shown_scenarios] = exc.problems
    loaded = metaphor = scenarios = None
    try:
        loaded = load_metaphor(docs / MAPPING, essay, scenarios=scenario_facts(scenario_doc) if scenario_doc else None)
        metaphor = loaded.metaphor
    except InvalidData as exc:
        problems[shown] = exc.problems
    if scenario_doc is not None:
        try:
            scenarios = load_scenarios(
                scenario_doc,
                essay=essay,
                entry_ids=[e.id for e in metaphor.entries] if metaphor else None,
                phase_ids=[p.id for p in metaphor.phases] if metaphor else None,
                topic_ids=[t.id for t in metaphor.workshop.topics] if metaphor else None,
            )
        except InvalidData as exc:
            problems[shown_scenarios] = exc.problems
    if loaded is None or metaphor is None or scenarios is None or problems[shown_outline]:
        raise _site_error(problems, next((path for path, found in problems.items() if found), shown))
    starts = [loaded.source.at(("entries", index)).line for index in range(len(metaphor.entries))]
    history = entry_history(docs / MAPPING, metaphor, starts)
    warnings = loaded.warnings + tuple(replace(w, file=shown_scenarios) for w in scenarios.warnings)
    return SiteData(essay, metaphor, warnings, history, shown, scenarios.scenarios, outline)


def _site_error(problems: dict[str, list[Problem]], first: str) -> SiteError:
    """Sum up the problems of each file ("docs/metaphors.yml: 2 problems found; docs/scenarios.yml: ...")."""
    listed: list[Problem] = []
    summaries = []
    for path, found in problems.items():
        errors = [p for p in found if not p.warning] or found
        if not errors:
            continue
        listed += [replace(p, file=path) for p in found]
        summaries.append(f"{path}: {len(errors)} problem{'s' if len(errors) != 1 else ''} found")
    return SiteError("; ".join(summaries), listed, first)


def source_path(config: MkDocsConfig, src_uri: str) -> str:
    """Name a file of the docs folder as contributors see it, from the project's root: ``docs/metaphors.yml``."""
    path = Path(config.docs_dir) / src_uri
    try:
        return path.resolve().relative_to(Path(config.config_file_path or ".").resolve().parent).as_posix()
    except ValueError:
        return path.as_posix()
