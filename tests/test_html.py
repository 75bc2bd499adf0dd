"""Every built page is valid HTML by html-validate (npm, pinned), with the settings in html-validate.config.cjs."""

from __future__ import annotations

import shutil
import subprocess

from conftest import ROOT, Project


def test_html_validate_finds_no_errors_in_any_page(built: Project, mapping: dict) -> None:
    binary = ROOT / "node_modules" / ".bin" / "html-validate"
    assert binary.exists() or shutil.which("npm"), "run `npm ci` (scripts/test does)"
    pages = sorted(str(p) for p in built.site.rglob("*.html"))
    # 404, home, essay, glossary, explorer, guide, plan, run sheet, deck, handout, cards, scenarios, sheets,
    # runbook, about, and a page per pairing
    assert len(pages) == 16 + len(mapping["entries"])
    result = subprocess.run(
        [str(binary), "--config", str(ROOT / "html-validate.config.cjs"), "--formatter", "text", *pages],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_lists_drawn_without_markers_keep_their_list_role(built: Project) -> None:
    """Safari with VoiceOver stops announcing a list styled `list-style: none` as a list unless it says
    role="list" (html-validate.config.cjs allows that role)."""
    lists = {
        "essay/": ["ol.mx-marks__passages", "ul.mx-marks__list"],
        "glossary/": [".mx-glossary__phases ul"],
        "scenarios/": ["ol.mx-scenario__injects"],
        "runbook/": ["ul.mx-runbook__items"],
        "deck/": ["ol.mx-deck__overview-list"],
    }
    for page, selectors in lists.items():
        html = built.page(page)
        for selector in selectors:
            found = html.select(selector)
            assert found and all(element.get("role") == "list" for element in found), (page, selector)
