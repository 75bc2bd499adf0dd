"""Site-wide promises: descriptions, credit, no other hosts, and live rebuilds under `mkdocs serve`."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import urllib.error
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from browsers import find_chromium
from conftest import Project, build_environment, made_once, parsed
from dev_server import DevServer
from mapping_cases import at

ORIGINAL = "https://www.ultrasaurus.com/2018/09/production-outages-and-sexism/"
# Elements that make the browser fetch something, and the attribute that names it.
LOADERS = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "link[rel~=stylesheet]": "href",
    "link[rel~=icon]": "href",
    "link[rel~=preload]": "href",
    "link[rel~=modulepreload]": "href",
    "link[rel~=manifest]": "href",
}
CSS_REMOTE = re.compile(r"(?:url\(|@import)\s*['\"]?(?:https?:)?//", re.I)


def pages(project: Project) -> list:
    return sorted(p for p in project.site.rglob("*.html") if p.name != "404.html")


def test_every_page_has_a_meta_description_of_its_own(built: Project) -> None:
    descriptions = {}
    for path in pages(built):
        meta = parsed(path).select_one('meta[name="description"]')
        assert meta is not None and len(meta["content"]) > 40, path
        descriptions[path.relative_to(built.site).as_posix()] = meta["content"]
    assert len(set(descriptions.values())) == len(descriptions), descriptions


def test_every_page_credits_the_author_and_links_the_original(built: Project) -> None:
    for path in pages(built):
        page = parsed(path)
        footer = page.select_one("footer .md-copyright")
        credit = footer if footer is not None else page.select_one(".mx-slide--title .mx-slide__credit")
        assert credit is not None, path
        assert "Sarah Allen" in credit.get_text(), path
        assert credit.select_one(f'a[href="{ORIGINAL}"]') is not None, path


def test_no_page_or_stylesheet_loads_anything_from_another_host(built: Project) -> None:
    checked = 0
    loaders = ", ".join(f"{selector}[{attribute}]" for selector, attribute in LOADERS.items())
    for path in built.site.rglob("*.html"):
        for element in parsed(path).select(loaders):
            for attribute in {"src", "href"} & set(element.attrs):
                assert not re.match(r"(?:https?:)?//", element[attribute]), (path, element)
            checked += 1
    for path in built.site.rglob("*.css"):
        assert not CSS_REMOTE.search(path.read_text(encoding="utf-8")), path
    assert checked > 20


def test_the_mapping_itself_is_not_published(built: Project) -> None:
    assert not (built.site / "metaphors.yml").exists()


def test_mkdocs_serve_rebuilds_the_whole_site_when_the_mapping_changes(
    small: Project, small_mapping: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """... and, stopped as Ctrl-C stops it, removes the site it served from its temporary folder."""
    project, term = small, small_mapping["entries"][0]["outage"]["term"]
    text = project.mapping.read_text(encoding="utf-8")
    assert f"term: {term}\n" in text
    edited = text.replace(f"term: {term}\n", f"term: {term}, edited live\n", 1)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    with DevServer(project.root) as server:
        assert f"{term}, edited live" not in server.get("glossary/")
        server.after_change(lambda: project.mapping.write_text(edited, encoding="utf-8"), "glossary/")
        for page in ("glossary/", "explorer/", "deck/", "cards/", "handout/", "plan/", "essay/"):
            assert f"{term}, edited live" in server.get(page), page
        [served] = tmp_path.glob("mkdocs_*")
        assert (served / "glossary" / "index.html").is_file()
    assert server.process.returncode == 0
    assert not served.exists()


def test_under_mkdocs_serve_the_problems_show_in_every_page_until_a_save_fixes_them(
    small: Project, small_mapping: dict
) -> None:
    """The dev server keeps answering: each page lists the problems, then the site comes back by itself."""
    project, mapping = small, small_mapping
    good = project.mapping.read_text(encoding="utf-8")
    first = mapping["entries"][0]
    start = good.index(f"  - id: {first['id']}\n")  # the first entry's own lines, not the workshop's
    entry = good[start:].replace(f"    phase: {first['phase']}\n", "    phase: respnd\n", 1)
    broken = good[:start] + entry.replace(f"    minutes: {first['minutes']}\n", "    minutes: 99\n", 1)
    phases = ", ".join(p["id"] for p in mapping["phases"])
    expected = [
        f"docs/metaphors.yml:{at(broken, '    phase: respnd')}: entry '{first['id']}': phase: unknown phase 'respnd' (expected one of: {phases})",
        f"docs/metaphors.yml:{at(broken, '    minutes: 99')}: entry '{first['id']}': minutes: 99 is out of range: use 1 to 60 minutes",
    ]
    with DevServer(project.root) as server:
        page = parse_html(
            server.after_change(lambda: project.mapping.write_text(broken, encoding="utf-8"), "glossary/")
        )
        assert page.select_one("[data-mx-problems] h1").get_text() == "docs/metaphors.yml: 2 problems found"
        assert [item.get_text() for item in page.select("[data-problem=error] code")] == expected
        for other in ("", "essay/", "deck/", "guide/"):  # whatever page the contributor has open
            problems = parse_html(server.get(other)).select("[data-problem=error] code")
            assert [item.get_text() for item in problems] == expected, other
        terminal = [line.split("-  ", 1)[1] for line in server.log if line.startswith("ERROR")]
        assert terminal == [
            *(f"metaphor: {line}" for line in expected),
            "metaphor: docs/metaphors.yml: 2 problems found (listed above); the preview shows them until a save fixes the file.",
        ]
        # Nothing else: the pages' own text, which the problems replace, is not read (its links were once
        # checked unrendered, and warned of "{{ original_url }}").
        assert [line for line in server.log if line.startswith("WARNING")] == []
        # A page the broken file does not make, such as a pairing's own page: "not found", with the problems.
        with pytest.raises(urllib.error.HTTPError) as missing:
            server.get(f"glossary/{first['id']}/")
        assert missing.value.code == 404
        missing_page = parse_html(missing.value.read().decode("utf-8"))
        assert [item.get_text() for item in missing_page.select("[data-problem=error] code")] == expected
        # The dev server sends it without its live-reload script: the page says to reload it, as it must.
        assert "livereload" not in str(missing_page) and "livereload" in str(page)
        assert "save, then reload this page" in " ".join(
            missing_page.select_one("[data-mx-problems]").get_text().split()
        )
        fixed = parse_html(server.after_change(lambda: project.mapping.write_text(good, encoding="utf-8"), "glossary/"))
        assert fixed.select_one("[data-mx-problems]") is None
        assert len(fixed.select("article[data-entry-id]")) == len(mapping["entries"])
        # A warning: the site shows, and so does the warning, above every page's content, as in the terminal.
        warned = good.replace(first["notes"], first["notes"] + " Allow 3 minutes.", 1)
        assert warned != good
        where = at(warned, f"    notes: {first['notes']} Allow 3 minutes.")
        page = parse_html(
            server.after_change(lambda: project.mapping.write_text(warned, encoding="utf-8"), "glossary/")
        )
        assert len(page.select("article[data-entry-id]")) == len(mapping["entries"])
        for shown in (page, parse_html(server.get("essay/"))):
            notice = shown.select_one("[data-mx-warnings]")
            assert "a strict build (CI's, and the deploy's) refuses it" in " ".join(notice.get_text().split())
            [line] = [item.get_text() for item in notice.select("[data-problem=warning] code")]
            assert line.startswith(f"docs/metaphors.yml:{where}: entry '{first['id']}': notes: ")
            assert "“3 minutes”" in line
        assert [line.split("-  ", 1)[1] for line in server.log if line.startswith("WARNING")][-1] == f"metaphor: {line}"
        clean = parse_html(server.after_change(lambda: project.mapping.write_text(good, encoding="utf-8"), "glossary/"))
        assert clean.select_one("[data-mx-warnings]") is None
        with pytest.raises(urllib.error.HTTPError) as missing:
            server.get("no-such-page/")
        assert parse_html(missing.value.read().decode("utf-8")).select_one("h1").get_text() == "404 - Not found"


def parse_html(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_under_mkdocs_serve_an_essay_without_its_credit_is_shown_on_the_pages_until_fixed(small: Project) -> None:
    project = small
    essay = project.root / "docs" / "essay.md"
    good = essay.read_text(encoding="utf-8")
    with DevServer(project.root) as server:
        broken = good.replace("original_site: ultrasaurus.com\n", "")
        page = parse_html(server.after_change(lambda: essay.write_text(broken, encoding="utf-8"), "glossary/"))
        assert page.select_one("[data-mx-problems] h1").get_text() == (
            "Cannot read the essay: docs/essay.md: its front matter needs original_site (title, author, "
            "original_url and original_site as text; published as a date, e.g. 2018-09-16)"
        )
        assert not [line for line in server.log if "Traceback" in line or "KeyError" in line]
        fixed = parse_html(server.after_change(lambda: essay.write_text(good, encoding="utf-8"), "glossary/"))
        assert fixed.select_one("[data-mx-problems]") is None


def test_the_dev_server_starts_again_on_another_port_when_its_port_is_taken_meanwhile(
    small: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """free_port() names a port nobody listens on, but another process may bind it before `mkdocs serve` does."""
    import dev_server

    project = small

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        ports = iter([taken.getsockname()[1], dev_server.free_port()])
        monkeypatch.setattr(dev_server, "free_port", lambda: next(ports))
        with dev_server.DevServer(project.root) as server:
            assert not server.url.endswith(f":{taken.getsockname()[1]}/")
            assert "<title>" in server.get()


def test_the_tests_drive_chromiums_headless_shell_and_lighthouse_a_whole_chromium(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where both are installed, the browser tests take the headless shell (the same engine, a page opened in
    half the time) and Lighthouse the whole browser; $CHROMIUM overrides both."""
    for name in ("chromium", "chromium-headless-shell"):
        (tmp_path / name).write_text("#!/bin/sh\n", encoding="utf-8")
        (tmp_path / name).chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("CHROMIUM", raising=False)
    assert find_chromium() == str(tmp_path / "chromium-headless-shell")
    assert find_chromium(full=True) == str(tmp_path / "chromium")
    monkeypatch.setenv("CHROMIUM", str(tmp_path / "chromium"))
    assert find_chromium() == str(tmp_path / "chromium")


