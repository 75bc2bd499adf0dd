"""The code stays lint-clean: Python by ruff (pyproject.toml), JavaScript by eslint and CSS by stylelint
(npm, pinned; eslint.config.cjs and stylelint.config.cjs)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

# The code's own checks: not part of the quick check (`scripts/test --quick`), which checks the data.
pytestmark = pytest.mark.lint

PATHS = ["hooks", "tests", "scripts/benchmark.py", "scripts/check_mapping.py"]


def ruff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ruff", *args, *PATHS], cwd=ROOT, capture_output=True, text=True)


def test_ruff_finds_nothing() -> None:
    result = ruff("check", "--no-cache")
    assert result.returncode == 0, result.stdout


def test_code_is_formatted() -> None:
    result = ruff("format", "--check", "--no-cache")
    assert result.returncode == 0, result.stdout


# ---------------------------------------------------------------- JavaScript and CSS (npm, pinned)

ASSETS = ROOT / "overrides" / "assets"


def node_tool(name: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run a linter from node_modules/.bin (installed by `npm ci`), from the project's root."""
    binary = ROOT / "node_modules" / ".bin" / name
    assert binary.exists(), f"{binary.relative_to(ROOT)} is missing: run `npm ci` (scripts/test does)"
    return subprocess.run([str(binary), *args], cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=300)


def test_eslint_finds_nothing_in_the_scripts() -> None:
    result = node_tool("eslint", "--max-warnings", "0", "overrides/assets/javascripts")
    assert result.returncode == 0, result.stdout + result.stderr


def test_stylelint_finds_nothing_in_the_component_stylesheets() -> None:
    result = node_tool("stylelint", "--max-warnings", "0", "overrides/assets/stylesheets/*.css")
    assert result.returncode == 0, result.stdout + result.stderr


def test_stylelint_finds_nothing_in_each_pages_combined_stylesheet(tmp_path: Path) -> None:
    """Where the components meet, a selector defined in two of them is caught (no-duplicate-selectors).

    Each page's stylesheet is linted as its template combines the components, before it is minified.
    """
    folder = ROOT / "overrides" / "assets" / "stylesheets"
    bundles = []
    for template in sorted((folder / "pages").glob("*.css")):
        parts = re.findall(r'\{% include "assets/stylesheets/([a-z-]+\.css)" %\}', template.read_text("utf-8"))
        bundle = tmp_path / template.name
        bundle.write_text("\n".join((folder / part).read_text("utf-8") for part in parts), encoding="utf-8")
        bundles.append(bundle)
    assert [b.stem for b in bundles] == ["deck", "explorer", "kit", "print", "read"]
    result = node_tool("stylelint", "--config", str(ROOT / "stylelint.config.cjs"), *map(str, bundles))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_linters_catch_what_they_are_here_for(tmp_path: Path) -> None:
    """A rule pasted into a selector list, a breakpoint that is not Material's, a breakpoint in JS."""
    pasted = tmp_path / "pasted.css"
    pasted.write_text(
        "@media print {\n  .md-typeset .mx-a,\n  .md-typeset .mx-b {\n  color: red;\n}\n\n"
        ".md-typeset .mx-c {\n    display: none;\n  }\n}\n\n"
        "@media screen and (min-width: 40em) {\n  .mx-d {\n    color: red;\n  }\n}\n",
        encoding="utf-8",
    )
    css = node_tool("stylelint", "--config", str(ROOT / "stylelint.config.cjs"), str(pasted))
    assert css.returncode != 0
    report = css.stdout + css.stderr
    assert "@stylistic/indentation" in report and 'Unexpected value "40em"' in report
    probe = '(() => {\n  "use strict";\n  window.matchMedia("(max-width: 59.9375em)");\n})();\n'
    js = node_tool("eslint", "--stdin", "--stdin-filename", "overrides/assets/javascripts/probe.js", stdin=probe)
    assert js.returncode != 0 and "Do not copy a breakpoint into JavaScript" in js.stdout + js.stderr


def test_each_custom_property_is_defined_in_one_component() -> None:
    """One name, one meaning: a --mx- colour set in two files (as --mx-muted once was) is an error."""
    defined: dict[str, set[str]] = {}
    for path in sorted((ASSETS / "stylesheets").glob("*.css")):
        for name in re.findall(r"(--mx-[a-z0-9-]+)\s*:", path.read_text(encoding="utf-8")):
            defined.setdefault(name, set()).add(path.name)
    assert defined, "no custom properties found"
    assert {name: files for name, files in defined.items() if len(files) > 1} == {}


def test_no_test_module_imports_another() -> None:
    """Shared helpers live in conftest.py and the helper modules; a test module is never imported."""
    imports = re.compile(r"^(?:from|import) (test_\w+)", re.M)
    found = {
        path.name: imports.findall(path.read_text(encoding="utf-8")) for path in sorted((ROOT / "tests").glob("*.py"))
    }
    assert {name: modules for name, modules in found.items() if modules} == {}
    assert len(found) > 10
