"""The pages' scripts (overrides/assets/javascripts/*.js) as shipped: without their comments.

As with the page stylesheets (stylesheets.py), the files keep their comments for the people who
edit them, and readers' browsers get the code alone, which keeps every page within its budget of
own code (tests/test_assets.py) without a build step of JavaScript. Only a comment on lines of its
own goes (a file's header, a doc comment, a `//` line), never one after code, so nothing inside a
string or a regular expression is touched; our scripts hold no string that spans lines (a test
checks that each shipped script still parses).
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

FOLDER = "assets/javascripts/"
# A block comment (up to its first */) or a // comment, alone on its lines.
_COMMENT_LINES = re.compile(r"^[ \t]*(?:/\*(?:[^*]|\*(?!/))*\*/|//[^\n]*)[ \t]*\n", re.M)


def without_comments(script: str) -> str:
    """Return ``script`` without the comments that stand on lines of their own."""
    return _COMMENT_LINES.sub("", script)


def ship_scripts(files: Files, config: MkDocsConfig) -> None:
    """Replace each of our scripts among the theme's files with its text without comments."""
    overrides = Path(config.theme.custom_dir or "").resolve()
    for file in list(files):
        if not (file.src_uri.startswith(FOLDER) and file.src_uri.endswith(".js")) or file.generated_by:
            continue
        source = Path(file.abs_src_path or "")
        if overrides not in source.resolve().parents:
            continue  # the theme's own scripts stay as Material ships them
        files.remove(file)
        files.append(File.generated(config, file.src_uri, content=without_comments(source.read_text("utf-8"))))
