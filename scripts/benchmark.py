#!/usr/bin/env python3
"""Measure speed and size side by side in one run, print each figure beside its goal (not a test).

Parts (name some to run only those; all run by default, in this order):

  build       full site build with the metaphor hook vs. the same pages without it (every page as a
              static page holding the HTML the hook renders, a page per pairing included, the
              essay with its marks; the other hooks and their caches in both), alternating runs in
              one process, in memory, median of --runs: the ratio, and the hook's cost, the
              difference (goal: at most 0.1 s).
  growth      a full `mkdocs build` (each in a process of its own) of synthetic mappings of 30 and
              300 entries (300: ten times the real file, more than it will ever hold), with
              docs/scenarios.yml rehearsing the synthetic entries; best of --growth-runs
              alternating runs, and the ratio (goal: at most 11).
  hook        the hook's own work (read the essay, load and validate the mapping and the
              scenarios, render the glossary) for synthetic mappings of 30 and 300 entries, with
              peak memory.
  broken      a mapping of 10,000 entries, every one of them broken (ten kinds of mistake in turn):
              the time to find every problem and print the bounded report, the first 100 in full
              and a count of the rest (goal: under 5 s).
  weight      each page's HTML, and our own JS and CSS as it loads them, gzipped (goal: 10 KB at
              most), and how many of our stylesheets block it (goal: one).
  lighthouse  Lighthouse's performance, accessibility and best-practices scores of each page beside
              a stock Material site holding the same essay text, both built here and served by
              http.server on loopback, measured in turn (median of --lighthouse-runs runs; goals:
              at least the stock median minus 0.02, a blocking time of 50 ms at most, a first paint
              within 10 % of stock's; accessibility 1.00; best practices at least stock's).
              Needs `npm ci` (lighthouse@12.2.3) and Chromium; about 15 s a run.
  style       the main thread's style, layout and script time as each page loads in headless
              Chromium, and its DOM nodes, beside stock Material's essay (median of 5).
  explorer    a site built with a synthetic mapping of 300 entries next to the real one, in
              headless Chromium: keystroke in the search box to the updated list (median of 50),
              time to interactive, the explorer's own JS + CSS bytes and the page's transfer size.
  serve       time from saving an edit to docs/metaphors.yml to the rebuilt glossary being served
              by `mkdocs serve` (median of 5 edits; the server's file watcher included).

The pages weighed and measured by Lighthouse: home, essay, glossary, pairing (the first pairing's
own page), explorer, guide, plan, deck, handout, cards, scenarios, sheets and runbook; --pages
names fewer.

Examples:
  .venv/bin/python scripts/benchmark.py                       # everything, full runs (about 45 min)
  .venv/bin/python scripts/benchmark.py weight growth         # two parts
  .venv/bin/python scripts/benchmark.py lighthouse --lighthouse-runs 1 --pages home,scenarios
                                                              # a quick Lighthouse smoke run
  .venv/bin/python scripts/benchmark.py build growth --runs 3 --growth-runs 1   # fewer builds
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import io
import json
import logging
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import ClassVar

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

sys.path.insert(0, str(ROOT / "tests"))
from browsers import CHROMIUM_ARGS, find_chromium  # noqa: E402
from checks.metaphor_load import Loaded, load_metaphor  # noqa: E402
from checks.scenarios_load import load_scenarios, read_scenarios  # noqa: E402
from checks.site_data import SiteData  # noqa: E402
from pages.data_script import data_scripts  # noqa: E402
from pages.essay_marks import MARKS, mark_quotes  # noqa: E402
from pages.generated_pages import PAIRING_PAGE, PAIRING_TEMPLATE, pairing_source  # noqa: E402
from pages.page_templates import template_context, template_env  # noqa: E402
from sources.essay_source import Essay, read_essay  # noqa: E402
from sources.yaml_source import InvalidData  # noqa: E402


class _Written(yaml.SafeDumper):
    """Write each value out in full, as the data files must be written (they refuse YAML's anchors and aliases)."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def dump(data: object) -> str:
    """Return ``data`` as a data file holds it."""
    return yaml.dump(data, Dumper=_Written, allow_unicode=True)


def quote_text(quote: str | dict[str, str]) -> str:
    """Return a quote of the mapping as its text (her words on outages are written ``outage: "..."``)."""
    return quote if isinstance(quote, str) else quote["outage"]


def the_essay() -> Essay:
    """Read the essay as the hook does (with the Markdown extension its anchors need)."""
    return read_essay(
        ROOT / "docs" / "essay.md", src_uri="docs/essay.md", extensions=["attr_list"], extension_configs={}
    )


def copy_project(dest: Path, *, with_hooks: bool) -> Path:
    """Copy the sources. Without hooks, the generated pages become static files of the same HTML."""
    for part in ("docs", "overrides", "hooks"):
        shutil.copytree(ROOT / part, dest / part)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if not with_hooks:
        # Without the metaphor hook alone: the other hooks (which files a page loads, task lists, link cards
        # and their cached images) run in both. Its pages are written out as static Markdown files.
        config = config.replace("  - hooks/metaphor.py\n", "")
        config += "\nnot_in_nav: |\n  /glossary/*.md\n"  # the pairings' pages, as the hook leaves them out
        write_static_pages(dest)
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return dest


def write_static_pages(dest: Path) -> None:
    """Write each page as the hook renders it, as ordinary Markdown holding the same content, and the
    pairings' pages and the data script as files."""
    import markdown
    from jinja2 import ChoiceLoader, FileSystemLoader
    from mkdocs.config import load_config
    from mkdocs.utils.meta import get_data

    theme = Path(__import__("material").__file__).parent / "templates"
    env = template_env(ChoiceLoader([FileSystemLoader(str(dest / "overrides")), FileSystemLoader(str(theme))]))
    essay = the_essay()
    site = site_data(load_metaphor(dest / "docs" / "metaphors.yml", essay), essay)
    for path, script in data_scripts(site.metaphor, essay, site.scenarios).items():
        (dest / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (dest / "docs" / path).write_text(script, encoding="utf-8")
    # The essay as the hook shows it, its quoted passages marked (its page template needs the hook).
    config = load_config(str(ROOT / "mkdocs.yml"))
    converter = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    essay_page = dest / "docs" / "essay.md"
    body, _ = get_data(essay_page.read_text(encoding="utf-8"))
    marked = mark_quotes(
        converter.convert(body),
        metaphor=site.metaphor,
        explorer_href="../explorer/",
        macros=env.get_template(MARKS).module,
    )
    front = essay_page.read_text(encoding="utf-8").removesuffix(body).replace("template: essay.html\n", "")
    essay_page.write_text(f"{front}\n{marked}\n", encoding="utf-8")
    for source in sorted((dest / "docs").glob("*.md")):
        if source.name in ("essay.md", "essay-outline.md"):
            continue
        href = functools.partial(page_link, depth=0 if source.name == "index.md" else 1)
        context = template_context(site, href=href, site_url=SITE_URL)
        text = env.from_string(source.read_text(encoding="utf-8")).render(context)
        source.write_text(text.replace("template: deck.html\n", ""), encoding="utf-8")  # the bare page needs the hook
    context = template_context(site, href=functools.partial(page_link, depth=2), site_url=SITE_URL)
    for entry in site.metaphor.entries:
        target = dest / "docs" / PAIRING_PAGE.format(id=entry.id)
        target.parent.mkdir(parents=True, exist_ok=True)
        html = env.get_template(PAIRING_TEMPLATE).render(context, entry=entry)
        target.write_text(f"{pairing_source(entry)}\n{html}\n", encoding="utf-8")


def site_data(loaded: Loaded, essay: Essay, scenarios_path: Path = ROOT / "docs" / "scenarios.yml") -> SiteData:
    """Return checked sources as the hook holds them (without git history, which a copy has not)."""
    document = read_scenarios(scenarios_path)
    metaphor = loaded.model
    scenarios = load_scenarios(
        document,
        path=ROOT / "docs" / "scenarios.yml",
        essay=essay,
        entry_ids=[e.id for e in metaphor.entries],
        phase_ids=[p.id for p in metaphor.phases],
        topic_ids=[t.id for t in metaphor.workshop.topics],
    ).model
    return SiteData(essay, metaphor, loaded.warnings, {}, "docs/metaphors.yml", scenarios)


SITE_URL = "http://127.0.0.1:8000/"
GOALS: list[tuple[str, str, str, bool]] = []  # each part adds its figures beside their goals: what, figure, goal, met


def page_link(src_uri: str, depth: int = 1) -> str:
    """Link from a generated page ``depth`` folders deep (glossary/: 1) to another page or file."""
    return "../" * depth + (src_uri.removesuffix(".md") + "/" if src_uri.endswith(".md") else src_uri)


def build_seconds(project: Path, *, strict: bool = True) -> float:
    """Load the config and build the site once, in this process; return the wall time."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    start = time.perf_counter()
    with contextlib.redirect_stderr(io.StringIO()):
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=strict)
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
    order = [phase["id"] for phase in real["phases"]]
    entries.sort(key=lambda entry: order.index(entry["phase"]))  # the file lists entries phase by phase
    ids = {e["id"] for e in entries}
    for entry in entries:
        entry["related"] = [r for r in entry["related"] if r in ids]
        if not entry["related"]:
            del entry["related"]
    position = {entry["id"]: index for index, entry in enumerate(real["entries"])}
    presets = [
        {**preset, "entries": [f"{entry_id}-{position[entry_id]}" for entry_id in preset["entries"]]}
        for preset in real["workshop"]["presets"]
    ]
    workshop = {**real["workshop"], "presets": presets}
    return {"version": 1, "roles": real["roles"], "phases": real["phases"], "workshop": workshop, "entries": entries}


def synthetic_scenarios(real: dict) -> dict:
    """Return docs/scenarios.yml with each scenario rehearsing the synthetic copies of its entries.

    synthetic_mapping() names the first copy of each real entry ``<id>-<position>``, as its presets do.
    """
    document = yaml.safe_load((ROOT / "docs" / "scenarios.yml").read_text(encoding="utf-8"))
    position = {entry["id"]: index for index, entry in enumerate(real["entries"])}
    scenarios = [
        {**scenario, "rehearses": [f"{entry_id}-{position[entry_id]}" for entry_id in scenario["rehearses"]]}
        for scenario in document["scenarios"]
    ]
    return {**document, "scenarios": scenarios}


def write_synthetic(docs: Path, size: int, real: dict, *, name: str = "") -> tuple[Path, Path]:
    """Write a synthetic mapping of ``size`` entries and the scenarios that go with it into ``docs``.

    Without ``name`` they are metaphors.yml and scenarios.yml, as a project holds them; return their paths.
    """
    mapping = docs / f"{name or 'metaphors'}.yml"
    scenarios = docs / (f"{name}-scenarios.yml" if name else "scenarios.yml")
    mapping.write_text(dump(synthetic_mapping(size, real)), encoding="utf-8")
    scenarios.write_text(dump(synthetic_scenarios(real)), encoding="utf-8")
    return mapping, scenarios


def hook_work(path: Path, scenarios_path: Path) -> int:
    """Do the hook's own work on the mapping at ``path`` and its scenarios; return the number of entries."""
    from jinja2 import FileSystemLoader

    env = template_env(FileSystemLoader(str(ROOT / "overrides")))
    essay = the_essay()
    site = site_data(load_metaphor(path, essay), essay, scenarios_path)
    html = env.get_template("partials/metaphor/glossary.html").render(
        template_context(site, href=page_link, site_url="")
    )
    assert len(html) > 1000
    return len(site.metaphor.entries)


# Ten kinds of mistake, one per entry in turn, so that every entry of the broken mapping is broken.
BREAKS = {
    "a quote not in the essay": lambda e, i: e.update(quotes=[quote_text(e["quotes"][0]) + " Indeed."]),
    "a related id that does not exist": lambda e, i: e.update(related=[f"missing-{i}"]),
    "an unknown phase": lambda e, i: e.update(phase="recover"),
    "a missing field": lambda e, i: e.pop("breaks_down"),
    "minutes out of range": lambda e, i: e.update(minutes=99),
    "a field indented too little": lambda e, i: e.update(term=e["outage"].pop("term")),
    "text where a list belongs": lambda e, i: e.update(prompts="What would you do?"),
    "an id used twice": lambda e, i: e.update(id=f"twice-{i // 10}"),
    "an empty meaning": lambda e, i: e["sexism"].update(meaning=""),
    "an origin that is not allowed": lambda e, i: e.update(origin="both"),
}


def broken_mapping(size: int, real: dict) -> dict:
    """Return a mapping of ``size`` entries, each broken by one of BREAKS in turn."""
    mapping = synthetic_mapping(size, real)
    entries = [yaml.safe_load(yaml.safe_dump(entry)) for entry in mapping["entries"]]  # deep copies
    for index, entry in enumerate(entries):
        list(BREAKS.values())[index % len(BREAKS)](entry, index)
    return {**mapping, "entries": entries}


def report_seconds(path: Path) -> tuple[float, int, int]:
    """Time loading a broken mapping and printing its report as the build does (the first problems in full,
    then a count); return (seconds, problems found, lines printed)."""
    essay = the_essay()
    start = time.perf_counter()
    try:
        load_metaphor(path, essay)
    except InvalidData as exc:
        lines = [problem.format("docs/metaphors.yml") for problem in exc.shown] + [exc.more, exc.summary]
        found = len(exc.problems)
    else:
        sys.exit("the broken mapping loaded: BREAKS no longer breaks it")
    return time.perf_counter() - start, found, len(lines)


def broken_benchmark(scratch: Path, *, size: int = 10_000, runs: int = 3) -> None:
    """Print how long a mapping whose every entry is broken takes to report every problem."""
    real = yaml.safe_load((ROOT / "docs" / "metaphors.yml").read_text(encoding="utf-8"))
    path = scratch / "broken" / "metaphors.yml"
    path.parent.mkdir()
    shutil.copy(ROOT / "docs" / "metaphors.schema.json", path.parent)
    path.write_text(dump(broken_mapping(size, real)), encoding="utf-8")
    timings = [report_seconds(path) for _ in range(runs)]
    seconds = statistics.median(s for s, _, _ in timings)
    print(f"\n## Every entry broken: {size:,} entries, {len(BREAKS)} kinds of mistake in turn, median of {runs}")
    print("| entries | problems found | lines printed | seconds | goal |\n|---|---|---|---|---|")
    print(f"| {size:,} | {timings[0][1]:,} | {timings[0][2]:,} | {seconds:.2f} | < 5 s ({seconds / 5:.2f} of it) |")
    GOALS.append((f"{size:,} broken entries answered", f"{seconds:.2f} s", "< 5 s", seconds < 5))
    # Few entries, long values: every quote of every entry 21,000 characters, every note 20,000 quotations.
    for entry in real["entries"]:
        entry["quotes"] = ["We try anything " + "quick " * 3_500 + entry["id"] for _ in entry["quotes"]]
        entry["notes"] = "“made up” " * 20_000
    path.write_text(dump(real), encoding="utf-8")
    timings = [report_seconds(path) for _ in range(runs)]
    seconds = statistics.median(s for s, _, _ in timings)
    megabytes = path.stat().st_size / 2**20
    print(
        f"| {len(real['entries'])} with long values ({megabytes:.0f} MiB) | {timings[0][1]:,} | {timings[0][2]:,} "
        f"| {seconds:.2f} | < 5 s ({seconds / 5:.2f} of it) |"
    )
    GOALS.append(("long values answered", f"{seconds:.2f} s", "< 5 s", seconds < 5))


def hook_seconds(path: Path, scenarios_path: Path, *, repeat: int = 3) -> tuple[float, int]:
    """Time the hook's work (best of ``repeat``), then measure its peak memory in a separate run."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        hook_work(path, scenarios_path)
        best = min(best, time.perf_counter() - start)
    tracemalloc.start()
    hook_work(path, scenarios_path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return best, peak


KEYS = list("root cause") + ["Backspace"] * 10 + list("alert") + ["Backspace"] * 5 + list("safe and fast")
KEYS += ["Backspace"] * (50 - len(KEYS) - 2) + ["Escape", "x"]
# Per keystroke, two figures: the explorer's own work (its input handler, then the style and layout
# the browser must do for the new list, forced synchronously) and the time to the next painted frame.
MEASURE_KEYS = """() => {
    const box = document.querySelector("[data-explorer-search]");
    window.__work = [];
    window.__frame = [];
    let start = 0;
    box.addEventListener("keydown", () => { start = performance.now(); }, true);
    const done = () => {
        document.querySelector("[data-explorer-index]").getBoundingClientRect();
        document.body.offsetHeight;
        window.__work.push(performance.now() - start);
        requestAnimationFrame(() => setTimeout(() => window.__frame.push(performance.now() - start)));
    };
    box.addEventListener("input", done);
    box.addEventListener("keydown", (event) => { if (event.key === "Escape") done(); });
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's signature
        pass


class _Compressing(_Quiet):
    """Serve text files gzipped when the browser asks, as the hosts a site is published on do (GitHub
    Pages among them); both sites Lighthouse compares are served by it alike."""

    TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")
    packed: ClassVar[dict[Path, bytes]] = {}

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"  # a folder without its slash is redirected by the stdlib, below
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in self.TEXT and path.is_file()):
            return super().do_GET()
        if path not in self.packed:
            self.packed[path] = gzip.compress(path.read_bytes(), 6)
        body = self.packed[path]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)
        return None


def measure_explorer(site: Path, browser: object) -> dict[str, float]:
    """Serve ``site`` on loopback and measure the explorer page in ``browser``."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(f"http://127.0.0.1:{httpd.server_port}/explorer/")
        page.wait_for_function("() => performance.getEntriesByName('mx-explorer:ready').length > 0")
        ready = page.evaluate("performance.getEntriesByName('mx-explorer:ready')[0].startTime")
        transfer = page.evaluate(
            """() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
                     .reduce((sum, entry) => sum + entry.transferSize, 0)"""
        )
        page.evaluate(MEASURE_KEYS)
        page.locator("[data-explorer-search]").focus()
        for count, key in enumerate(KEYS, start=1):
            page.keyboard.press(key)
            page.wait_for_function(f"() => window.__frame.length >= {count}")  # a function: the policy refuses eval
        work, frame = page.evaluate("[window.__work, window.__frame]")
        rows = page.locator("[data-explorer-row][data-entry]").count()
        page.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    return {
        "ready": ready,
        "work": statistics.median(work),
        "worst": max(work),
        "frame": statistics.median(frame),
        "transfer": transfer,
        "rows": rows,
    }


def explorer_benchmark(scratch: Path) -> None:
    """Print the explorer's figures for the real mapping and a synthetic one of 1,000 entries."""
    from playwright.sync_api import sync_playwright

    executable = find_chromium()
    if executable is None:
        sys.exit("No Chromium found: see tests/browsers.py")
    real = yaml.safe_load((ROOT / "docs" / "metaphors.yml").read_text(encoding="utf-8"))
    sites = {}
    for name, size in (("real", 0), ("300 entries", 300)):
        project = copy_project(scratch / f"explorer-{size or 'real'}", with_hooks=True)
        if size:
            write_synthetic(project / "docs", size, real)
        # Not strict: a synthetic mapping repeats the real quotes, which the build warns about.
        build_seconds(project, strict=False)
        sites[name] = project / "site"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        results = {name: measure_explorer(site, browser) for name, site in sites.items()}
        browser.close()
    print("\n## Explorer in headless Chromium (search: median of", len(KEYS), "keystrokes)")
    print("| mapping | rows | keystroke -> list laid out (median, worst) | -> next frame | interactive | transfer |")
    print("|---|---|---|---|---|---|")
    for name, r in results.items():
        print(
            f"| {name} | {r['rows']:,} | {r['work']:.1f} ms, {r['worst']:.1f} ms | {r['frame']:.1f} ms "
            f"| {r['ready']:.0f} ms | {r['transfer'] / 1024:.0f} KiB |"
        )
    big = results["300 entries"]
    print(f"\nKeystroke work at 300 entries vs the 16 ms budget: {big['work'] / 16:.2f}")
    assets = ROOT / "overrides" / "assets"
    own = [assets / "javascripts" / "mx" / "explorer.js", assets / "stylesheets" / "explorer.css"]
    raw = sum(len(p.read_bytes()) for p in own)
    packed = sum(len(gzip.compress(p.read_bytes(), 9)) for p in own)
    print(f"\nExplorer's own JS + CSS: {raw:,} B raw, {packed:,} B gzip (budget 10,240 B gzip: {packed / 10240:.2f})")


# The pages measured by Lighthouse and weighed, by name; "pairing" is the first pairing's own page.
PAGES = {
    "home": "",
    "essay": "essay/",
    "glossary": "glossary/",
    "map": "map/",
    "pairing": "glossary/{first}/",
    "explorer": "explorer/",
    "guide": "guide/",
    "plan": "plan/",
    "deck": "deck/",
    "handout": "handout/",
    "cards": "cards/",
    "scenarios": "scenarios/",
    "sheets": "sheets/",
    "runbook": "runbook/",
}
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"  # lighthouse@12.2.3, pinned in package.json
OWN_CODE = 10_240  # bytes of our own JS + CSS a page may load, gzipped (the mapping's generated data aside)


def page_paths(names: list[str] | None = None) -> dict[str, str]:
    """Return PAGES (or those of ``names``) with the first pairing (in the glossary's order) filled in."""
    real = yaml.safe_load((ROOT / "docs" / "metaphors.yml").read_text(encoding="utf-8"))
    order = [phase["id"] for phase in real["phases"]]
    first = min(real["entries"], key=lambda entry: order.index(entry["phase"]))["id"]
    return {name: path.format(first=first) for name, path in PAGES.items() if names is None or name in names}


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    """Serve ``site`` with Python's http.server on a free loopback port, text gzipped; yield its address."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Compressing, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def stock_site(dest: Path) -> Path:
    """Build stock Material holding the essay's text: theme.font false (no Google Fonts), no code of ours."""
    from mkdocs.utils.meta import get_data

    body, meta = get_data((ROOT / "docs" / "essay.md").read_text(encoding="utf-8"))
    (dest / "docs").mkdir(parents=True)
    (dest / "docs" / "index.md").write_text(f"# {meta['title']}\n\n{body}", encoding="utf-8")
    config = {
        "site_name": meta["title"],
        "site_url": SITE_URL,
        "theme": {"name": "material", "font": False},
        "markdown_extensions": ["attr_list"],  # the essay's paragraph anchors
    }
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    build_seconds(dest)
    return dest / "site"


def lighthouse(url: str, chromium: str, *, attempts: int = 3) -> dict[str, float]:
    """Run Lighthouse's performance, accessibility and best-practices categories on ``url`` (its defaults: a
    simulated mobile); return the figures.

    A run that ends without a score (Lighthouse sometimes sees no largest paint on a busy machine)
    is run again, up to ``attempts`` times.
    """
    for _ in range(attempts):
        result = subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--only-categories=performance,accessibility,best-practices",
                "--output=json",
                "--output-path=stdout",
                "--quiet",
                "--chrome-flags=--headless=new --no-sandbox",
            ],
            env={**os.environ, "CHROME_PATH": chromium},
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        try:
            report = json.loads(result.stdout)
            audits = report["audits"]
            metrics = audits["metrics"]["details"]["items"][0]
            figures = {
                "score": float(report["categories"]["performance"]["score"]),
                "accessibility": float(report["categories"]["accessibility"]["score"]),
                "practices": float(report["categories"]["best-practices"]["score"]),
                "fcp": metrics["firstContentfulPaint"],
                "lcp": metrics["largestContentfulPaint"],
                "tbt": metrics["totalBlockingTime"],
                "cls": metrics["cumulativeLayoutShift"],
                "requests": len(audits["network-requests"]["details"]["items"]),
                "bytes": audits["total-byte-weight"]["numericValue"],
            }
        except (json.JSONDecodeError, KeyError, TypeError):
            continue
        return figures
    sys.exit(f"Lighthouse gave no score for {url} in {attempts} runs:\n{result.stderr[-2000:]}")


