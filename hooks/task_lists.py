"""Build hook: give each checkbox of a Markdown task list (pymdownx.tasklist) its item's text as its label.

pymdownx wraps only the checkbox in its <label>, so a screen reader announces an unnamed checkbox
(axe-core: "Form elements must have labels"). Moving the item's own text inside that label names
the checkbox with the words beside it; nothing is added to the page.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

_ITEM = re.compile(
    r'(<label class="task-list-control">)(<input[^>]*>)(<span class="task-list-indicator"></span>)</label>\s*'
    r"(.*?)(?=<ul|<ol|</li>)",
    re.S,
)


def label_task_lists(html: str) -> str:
    """Return ``html`` with each task-list item's text inside its checkbox's label."""
    return _ITEM.sub(r'\1\2\3 <span class="task-list-text">\4</span></label>', html)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Label the task lists of every page."""
    return label_task_lists(html)
