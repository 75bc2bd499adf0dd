"""The stylesheets a page loads (assets/stylesheets/pages/<kind>.css), as shipped: minified by rcssmin.

Each is a static template that includes its components' CSS in cascade order. The component files
keep their comments for the people who edit them; readers' browsers get the rules alone, which keeps
every page within its budget of own code (tests/test_assets.py) without a build step of JavaScript.
"""

from __future__ import annotations

import rcssmin
from jinja2 import Environment

FILTER = "minified"  # the name the templates in assets/stylesheets/pages/ use


def minified(css: str) -> str:
    """Return ``css`` without comments or the whitespace rules do not need."""
    return rcssmin.cssmin(css) + "\n"


def add_filter(env: Environment) -> Environment:
    """Give the theme's environment the filter the page stylesheets are rendered through."""
    env.filters[FILTER] = minified
    return env
