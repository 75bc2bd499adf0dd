"""Build hook: send each page without the indentation its templates leave between tags.

The theme's templates and ours indent their markup for people to read; a browser ignores the
indentation, but it still travels: about a tenth of a page's bytes, which every reader downloads
before the page can show (no compression from the simplest servers, such as `python -m http.server`
or a USB stick). Only whitespace that starts a line is dropped, and never inside <pre>, <textarea>,
<script> or <style>, where it can matter; a line break stays, so words never run together.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

_KEEP = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_INDENT = re.compile(r"\n[ \t]+")


def compact(html: str) -> str:
    """Return ``html`` with the indentation at the start of each line removed, outside pre, textarea, script, style."""
    parts = _KEEP.split(html)  # text, then for each kept element: the element and its tag name
    kept = (part if index % 3 else _INDENT.sub("\n", part) for index, part in enumerate(parts) if index % 3 != 2)
    return "".join(kept)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Compact each page as it is written."""
    return compact(output)
