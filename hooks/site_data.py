"""Everything a build reads before it writes: the essay, the mapping and its history, checked.

``load_site`` is the one way in, shared by the build hook and ``scripts/check_mapping.py``, so a
contributor's check and the build can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from essay_source import Essay, EssayError, read_essay
from history import History, entry_history
from metaphor_load import load_metaphor
from metaphor_model import Metaphor
from yaml_source import InvalidData, Problem

MAPPING = "metaphors.yml"
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


def load_site(config: MkDocsConfig) -> SiteData:
    """Read and check the essay and the mapping, or raise SiteError listing every problem."""
    docs = Path(config.docs_dir)
    shown = source_path(config, MAPPING)
    try:
        essay = read_essay(
            docs / ESSAY,
            src_uri=source_path(config, ESSAY),
            extensions=config.markdown_extensions,
            extension_configs=config.mdx_configs,
        )
    except (OSError, EssayError) as exc:
        raise SiteError(f"Cannot read the essay: {exc}") from None
    try:
        loaded = load_metaphor(docs / MAPPING, essay)
    except InvalidData as exc:
        count = len(exc.errors)
        raise SiteError(f"{shown}: {count} problem{'s' if count != 1 else ''} found", exc.problems, shown) from None
    starts = [loaded.source.at(("entries", index)).line for index in range(len(loaded.metaphor.entries))]
    history = entry_history(docs / MAPPING, loaded.metaphor, starts)
    return SiteData(essay, loaded.metaphor, loaded.warnings, history, shown)


def source_path(config: MkDocsConfig, src_uri: str) -> str:
    """Name a file of the docs folder as contributors see it, from the project's root: ``docs/metaphors.yml``."""
    path = Path(config.docs_dir) / src_uri
    try:
        return path.resolve().relative_to(Path(config.config_file_path or ".").resolve().parent).as_posix()
    except ValueError:
        return path.as_posix()
