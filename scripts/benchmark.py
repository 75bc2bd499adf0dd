#!/usr/bin/env python3
"""Measure build speed side by side in one run and print ratios (not a test).

1. Full site build with the metaphor hook vs. the same pages without it (the glossary
   left out, the essay on the theme's default template), alternating runs, in one process.
2. The hook's own work (read the essay, load and validate the mapping, render the
   glossary) for synthetic mappings of 100, 1,000 and 10,000 entries, with peak memory.

Usage: .venv/bin/python scripts/benchmark.py [--runs N]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from jinja2 import Environment, FileSystemLoader, StrictUndefined  # noqa: E402

from essay_source import read_essay  # noqa: E402
from metaphor_load import load_metaphor  # noqa: E402


def copy_project(dest: Path, *, with_hooks: bool) -> Path:
    """Copy the sources; without hooks, drop the hook, the glossary and the essay template."""
    for part in ("docs", "overrides", "hooks"):
        shutil.copytree(ROOT / part, dest / part)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if not with_hooks:
        config = config.replace("hooks:\n  - hooks/metaphor.py\n", "").replace("  - Glossary: glossary.md\n", "")
        essay = dest / "docs" / "essay.md"
        essay.write_text(essay.read_text(encoding="utf-8").replace("template: essay.html\n", ""), encoding="utf-8")
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return dest


def build_seconds(project: Path) -> float:
    """Load the config and build the site once, in this process; return the wall time."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    start = time.perf_counter()
    with contextlib.redirect_stderr(io.StringIO()):
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=True)
        build(config)
    return time.perf_counter() - start


def synthetic_mapping(size: int, real: dict) -> dict:
    """Return a mapping of ``size`` entries made from the real ones, with valid quotes and references."""
    entries = []
    for index in range(size):
        base = real["entries"][index % len(real["entries"])]
        suffix = f"-{index}"
        entry = {**base, "id": base["id"] + suffix}
        entry["related"] = [r + suffix for r in base.get("related", [])]
        entries.append(entry)
    ids = {e["id"] for e in entries}
    for entry in entries:
        entry["related"] = [r for r in entry["related"] if r in ids]
        if not entry["related"]:
            del entry["related"]
    return {"version": 1, "phases": real["phases"], "entries": entries}


def hook_work(path: Path) -> int:
    """Do the hook's own work on the mapping at ``path``; return the number of entries."""
    env = Environment(loader=FileSystemLoader(str(ROOT / "overrides")), autoescape=True, undefined=StrictUndefined)
    essay = read_essay(
        ROOT / "docs" / "essay.md", src_uri="docs/essay.md", extensions=["attr_list"], extension_configs={}
    )
    metaphor = load_metaphor(path, essay)
    html = env.get_template("partials/metaphor/glossary.html").render(
        metaphor=metaphor, essay_href="../essay/", author="Sarah Allen"
    )
    assert len(html) > 1000
    return len(metaphor.entries)


def hook_seconds(path: Path, *, repeat: int = 3) -> tuple[float, int]:
    """Time the hook's work (best of ``repeat``), then measure its peak memory in a separate run."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        hook_work(path)
        best = min(best, time.perf_counter() - start)
    tracemalloc.start()
    hook_work(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return best, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="builds of each kind (default 7)")
    args = parser.parse_args()
    logging.disable(logging.WARNING)

    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"# Benchmark, {date.today().isoformat()}, {machine}")
    with tempfile.TemporaryDirectory() as scratch:
        scratch_path = Path(scratch)
        with_hooks = copy_project(scratch_path / "with", with_hooks=True)
        without = copy_project(scratch_path / "without", with_hooks=False)
        build_seconds(with_hooks), build_seconds(without)  # warm imports and caches for both
        timings: dict[str, list[float]] = {"with": [], "without": []}
        for _ in range(args.runs):
            timings["with"].append(build_seconds(with_hooks))
            timings["without"].append(build_seconds(without))
        on, off = statistics.median(timings["with"]), statistics.median(timings["without"])
        print("\n## Full build, median of", args.runs, "alternating runs")
        print("| variant | seconds |\n|---|---|")
        print(f"| with the metaphor hook | {on:.3f} |\n| without (no glossary) | {off:.3f} |")
        print(f"| ratio with / without | {on / off:.2f} (goal <= 1.10) |")

        real = yaml.safe_load((ROOT / "docs" / "metaphors.yml").read_text(encoding="utf-8"))
        print("\n## Hook work alone (read essay, validate mapping, render glossary)")
        print("| entries | seconds | per 1,000 entries | peak memory |\n|---|---|---|---|")
        for size in (100, 1_000, 10_000):
            path = scratch_path / f"mapping-{size}.yml"
            path.write_text(yaml.safe_dump(synthetic_mapping(size, real), allow_unicode=True), encoding="utf-8")
            seconds, peak = hook_seconds(path)
            print(f"| {size:,} | {seconds:.3f} | {seconds / size * 1000:.3f} | {peak / 2**20:.1f} MiB |")


if __name__ == "__main__":
    main()
