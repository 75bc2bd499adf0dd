"""The pages' scripts (overrides/assets/javascripts/*.js) as shipped: minified by rjsmin.

As with the page stylesheets (stylesheets.py), the files keep their comments and layout for the
people who edit them, and readers' browsers get the code alone, which keeps every page within its
budget of own code (tests/test_assets.py) without a build step of JavaScript. rjsmin keeps strings,
template literals and regular expressions as they are; a test checks that each shipped script is
the minified source and still parses.
"""

from __future__ import annotations

from pathlib import Path

import rjsmin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

FOLDER = "assets/javascripts/"


def minified(script: str) -> str:
    """Return ``script`` as shipped: without comments or the whitespace code does not need."""
    return rjsmin.jsmin(script) + "\n"


def ship_scripts(files: Files, config: MkDocsConfig) -> None:
    """Replace each of our scripts among the theme's files with its minified text."""
    overrides = Path(config.theme.custom_dir or "").resolve()
    for file in list(files):
        if not (file.src_uri.startswith(FOLDER) and file.src_uri.endswith(".js")) or file.generated_by:
            continue
        source = Path(file.abs_src_path or "")
        if overrides not in source.resolve().parents:
            continue  # the theme's own scripts stay as Material ships them
        files.remove(file)
        files.append(File.generated(config, file.src_uri, content=minified(source.read_text("utf-8"))))