def lighthouse_benchmark(scratch: Path, *, runs: int, pages: list[str] | None = None) -> None:
    """Print Lighthouse's performance score of each page beside stock Material's, measured in turn.

    Both sites are built here and served the same way (http.server on loopback). In each round every
    page is measured right after or right before the stock page (the order alternates), so a busy
    machine weighs on both alike; the figures are medians, the stock one over all its runs.
    """
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: run `npm ci` (package.json pins lighthouse@12.2.3)")
    chromium = find_chromium(full=True)  # Lighthouse drives a whole browser (--headless=new), not the shell
    if chromium is None:
        sys.exit("No Chromium found: see tests/browsers.py")
    ours = copy_project(scratch / "lighthouse-ours", with_hooks=True)
    build_seconds(ours)
    stock = stock_site(scratch / "lighthouse-stock")
    paths = page_paths(pages)
    results: dict[str, list[dict[str, float]]] = {name: [] for name in ("stock", *paths)}
    with served(ours / "site") as ours_url, served(stock) as stock_url:
        for round_number in range(runs):
            names = list(paths) if round_number % 2 == 0 else list(reversed(paths))
            for index, name in enumerate(names):
                pair = [("stock", stock_url), (name, ours_url + paths[name])]
                for label, url in pair if (round_number + index) % 2 == 0 else reversed(pair):
                    results[label].append(lighthouse(url, chromium))
    median = {name: {key: statistics.median(r[key] for r in rs) for key in rs[0]} for name, rs in results.items()}
    goal = round(median["stock"]["score"] - 0.02, 2)
    stock_runs = len(results["stock"])
    print(f"\n## Lighthouse {lighthouse_version()} performance, median of {runs} runs a page (stock: of {stock_runs})")
    print("Simulated mobile (Lighthouse's defaults); both sites served by http.server on loopback.")
    print(
        "| page | score | goal | FCP | LCP | TBT | CLS | requests | transfer | accessibility | best practices |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|"
    )
    for name, m in median.items():
        target = "(reference)" if name == "stock" else f">= {goal:.2f}: {'met' if m['score'] >= goal else 'MISSED'}"
        print(
            f"| {name} | {m['score']:.2f} | {target} | {m['fcp'] / 1000:.2f} s | {m['lcp'] / 1000:.2f} s "
            f"| {m['tbt']:.0f} ms | {m['cls']:.3f} | {m['requests']:.0f} | {m['bytes'] / 1024:.0f} KiB "
            f"| {m['accessibility']:.2f} | {m['practices']:.2f} |"
        )
        if name != "stock":
            GOALS.append(
                (f"Lighthouse: {name}", f"{m['score']:.2f}", f">= {goal:.2f} (stock - 0.02)", m["score"] >= goal)
            )
            first_paint = median["stock"]["fcp"] * 1.1
            practices = median["stock"]["practices"]
            GOALS.append(
                (f"Lighthouse: {name}, accessibility", f"{m['accessibility']:.2f}", "1.00", m["accessibility"] == 1)
            )
            GOALS.append(
                (
                    f"Lighthouse: {name}, best practices",
                    f"{m['practices']:.2f}",
                    f">= {practices:.2f} (stock)",
                    m["practices"] >= practices,
                )
            )
            GOALS.append((f"Lighthouse: {name}, blocking time", f"{m['tbt']:.0f} ms", "<= 50 ms", m["tbt"] <= 50))
            GOALS.append(
                (
                    f"Lighthouse: {name}, first paint",
                    f"{m['fcp'] / 1000:.2f} s",
                    f"<= {first_paint / 1000:.2f} s (stock + 10 %)",
                    m["fcp"] <= first_paint,
                )
            )


