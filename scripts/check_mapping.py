#!/usr/bin/env python3
"""Check docs/metaphors.yml without building the site; print every problem at once.

Each problem is printed as `path:line:col: entry 'id': field: message`; with --github, as a
GitHub Actions annotation (`::error file=...,line=...,col=...::...`) so a pull request shows it on
the right line. Exit status: 0 when the mapping is valid, 1 when it has problems.

Usage: .venv/bin/python scripts/check_mapping.py [--github] [--config mkdocs.yml]
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

from essay_source import EssayError, read_essay  # noqa: E402
from metaphor_load import InvalidMetaphor, Problem, load_metaphor  # noqa: E402


def github(problem: Problem, path: str) -> str:
    """Format a problem as a GitHub Actions error annotation."""

    def escape(text: str, *, prop: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if prop else text

    title = ": ".join(part for part in (f"entry {problem.entry}" if problem.entry else "", problem.field or "") if part)
    props = f"file={escape(path, prop=True)},line={problem.line},col={problem.column}"
    if title:
        props += f",title={escape(title, prop=True)}"
    return f"::error {props}::{escape(problem.format(path, column=True))}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--github", action="store_true", help="print GitHub Actions annotations")
    parser.add_argument("--config", default=str(ROOT / "mkdocs.yml"), help="the site's mkdocs.yml")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    config = load_config(args.config)
    docs = Path(config.docs_dir)
    project = Path(args.config).resolve().parent
    mapping = docs / "metaphors.yml"
    shown = os.path.relpath(mapping, project)
    try:
        essay = read_essay(
            docs / "essay.md",
            src_uri=os.path.relpath(docs / "essay.md", project),
            extensions=config.markdown_extensions,
            extension_configs=config.mdx_configs,
        )
        metaphor = load_metaphor(mapping, essay)
    except EssayError as exc:
        print(f"Cannot read the essay: {exc}", file=sys.stderr)
        return 1
    except InvalidMetaphor as exc:
        for problem in exc.problems:
            print(github(problem, shown) if args.github else problem.format(shown, column=True))
        count = len(exc.problems)
        print(f"{shown}: {count} problem{'s' if count != 1 else ''}.", file=sys.stderr)
        return 1
    print(f"{shown}: {len(metaphor.entries)} entries in {len(metaphor.phases)} phases, no problems.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
