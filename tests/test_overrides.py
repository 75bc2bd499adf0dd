"""Theme partials copied into overrides/ stay identical to the theme's, but for their stated change."""

from __future__ import annotations

from pathlib import Path

import material

from conftest import ROOT

THEME = Path(material.__file__).parent / "templates"
DIALOG = '<div class="md-search" data-md-component="search" role="dialog"'


def body(text: str) -> str:
    """Drop the leading Jinja comment block that explains (or marks) a template."""
    return text.split("-#}\n", 1)[1] if text.startswith("{#-") else text


def test_the_search_partial_differs_from_the_theme_only_by_the_dialog_name() -> None:
    ours = body((ROOT / "overrides" / "partials" / "search.html").read_text(encoding="utf-8"))
    theirs = body((THEME / "partials" / "search.html").read_text(encoding="utf-8"))
    assert DIALOG + ">" in theirs, "Material's search partial changed: update overrides/partials/search.html"
    assert ours == theirs.replace(DIALOG + ">", DIALOG + " aria-label=\"{{ lang.t('search') }}\">")