def style_benchmark(scratch: Path, *, runs: int = 5, pages: list[str] | None = None) -> None:
    """Print the main thread's work as each page loads in headless Chromium (no throttling), beside stock
    Material holding the essay: style, layout and script time from the DevTools protocol's counters
    (Performance.getMetrics, a second after load) and the number of DOM nodes; median of ``runs``, each
    page right after stock's. Lighthouse's blocking time on a simulated phone is mostly this work, scaled."""
    from playwright.sync_api import sync_playwright

    ours = copy_project(scratch / "style-ours", with_hooks=True)
    build_seconds(ours)
    stock = stock_site(scratch / "style-stock")
    paths = page_paths(pages)
    keys = ("RecalcStyleDuration", "LayoutDuration", "ScriptDuration", "Nodes")
    results: dict[str, list[dict[str, float]]] = {name: [] for name in ("stock", *paths)}
    with served(ours / "site") as ours_url, served(stock) as stock_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        for _ in range(runs):
            for name, url in [(n, u) for p in paths for n, u in (("stock", stock_url), (p, ours_url + paths[p]))]:
                context = browser.new_context(viewport={"width": 412, "height": 823})
                page = context.new_page()
                session = context.new_cdp_session(page)
                session.send("Performance.enable")
                page.goto(url, wait_until="load")
                page.wait_for_timeout(1000)
                metrics = {m["name"]: m["value"] for m in session.send("Performance.getMetrics")["metrics"]}
                results[name].append({key: metrics[key] for key in keys})
                context.close()
        browser.close()
    print(
        f"\n## Main-thread work as each page loads (Chromium, 412x823, median of {runs}; "
        f"stock: of {len(results['stock'])})"
    )
    print("| page | style | layout | script | DOM nodes |\n|---|---|---|---|---|")
    for name, rows in results.items():
        m = {key: statistics.median(row[key] for row in rows) for key in keys}
        print(
            f"| {name} | {m['RecalcStyleDuration'] * 1000:.0f} ms | {m['LayoutDuration'] * 1000:.0f} ms "
            f"| {m['ScriptDuration'] * 1000:.0f} ms | {m['Nodes']:.0f} |"
        )


