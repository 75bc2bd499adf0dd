"""Everything a build reads before it writes: the essay, the mapping and its history, the scenarios, and
(when the essay page shows it) the essay's outline, checked.

``load_site`` is the one way in, shared by the build hook and ``scripts/check_mapping.py``, so a
contributor's check and the build can never disagree.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from mkdocs.config.defaults import MkDocsConfig

from checks.data_checks import at
from checks.essay_outline import OUTLINE, Outline, read_outline
from checks.metaphor_load import load_metaphor
from checks.scenarios_load import load_scenarios, read_scenarios, scenario_facts
from model.metaphor_model import Metaphor
from model.scenarios_model import Scenarios
from sources.essay_source import ESSAY, Essay, EssayError, read_essay
from sources.history import Blame, History, entry_history
from sources.yaml_source import InvalidData, Problem, load_yaml

MAPPING = "metaphors.yml"
SCENARIOS = "scenarios.yml"
T = TypeVar("T")


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


def load_site(config: MkDocsConfig, *, outline: bool = False) -> SiteData:
    """Read and check the essay, the mapping, the scenarios and (when the essay page shows it) the outline;
    raise InvalidData with the problems of every file, each naming its file.

    The two data files refer to each other (presets run scenarios, scenarios rehearse entries): the
    scenarios are parsed first, the mapping is checked against what they hold, and the scenarios against
    the mapping when it is valid. Each source is loaded on its own, and the build fails once, at the end.
    With ``outline`` (ESSAY_TEXT=excerpts: the essay page shows the site's outline), the outline is read too.
    """
    docs = Path(config.docs_dir)
    with Blame(docs / MAPPING) as blame:  # git answers while the sources are checked
        return _load_site(config, docs, outline=outline, blame=blame)


def _load_site(config: MkDocsConfig, docs: Path, *, outline: bool, blame: Blame) -> SiteData:
    shown = {name: source_path(config, name) for name in (MAPPING, SCENARIOS, OUTLINE)}
    try:
        essay = read_essay(
            docs / ESSAY,
            src_uri=source_path(config, ESSAY),
            extensions=config.markdown_extensions,
            extension_configs=config.mdx_configs,
        )
    except (OSError, EssayError) as exc:
        raise InvalidData([], summary=f"Cannot read the essay: {exc}") from None
    problems: list[Problem] = []
    stopped = False

    def attempt(name: str, load: Callable[[], T]) -> T | None:
        nonlocal stopped
        try:
            return load()
        except InvalidData as exc:
            problems.extend(replace(problem, file=shown[name]) for problem in exc.problems)
            stopped = stopped or exc.stopped
            return None

    document = attempt(SCENARIOS, lambda: read_scenarios(docs / SCENARIOS))
    facts = scenario_facts(document) if document else None
    loaded = attempt(
        MAPPING, lambda: load_metaphor(docs / MAPPING, essay, scenarios=facts, line_times=blame.line_times)
    )
    metaphor = loaded.model if loaded else None
    if metaphor:
        ids = [
            [e.id for e in metaphor.entries],
            [p.id for p in metaphor.phases],
            [t.id for t in metaphor.workshop.topics],
        ]
    else:  # the ids a mapping with problems still names: the scenarios' references are checked in the same run
        ids = _listed_ids(docs / MAPPING)
    scenarios = document and attempt(
        SCENARIOS,
        lambda: load_scenarios(
            document, path=docs / SCENARIOS, essay=essay, entry_ids=ids[0], phase_ids=ids[1], topic_ids=ids[2]
        ),
    )
    essay_outline = attempt(OUTLINE, lambda: read_outline(docs / OUTLINE, essay=essay)) if outline else None
    if problems or loaded is None or scenarios is None:
        raise InvalidData(problems, stopped=stopped)
    starts = [loaded.source.at(("entries", index)).line for index in range(len(loaded.model.entries))]
    history = entry_history(blame, [entry.id for entry in loaded.model.entries], starts)
    warnings = tuple(replace(w, file=shown[MAPPING]) for w in loaded.warnings)
    warnings += tuple(replace(w, file=shown[SCENARIOS]) for w in scenarios.warnings)
    return SiteData(essay, loaded.model, warnings, history, shown[MAPPING], scenarios.model, essay_outline)


def _listed_ids(path: Path) -> list[list[str] | None]:
    """Return the ids of the entries, phases and topics a mapping lists, read as they stand (each None when
    the file cannot be parsed or the list is not a list)."""
    try:
        data = load_yaml(path).data
    except InvalidData:
        return [None, None, None]
    found: list[list[str] | None] = []
    for where in (("entries",), ("phases",), ("workshop", "topics")):
        listed = at(data, where)
        found.append(
            [i["id"] for i in listed if isinstance(i, dict) and isinstance(i.get("id"), str)]
            if isinstance(listed, list)
            else None
        )
    return found


def source_path(config: MkDocsConfig, src_uri: str) -> str:
    """Name a file of the docs folder as contributors see it, from the project's root: ``docs/metaphors.yml``
    (its full path when the docs folder lies outside the project)."""
    path = posixpath.join(Path(config.docs_dir).as_posix(), src_uri)
    root = Path(config.config_file_path or "mkdocs.yml").absolute().parent.as_posix()
    shown = posixpath.relpath(path, root)
    return path if shown.startswith("../") else shown
