"""The stylesheets a page loads (assets/stylesheets/pages/<kind>.css), as shipped: without comments.

Each is a static template that includes its components' CSS in cascade order. The component files
keep their comments for the people who edit them; readers' browsers get the rules alone, which keeps
every page within its budget of own code (tests/test_assets.py) without a build step of JavaScript.
"""

from __future__ import annotations

import re

from jinja2 import Environment

FILTER = "without_comments"  # the name the templates in assets/stylesheets/pages/ use
_COMMENT_LINES = re.compile(r"^[ \t]*/\*.*?\*/[ \t]*\n", re.S | re.M)  # a comment on lines of its own
_COMMENT = re.compile(r"[ \t]*/\*.*?\*/", re.S)  # one after a rule on the same line
_BLANK = re.compile(r"\n\s*\n(\s*\n)+")


def without_comments(css: str) -> str:
    """Return ``css`` without its comments, and without the runs of blank lines they leave."""
    return _BLANK.sub("\n\n", _COMMENT.sub("", _COMMENT_LINES.sub("", css))).strip() + "\n"


def add_filter(env: Environment) -> Environment:
    """Give the theme's environment the filter the page stylesheets are rendered through."""
    env.filters[FILTER] = without_comments
    return env