def lighthouse_version() -> str:
    package = ROOT / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"]


def own_files(site: Path, path: str) -> tuple[list[Path], list[Path], int]:
    """Return the stylesheets and scripts of ours a built page loads, and its HTML's size in bytes."""
    from bs4 import BeautifulSoup

    page = site / path / "index.html"
    html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    ours = re.compile(r"assets/(javascripts|stylesheets)/(?!bundle\.|main\.|palette\.|lunr/|workers/|vendor/)")
    sheets = [
        (page.parent / link["href"]).resolve()
        for link in html.select("link[rel=stylesheet]")
        if ours.search(link["href"])
    ]
    scripts = [(page.parent / s["src"]).resolve() for s in html.select("script[src]") if ours.search(s["src"])]
    return sheets, scripts, page.stat().st_size


def weight_benchmark(scratch: Path, *, pages: list[str] | None = None) -> None:
    """Print what each page weighs: its HTML, and our own JS and CSS as it loads them, against the 10 KB budget."""
    project = copy_project(scratch / "weight", with_hooks=True)
    build_seconds(project)
    site = project / "site"
    print("\n## Page weight: our own code on each page (gzip, file by file; the mapping's data script aside)")
    print("| page | HTML | our stylesheets | our scripts | own JS + CSS gzip | budget |\n|---|---|---|---|---|---|")
    for name, path in page_paths(pages).items():
        sheets, scripts, html_bytes = own_files(site, path)
        code = [f for f in sheets + scripts if not f.name.endswith("-data.js")]
        packed = sum(len(gzip.compress(f.read_bytes(), 9)) for f in code)
        names = ", ".join(f.name for f in scripts) or "none"
        print(
            f"| {name} | {html_bytes / 1024:.0f} KiB | {len(sheets)} | {names} | {packed:,} B "
            f"| {packed / OWN_CODE:.2f} of 10 KB |"
        )
        GOALS.append((f"own JS + CSS: {name}", f"{packed:,} B gzip", "<= 10,240 B", packed <= OWN_CODE))
        GOALS.append((f"our render-blocking stylesheets: {name}", str(len(sheets)), "<= 1", len(sheets) <= 1))


