"""Site-wide promises: descriptions, credit, no other hosts, and live rebuilds under `mkdocs serve`."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import Project, parse

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
        meta = parse(path).select_one('meta[name="description"]')
        assert meta is not None and len(meta["content"]) > 40, path
        descriptions[path.relative_to(built.site).as_posix()] = meta["content"]
    assert len(set(descriptions.values())) == len(descriptions), descriptions


def test_every_page_credits_the_author_and_links_the_original(built: Project) -> None:
    for path in pages(built):
        page = parse(path)
        footer = page.select_one("footer .md-copyright")
        credit = footer if footer is not None else page.select_one(".mx-slide--title .mx-slide__credit")
        assert credit is not None, path
        assert "Sarah Allen" in credit.get_text(), path
        assert credit.select_one(f'a[href="{ORIGINAL}"]') is not None, path


def test_no_page_or_stylesheet_loads_anything_from_another_host(built: Project) -> None:
    checked = 0
    for path in built.site.rglob("*.html"):
        page = parse(path)
        for selector, attribute in LOADERS.items():
            for element in page.select(f"{selector}[{attribute}]"):
                assert not re.match(r"(?:https?:)?//", element[attribute]), (path, element)
                checked += 1
    for path in built.site.rglob("*.css"):
        assert not CSS_REMOTE.search(path.read_text(encoding="utf-8")), path
    assert checked > 20


def test_the_mapping_itself_is_not_published(built: Project) -> None:
    assert not (built.site / "metaphors.yml").exists()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def test_mkdocs_serve_rebuilds_glossary_explorer_and_deck_when_the_mapping_changes(project: Project) -> None:
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project.root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    pages = [f"http://127.0.0.1:{port}/{page}/" for page in ("glossary", "explorer", "deck")]
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                before = [fetch(url) for url in pages]
                break
            except OSError:
                assert time.monotonic() < deadline, "mkdocs serve did not start"
                time.sleep(0.2)
        assert not any("The runbook, edited live" in page for page in before)
        text = project.mapping.read_text(encoding="utf-8")
        project.mapping.write_text(
            text.replace('term: "The runbook"', 'term: "The runbook, edited live"'), encoding="utf-8"
        )
        deadline = time.monotonic() + 20
        while not all("The runbook, edited live" in fetch(url) for url in pages):
            assert time.monotonic() < deadline, "the pages were not rebuilt after the mapping changed"
            time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(timeout=10)
