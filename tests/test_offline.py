"""The offline copy (scripts/offline): opened from file:// with every non-file request blocked.

Each visit records any request that is not a file:// one (and aborts it); the fixture asserts the
count is 0 and that no console error happened.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import FIRST, ROOT, Project, Visit, copy_project, parsed, ran_once, search_for


@pytest.fixture(scope="session")
def offline_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """Run the documented command into a scratch folder, without its installs (scripts/test made them),
    as someone would who has not set SITE_URL."""

    def run(folder: Path) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [str(ROOT / "scripts" / "offline"), "--no-install", str(folder / "site")],
            cwd=ROOT,
            env={name: value for name, value in os.environ.items() if name != "SITE_URL"},
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result

    folder, result = ran_once(tmp_path_factory, "offline", run)
    return folder / "site", result


@pytest.fixture(scope="session")
def offline(offline_run: tuple[Path, subprocess.CompletedProcess[str]]) -> Path:
    return offline_run[0]


@pytest.fixture
def local(open_browser: object) -> Visit:
    return open_browser(viewport={"width": 1280, "height": 800}, search=True)


def url(site: Path, page: str) -> str:
    path, _, rest = page.partition("?")
    anchor = ""
    if "#" in path:
        path, anchor = path.split("#", 1)
        anchor = "#" + anchor
    query = f"?{rest}" if rest else ""
    if "#" in query:
        query, anchor = query.split("#", 1)
        anchor = "#" + anchor
    return (site / path).as_uri() + query + anchor


def test_the_command_makes_a_folder_and_a_zip_that_name_no_other_host(offline: Path) -> None:
    archive = offline.with_name("site.zip")
    names = zipfile.ZipFile(archive).namelist()
    pages = ("index.html", "essay.html", "explorer.html", "deck.html", "handout.html", "cards.html", "plan.html")
    for page in (*pages, "scenarios.html", "sheets.html", "runbook.html"):
        assert f"site/{page}" in names
    assert "site/search/search_index.js" in names
    assert "site/assets/javascripts/vendor/iframe-worker/shim.js" in names
    for page in offline.glob("*.html"):
        html = parsed(page)
        for element in html.select("script[src], link[rel~=stylesheet][href], img[src]"):
            target = element.get("src") or element.get("href")
            assert not re.match(r"(?:https?:)?//", target), (page.name, target)


def test_navigation_and_search_work_from_file(local: Visit, offline: Path) -> None:
    page = local.page
    page.goto(url(offline, "index.html"))
    page.locator(".md-nav__link", has_text="Essay").first.click()
    page.wait_for_url(re.compile(r"/essay\.html$"))
    assert page.locator("#p-07").is_visible()
    # Search runs in the polyfill's frame, whose inline script the page's policy allows by its hash (hooks/csp.py);
    # the Visit fails on any violation.
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    link = search_for(page, "runbook")
    target = link.get_attribute("href")
    assert re.search(r"\.html\?h=runbook(#|$)", target), target  # offline links name files, not folders
    link.click()
    page.wait_for_function("target => location.href === target", arg=target)
    assert "runbook" in page.locator("article").first.text_content().lower()
    assert local.external == []


def test_the_explorer_works_from_file(local: Visit, offline: Path, mapping: dict) -> None:
    page = local.page
    page.goto(url(offline, "explorer.html#fast-and-safe&dir=sexism"))
    page.locator("[data-explorer-controls]").wait_for(state="visible")
    assert page.locator("article[data-entry-id]:visible").get_attribute("data-entry-id") == "fast-and-safe"
    other = mapping["entries"][0]["id"]
    page.locator(f'button[data-entry="{other}"]').first.click()
    assert page.evaluate("location.hash") == f"#{other}&dir=sexism"
    page.go_back()
    page.wait_for_function("() => location.hash === '#fast-and-safe&dir=sexism'")


def test_the_deck_and_presenter_view_stay_in_step_from_file(local: Visit, offline: Path) -> None:
    audience = local.page
    audience.goto(url(offline, f"deck.html?preset=short#{FIRST}"))
    audience.wait_for_function("() => performance.getEntriesByName('mx-deck:ready').length > 0")
    with local.context.expect_page() as opened:
        audience.keyboard.press("s")
    presenter = opened.value
    presenter.wait_for_function("() => performance.getEntriesByName('mx-deck:ready').length > 0")
    assert presenter.url.startswith("file://") and "view=presenter" in presenter.url
    assert presenter.locator("[data-presenter-notes]").text_content()
    audience.keyboard.press("ArrowRight")
    presenter.wait_for_function(f"() => location.hash === '#{FIRST}.1'")
    # The short session's scenario: its injects, one at a time, in both windows.
    scenario = audience.locator("[data-slide]:not([hidden])").evaluate_all(
        "ss => ss.findIndex(s => s.dataset.scenarioSlide) + 1"
    )
    assert scenario > 4
    audience.evaluate("n => { location.hash = '#' + n; }", scenario)
    audience.wait_for_function("n => location.hash === '#' + n", arg=scenario)
    audience.keyboard.press("PageDown")
    presenter.wait_for_function("n => location.hash === '#' + n + '.1'", arg=scenario)
    assert presenter.locator('[data-presenter-notes] [data-step-notes="1"]').is_visible()
    assert presenter.locator('[data-presenter-notes] [data-step-notes="2"]').is_hidden()
    presenter.keyboard.press("End")
    audience.wait_for_function(
        "() => document.querySelector('[data-slide].is-current').dataset.title === 'One goal each'"
    )
    presenter.close()


def test_the_plan_and_printables_work_from_file(local: Visit, offline: Path, mapping: dict) -> None:
    page = local.page
    page.goto(url(offline, "plan.html"))
    short = next(p for p in mapping["workshop"]["presets"] if p["id"] == "short")
    page.get_by_role("button", name=f"{short['minutes']}-minute session").click()
    page.get_by_role("button", name="Handout").click()
    page.wait_for_url(re.compile(r"/handout\.html\?m="))
    page.wait_for_function("() => document.querySelector('[data-module=mx-selection]').dataset.started")
    shown = page.locator("tr[data-entry-id]:visible").evaluate_all("rs => rs.map(r => r.dataset.entryId)")
    assert sorted(shown) == sorted(short["entries"])
    runs = page.locator("li[data-scenario]:visible").evaluate_all("xs => xs.map(x => x.dataset.scenario)")
    assert runs == short["scenarios"]
    page.go_back()
    long = next(p for p in mapping["workshop"]["presets"] if p["id"] == "long")
    page.get_by_role("button", name=f"{long['minutes']}-minute session").click()
    page.get_by_role("button", name="Scenario sheets").click()
    page.wait_for_url(re.compile(r"/sheets\.html\?m="))
    page.wait_for_function("() => document.querySelector('[data-module=mx-sheets]').dataset.started")
    sheets = page.locator("section[data-scenario]:visible").evaluate_all("ss => ss.map(s => s.dataset.scenario)")
    assert sheets == long["scenarios"]
    page.goto(url(offline, "cards.html"))
    assert page.pdf(format="A4")[:4] == b"%PDF"
    page.goto(url(offline, "guide.html?preset=long"))
    page.locator("[data-module=mx-agenda]").wait_for(state="visible")
    assert page.locator("[data-module=mx-agenda] [data-agenda-total]").text_content() == str(long["minutes"])


def test_a_copy_built_without_site_url_warns_and_prints_no_address(
    offline_run: tuple[Path, subprocess.CompletedProcess[str]], local: Visit, mapping: dict
) -> None:
    """An address on this machine (the default) would be wrong on paper and in a pasted citation."""
    site, result = offline_run
    assert result.stderr.startswith("warning: SITE_URL is not set: the handout, the last slide and citations")
    assert "site_url is http://127.0.0.1:8000/, an address on this machine" in result.stderr  # the build says it too
    handout = parsed(site / "handout.html").select_one(".mx-handout__credit").get_text()
    assert re.sub(r"\s+", " ", handout).strip().endswith("Companion material CC BY-SA 4.0")
    closing = parsed(site / "deck.html").select_one(".mx-slide--closing .mx-slide__credit").get_text()
    assert closing.endswith("companion material under CC BY-SA 4.0")
    entry = mapping["entries"][0]
    local.page.goto(url(site, f"explorer.html#{entry['id']}"))
    citation = local.page.locator(f"#{entry['id']} [data-explorer-citation]")
    assert citation.text_content().endswith("(2018).")  # what "Copy citation" copies from file://
    for page in site.glob("*.html"):
        body = parsed(page).select_one("body")
        assert "127.0.0.1" not in body.get_text(), page.name


def test_the_scenarios_and_the_runbook_work_from_file(local: Visit, offline: Path, tmp_path: Path) -> None:
    page = local.page
    page.goto(url(offline, "scenarios.html"))
    page.wait_for_function("() => performance.getEntriesByName('mx-scenarios:ready').length > 0")
    page.get_by_role("button", name="Draw a scenario").click()
    drawn = page.locator("[data-module=mx-scenarios]").get_attribute("data-drawn")
    drill = page.locator(f"article[data-scenario={drawn}]")
    drill.get_by_role("button", name="Run as a drill").click()
    assert drill.locator("[data-inject]:visible").count() == 0  # the setting first
    drill.get_by_role("button", name="Reveal what happens next").click()
    assert drill.locator("[data-inject]:visible").count() == 1
    assert drill.locator("[data-drill-timer]").text_content().endswith(" left")
    # The runbook keeps what is written in this browser, also for a page opened from a file.
    page.goto(url(offline, "runbook.html"))
    page.wait_for_function("() => performance.getEntriesByName('mx-runbook:ready').length > 0")
    prepare = page.locator('[data-runbook-section="prepare"]')
    prepare.get_by_role("textbox").fill("Dana in People Ops")
    prepare.get_by_role("button", name="Add", exact=True).click()
    page.reload()
    page.wait_for_function("() => performance.getEntriesByName('mx-runbook:ready').length > 0")
    assert prepare.locator("[data-runbook-items] li").count() == 1
    with page.expect_download() as download:
        page.get_by_role("link", name="Download Markdown").click()
    saved = tmp_path / "runbook.md"
    download.value.save_as(saved)
    assert "\n- Dana in People Ops\n" in saved.read_text(encoding="utf-8")
    assert local.external == []


# ---------------------------------------------------------------- issue 16: the offline copy, offered


@pytest.fixture(scope="session")
def released(offline: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as scripts/release makes it: built knowing its offline copy's name and size, the zip beside it."""
    archive = offline.with_name("site.zip")

    def release(folder: Path) -> subprocess.CompletedProcess[str]:
        project = copy_project(folder / "project")
        project.built(env={"OFFLINE_ZIP": "offline.zip", "OFFLINE_ZIP_BYTES": str(archive.stat().st_size)})
        shutil.copyfile(archive, project.site / "offline.zip")
        return project.result

    folder, _ = ran_once(tmp_path_factory, "released", release)
    return folder / "project" / "site"