def serve_benchmark(scratch: Path, *, edits: int = 5) -> None:
    """Print how long `mkdocs serve` takes to serve the glossary rebuilt after a YAML edit."""
    from dev_server import DevServer

    project = copy_project(scratch / "serve", with_hooks=True)
    mapping = project / "docs" / "metaphors.yml"
    original = mapping.read_text(encoding="utf-8")
    term = yaml.safe_load(original)["entries"][0]["outage"]["term"]
    times = []
    with DevServer(project) as server:
        for number in range(edits):
            marker = f"{term}, edit {number}"
            started = []

            def edit(marker: str = marker, started: list[float] = started) -> None:
                started.append(time.perf_counter())
                mapping.write_text(original.replace(f'term: "{term}"', f'term: "{marker}"', 1), encoding="utf-8")

            page = server.after_change(edit, "glossary/")  # returns once the rebuilt site is being served
            times.append(time.perf_counter() - started[0])
            if marker not in page:
                sys.exit(f"the glossary served after edit {number} does not show it")
    print("\n## Live reload: YAML edit -> rebuilt glossary served by `mkdocs serve`")
    print(f"| median of {edits} | worst | goal |\n|---|---|---|")
    print(f"| {statistics.median(times):.2f} s | {max(times):.2f} s | <= 1.5 s |")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n", 1)[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("parts", nargs="*", metavar="part", help=f"{', '.join(PARTS)} (default: all)")
    parser.add_argument("--runs", type=int, default=7, help="build: builds of each kind (default 7)")
    parser.add_argument("--growth-runs", type=int, default=2, help="growth: builds of each size (default 2)")
    parser.add_argument(
        "--lighthouse-runs", type=int, default=5, help="lighthouse: runs of each page, and of stock (default 5)"
    )
    parser.add_argument(
        "--pages", help=f"weight, lighthouse: only these pages, comma-separated (of {', '.join(PAGES)})"
    )
    args = parser.parse_args()
    parts = set(args.parts or PARTS)
    if parts - set(PARTS):
        parser.error(f"unknown part(s): {', '.join(sorted(parts - set(PARTS)))}")
    pages = args.pages.split(",") if args.pages else None
    if pages and set(pages) - set(PAGES):
        parser.error(f"unknown page(s): {', '.join(sorted(set(pages) - set(PAGES)))}")
    logging.disable(logging.WARNING)

    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"# Benchmark, {date.today().isoformat()}, {machine}, load average {os.getloadavg()[0]:.1f} at the start")
    with tempfile.TemporaryDirectory() as scratch:
        scratch_path = Path(scratch)
        if "build" in parts:
            build_benchmark(scratch_path, runs=args.runs)
        if "growth" in parts:
            growth_benchmark(scratch_path, runs=args.growth_runs)
        if "hook" in parts:
            hook_benchmark(scratch_path)
        if "broken" in parts:
            broken_benchmark(scratch_path)
        if "weight" in parts:
            weight_benchmark(scratch_path, pages=pages)
        if "style" in parts:
            style_benchmark(scratch_path, pages=pages)
        if "lighthouse" in parts:
            lighthouse_benchmark(scratch_path, runs=args.lighthouse_runs, pages=pages)
        if "explorer" in parts:
            explorer_benchmark(scratch_path)
        if "serve" in parts:
            serve_benchmark(scratch_path)
    if GOALS:
        print("\n## Against the goals")
        print("| figure | measured | goal | |\n|---|---|---|---|")
        for what, figure, goal, met in GOALS:
            print(f"| {what} | {figure} | {goal} | {'met' if met else 'MISSED'} |")
        print(f"\nLoad average at the end: {os.getloadavg()[0]:.1f}")


