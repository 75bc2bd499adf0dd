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
    """The site's sources cannot be built; ``problems`` (if any) say where, ``str()`` says what."""

    def __init__(self, message: str, problems: list[Problem] | None = None, path: str = "") -> None:
        super().__init__(message)
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
    project = Path(config.config_file_path or ".").resolve().parent
    shown = relative(docs / MAPPING, project)
    try:
        essay = read_essay(
            docs / ESSAY,
            src_uri=relative(docs / ESSAY, project),
            extensions=config.markdown_extensions,
            extension_configs=config.mdx_configs,
        )
    except (OSError, EssayError) as exc:
        raise SiteError(f"Cannot read the essay: {exc}") from None
    try:
        loaded = load_metaphor(docs / MAPPING, essay)
    except InvalidData as exc:
        count = len(exc.errors)
        raise SiteError(
            f"{shown}: {count} problem{'s' if count != 1 else ''} found (listed above); the site was not built.",
            exc.problems,
            shown,
        ) from None
    starts = [loaded.source.at(("entries", index)).line for index in range(len(loaded.metaphor.entries))]
    history = entry_history(docs / MAPPING, loaded.metaphor, starts)
    return SiteData(essay, loaded.metaphor, loaded.warnings, history, shown)


def relative(path: Path, root: Path) -> str:
    """Show ``path`` relative to the project, as contributors see it."""
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