def test_the_released_site_offers_its_offline_copy_from_the_guide_and_the_plan(released: Path, offline: Path) -> None:
    megabytes = f"{offline.with_name('site.zip').stat().st_size / 1_000_000:.1f} MB zip"
    for page in ("guide", "plan"):
        note = parsed(released / page / "index.html").select_one("[data-offline]")
        link = note.select_one("a[download]")
        assert link.get_text() == "Download the offline copy" and megabytes in note.get_text()
        assert "A plan made here does not come with it" in note.get_text()
        assert (released / page / link["href"]).resolve() == (released / "offline.zip").resolve()
        assert zipfile.is_zipfile(released / page / link["href"])
    release = (ROOT / "scripts" / "release").read_text(encoding="utf-8")
    assert 'cp "$out/offline.zip" "$out/site/offline.zip"' in release  # what this fixture does, the script does


def test_a_build_that_publishes_no_copy_says_how_to_make_one_and_the_copy_says_what_it_is(
    built: Project, offline: Path
) -> None:
    for page in ("guide", "plan"):
        note = built.page(f"{page}/index.html").select_one("[data-offline]")
        assert note.select_one("a") is None and "scripts/offline" in note.get_text()
    here = parsed(offline / "plan.html").select_one("[data-offline]")
    assert here.get_text(" ", strip=True).startswith("This is the offline copy of the site")


def test_the_zip_unpacked_works_from_file_with_search_and_the_presenter_view(
    local: Visit, released: Path, tmp_path: Path
) -> None:
    with zipfile.ZipFile(released / "offline.zip") as archive:
        archive.extractall(tmp_path)
    unpacked = tmp_path / "site"
    page = local.page
    page.goto(url(unpacked, "index.html"))
    search_for(page, "blameless")
    page.goto(url(unpacked, "deck.html?preset=short#1"))
    page.wait_for_function("() => performance.getEntriesByName('mx-deck:ready').length > 0")
    with local.context.expect_page() as opened:
        page.keyboard.press("s")
    presenter = opened.value
    presenter.wait_for_function("() => performance.getEntriesByName('mx-deck:ready').length > 0")
    page.keyboard.press("PageDown")
    presenter.wait_for_function("() => location.hash === '#2'")
    assert presenter.locator("[data-presenter-pace]").text_content() == "On time"  # the clock started on the move
    presenter.close()
    assert local.external == []