PARTS = ("build", "growth", "hook", "broken", "weight", "style", "lighthouse", "explorer", "serve")


def build_benchmark(scratch: Path, *, runs: int) -> None:
    """Print full-build times with and without the hook, alternating runs.

    Both projects and their sites are kept in memory (/dev/shm, where the system has one): on a disk,
    the kernel's write-back of the last build stalls whichever build meets it, and that noise (as
    large as the hook's whole cost) would decide the figure instead of the work compared.
    """
    memory = Path("/dev/shm")
    with tempfile.TemporaryDirectory(dir=memory if memory.is_dir() else scratch) as folder:
        _build_benchmark(Path(folder), runs=runs)


def _build_benchmark(scratch: Path, *, runs: int) -> None:
    with_hooks = copy_project(scratch / "with", with_hooks=True)
    without = copy_project(scratch / "without", with_hooks=False)
    build_seconds(with_hooks)  # warm imports and caches (the preview images)
    build_seconds(without)
    timings: dict[str, list[float]] = {"with": [], "without": []}
    for run in range(runs):  # each goes first in every other pair: neither gains from the order
        pair = [("with", with_hooks), ("without", without)]
        for name, project in pair if run % 2 == 0 else reversed(pair):
            timings[name].append(build_seconds(project))
    on, off = statistics.median(timings["with"]), statistics.median(timings["without"])
    print("\n## Full build, median of", runs, "alternating runs")
    print("| variant | seconds |\n|---|---|")
    print(f"| with the metaphor hook | {on:.3f} |\n| without (same pages and images, static) | {off:.3f} |")
    print(f"| ratio with / without | {on / off:.2f} |\n| the hook's cost | {on - off:.3f} (goal <= 0.100) |")
    GOALS.append(("the hook's cost in a build (s)", f"{on - off:.3f}", "<= 0.100", on - off <= 0.100))