def test_a_shared_folder_is_made_once_a_run_and_a_failed_make_is_tried_again(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """The session's builds are made once for all workers (conftest.made_once); one that failed is not taken
    for made by the next test that asks."""
    made = []

    def make(folder: Path) -> None:
        made.append(folder)
        (folder / "page.html").write_text("made", encoding="utf-8")

    first = made_once(tmp_path_factory, "probe-made", make)
    assert made_once(tmp_path_factory, "probe-made", make) == first and made == [first]

    def broken(folder: Path) -> None:
        raise RuntimeError("the build failed")

    with pytest.raises(RuntimeError):
        made_once(tmp_path_factory, "probe-broken", broken)
    again = made_once(tmp_path_factory, "probe-broken", make)
    assert made == [first, again] and (again / "page.html").read_text(encoding="utf-8") == "made"


def test_a_build_through_the_workers_build_server_is_the_command_run_on_its_own(small: Project) -> None:
    """Project.build forks each build from a server that has MkDocs imported (tests/build_server.py): it
    prints what `python -m mkdocs build --strict` prints in a process of its own and exits as it does, and
    it runs the copy's own hooks, changed since the last build or not."""

    def timeless(log: str) -> str:
        return re.sub(r"built in [0-9.]+ seconds", "built in N seconds", log)

    hook = small.root / "hooks" / "metaphor.py"
    for mark in ("first", "second"):
        hook.write_text(
            hook.read_text(encoding="utf-8") + f'\nlog.warning("this copy\'s hooks, {mark}")\n', encoding="utf-8"
        )
        served = small.build()
        alone = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(small.site)],
            cwd=small.root,
            env=build_environment(env={"NO_MKDOCS_2_WARNING": "1"}),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert (served.returncode, served.stdout) == (alone.returncode, alone.stdout)
        assert timeless(served.stderr) == timeless(alone.stderr)
        assert f"WARNING -  metaphor: this copy's hooks, {mark}\n" in served.stderr
        assert "Documentation built in" in served.stderr
