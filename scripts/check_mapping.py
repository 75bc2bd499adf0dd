#!/usr/bin/env python3
"""Check docs/metaphors.yml without building the site; print its problems at once.

It checks what a build reads before it writes: docs/scenarios.yml too, and, with ESSAY_TEXT=excerpts
in the environment, docs/essay-outline.md (the essay page of such a build).

Each problem is printed as `path:line:col: entry 'id': field: message`; with --github, as a
GitHub Actions annotation (`::error file=...,line=...,col=...::...`) so a pull request shows it on
the right line. A file broken everywhere lists its first 100 problems, then counts the rest.
With --sentences, files without errors (warnings allowed) also get a list of the essay's sentences,
each with the entries that quote it, as `p-13 (2: one-id, other-id) "The sentence."`: a sentence two
entries quote takes no third.
Exit status: 0 when the mapping is valid, 1 when it has problems.

Usage: .venv/bin/python scripts/check_mapping.py [--github] [--sentences] [--config mkdocs.yml]
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import ConfigurationError, PluginError  # noqa: E402

from checks.essay_outline import OUTLINE  # noqa: E402
from checks.site_data import MAPPING, SCENARIOS, SiteData, load_site, source_path  # noqa: E402
from pages.build_state import Session, Settings  # noqa: E402
from sources.essay_source import ESSAY  # noqa: E402
from sources.yaml_source import InvalidData, Problem, counted  # noqa: E402


def github(problem: Problem) -> str:
    """Format a problem as a GitHub Actions annotation (an error, or a warning)."""

    def escape(text: str, *, prop: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if prop else text

    title = ": ".join(part for part in (problem.subject or "", problem.field or "") if part)
    path = problem.file or ""
    props = f"file={escape(path, prop=True)},line={problem.line},col={problem.column}"
    if title:
        props += f",title={escape(title, prop=True)}"
    level = "warning" if problem.warning else "error"
    return f"::{level} {props}::{escape(problem.format(column=True))}"


def show(problem: Problem, *, annotations: bool) -> str:
    """Format one problem for the terminal, or as an annotation."""
    if annotations:
        return github(problem)
    return problem.format(column=True) + (" (warning: fails a strict build)" if problem.warning else "")


def sentences(site: SiteData) -> list[str]:
    """Each sentence of the essay, with the entries that quote it (each entry once)."""
    quoting: dict[tuple[str, int], list[str]] = {}
    for entry in site.metaphor.entries:
        for quote in entry.quotes:
            start = site.essay.paragraph(quote.anchor).text.index(quote.text)
            for sentence in site.essay.sentences_between(quote.anchor, start, start + len(quote.text)):
                ids = quoting.setdefault(sentence, [])
                ids.extend([] if entry.id in ids else [entry.id])
    lines = []
    for paragraph in site.essay.paragraphs:
        for offset, sentence in paragraph.sentences:
            ids = quoting.get((paragraph.anchor, offset), [])
            listed = f"{len(ids)}: {', '.join(ids)}" if ids else "0"
            lines.append(f'{paragraph.anchor} ({listed}) "{sentence}"')
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--github", action="store_true", help="print GitHub Actions annotations")
    parser.add_argument("--config", default=str(ROOT / "mkdocs.yml"), help="the site's mkdocs.yml")
    parser.add_argument(
        "--sentences", action="store_true", help="also list the essay's sentences and the entries that quote each"
    )
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    try:
        config = load_config(args.config)
        outline = Settings.read(config, Session()).outline
        checked = [source_path(config, name) for name in (ESSAY, MAPPING, SCENARIOS, *([OUTLINE] if outline else []))]
        site = load_site(config, outline=outline)
    except InvalidData as exc:
        for problem in exc.shown:
            print(show(problem, annotations=args.github))
        if exc.more:
            print(exc.more)
        clean = [f"{name}: no problems" for name in checked if name not in {p.file for p in exc.problems}]
        print("; ".join([str(exc), *clean]) + ".", file=sys.stderr)
        return 1
    except (OSError, ConfigurationError, PluginError) as exc:
        print(f"Cannot read the site's configuration: {exc}", file=sys.stderr)
        return 1
    for problem in site.warnings:
        print(show(problem, annotations=args.github))
    essay, mapping, scenarios, *rest = checked
    summary = "; ".join(
        [
            f"{essay}: {counted(len(site.essay.paragraphs), 'paragraph')}",
            f"{mapping}: {counted(len(site.metaphor.entries), 'entry', 'entries')} in "
            + counted(len(site.metaphor.phases), "phase"),
            f"{scenarios}: {counted(len(site.scenarios.scenarios), 'scenario')}",
            *(f"{name}: checked" for name in rest),
        ]
    )
    if args.sentences:
        print("\n".join(sentences(site)))
    if site.warnings:
        print(f"{summary}, {counted(len(site.warnings), 'warning')} (a strict build fails on them).", file=sys.stderr)
        return 1
    print(f"{summary}, no problems.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
