"""The Python code stays ruff-clean and ruff-formatted (settings in pyproject.toml)."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT

PATHS = ["hooks", "tests", "scripts/benchmark.py", "scripts/check_mapping.py"]


def ruff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ruff", *args, *PATHS], cwd=ROOT, capture_output=True, text=True)


def test_ruff_finds_nothing() -> None:
    result = ruff("check", "--no-cache")
    assert result.returncode == 0, result.stdout


def test_code_is_formatted() -> None:
    result = ruff("format", "--check", "--no-cache")
    assert result.returncode == 0, result.stdout


def test_no_test_module_imports_another() -> None:
    """Shared helpers live in conftest.py and the helper modules; a test module is never imported."""
    imports = re.compile(r"^(?:from|import) (test_\w+)", re.M)
    found = {
        path.name: imports.findall(path.read_text(encoding="utf-8")) for path in sorted((ROOT / "tests").glob("*.py"))
    }
    assert {name: modules for name, modules in found.items() if modules} == {}
    assert len(found) > 10