def mkdocs_build_seconds(project: Path) -> float:
    """Run a full `mkdocs build --strict` of ``project`` in a process of its own, as CI does; return the time."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(project / "site")],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        sys.exit(f"mkdocs build --strict of {project} failed:\n{done.stderr[-3000:]}")
    return time.perf_counter() - start


def give_copies_their_own_passages(project: Path) -> None:
    """Make the synthetic mapping in ``project`` one a strict build accepts.

    A copy of a real entry would quote the real sentences again, and a sentence quoted by more than two
    entries is a warning, which stops a strict build. So every copy after the first quotes passages of
    its own, one invented sentence per real quote, and the project's essay gains a paragraph holding
    them (every paragraph of the essay is quoted, as the build also checks). The first copy of each
    real entry keeps the real quotes, so the real essay is marked as it is on the site.
    """
    mapping_path, essay_path = project / "docs" / "metaphors.yml", project / "docs" / "essay.md"
    mapping = yaml.safe_load(mapping_path.read_text(encoding="utf-8"))
    first = len({entry["id"].rsplit("-", 1)[0] for entry in mapping["entries"]})
    essay = essay_path.read_text(encoding="utf-8").rstrip("\n")
    number = len(re.findall(r"^\{: #p-\d+ \}$", essay, flags=re.MULTILINE))  # the essay's paragraphs so far
    paragraphs = []
    copies = [(int(entry["id"].rsplit("-", 1)[1]), entry) for entry in mapping["entries"]]
    for index, entry in sorted(((i, e) for i, e in copies if i >= first), key=lambda copy: copy[0]):
        entry["quotes"] = [f"Passage {index}.{n} of the benchmark's longer essay." for n in range(len(entry["quotes"]))]
        number += 1
        paragraphs.append(f"{' '.join(entry['quotes'])}\n{{: #p-{number:02d} }}\n")
    mapping_path.write_text(dump(mapping), encoding="utf-8")
    essay_path.write_text(essay + "\n\n" + "\n".join(paragraphs), encoding="utf-8")


def growth_benchmark(scratch: Path, *, sizes: tuple[int, int] = (30, 300), runs: int = 2) -> None:
    """Print full builds of synthetic mappings of 30 and 300 entries and their ratio (goal: 11 at most).

    Strict, as CI builds: each copy of a real entry quotes passages of its own, which the project's
    essay gains (give_copies_their_own_passages). Every page is built, a page and a preview image per
    pairing included, and docs/scenarios.yml is loaded and checked against the synthetic entries
    (synthetic_scenarios). Alternating runs, best of ``runs``.
    """
    real = yaml.safe_load((ROOT / "docs" / "metaphors.yml").read_text(encoding="utf-8"))
    projects = {}
    for size in sizes:
        project = copy_project(scratch / f"grow-{size}", with_hooks=True)
        write_synthetic(project / "docs", size, real)
        give_copies_their_own_passages(project)
        projects[size] = project
    timings: dict[int, list[float]] = {size: [] for size in sizes}
    for _ in range(runs):
        for size, project in projects.items():
            timings[size].append(mkdocs_build_seconds(project))
    small, large = (min(timings[size]) for size in sizes)
    pages = {size: sum(1 for _ in (projects[size] / "site").rglob("index.html")) for size in sizes}
    print(f"\n## Full `mkdocs build` as the mapping grows, best of {runs} alternating runs")
    print("| entries | pages built | seconds | per 100 entries |\n|---|---|---|---|")
    for size, seconds in zip(sizes, (small, large), strict=True):
        print(f"| {size:,} | {pages[size]:,} | {seconds:.1f} | {seconds / size * 100:.2f} |")
    ratio = large / small
    print(f"| ratio {sizes[1]:,} / {sizes[0]:,} | | {ratio:.1f} | (goal <= 11) |")
    GOALS.append((f"build of {sizes[1]:,} entries / {sizes[0]:,}", f"{ratio:.1f}", "<= 11", ratio <= 11))


def hook_benchmark(scratch: Path) -> None:
    """Print the hook's own time and peak memory for synthetic mappings."""
    real = yaml.safe_load((ROOT / "docs" / "metaphors.yml").read_text(encoding="utf-8"))
    print("\n## Hook work alone (read essay, validate mapping and scenarios, render glossary)")
    print("| entries | seconds | per 100 entries | peak memory |\n|---|---|---|---|")
    for size in (30, 300):
        folder = scratch / f"hook-{size}"
        folder.mkdir()
        for schema in ("metaphors.schema.json", "scenarios.schema.json"):
            shutil.copy(ROOT / "docs" / schema, folder)
        seconds, peak = hook_seconds(*write_synthetic(folder, size, real))
        print(f"| {size:,} | {seconds:.3f} | {seconds / size * 100:.3f} | {peak / 2**20:.1f} MiB |")


if __name__ == "__main__":
    main()
