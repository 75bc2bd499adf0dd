"""Build hook: which of our scripts and stylesheets each page loads, and what of them is published.

The templates ask pages/components (registered here as template globals) which files a page's
components need. Our components' stylesheets (overrides/assets/stylesheets/*.css) are combined into
one stylesheet per kind of page (assets/stylesheets/pages/, static templates), so they are published
only inside those.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from pages.components import TEMPLATE_GLOBALS


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Leave out our components' stylesheets: the page stylesheets hold them."""
    ours = Path(config.theme.custom_dir or "", "assets", "stylesheets").resolve()
    for file in list(files):
        if file.src_uri.startswith("assets/stylesheets/") and file.src_uri.count("/") == 2 and file.abs_src_path:
            if file.src_uri.endswith(".css") and Path(file.abs_src_path).resolve().parent == ours:
                files.remove(file)
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Let the theme's templates ask which of our scripts and stylesheet a page loads."""
    env.globals.update(TEMPLATE_GLOBALS)
    return env
