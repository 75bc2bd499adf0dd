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
    assert len(pages) == 15 + len(mapping["entries"])
    result = subprocess.run(
        [str(binary), "--config", str(ROOT / "html-validate.config.cjs"), "--formatter", "text", *pages],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
