"""Build hook: make the offline build (Material's offline plugin) need no network at all.

The offline plugin adds a polyfill from unpkg.com so that search runs from file://. This hook
points that polyfill at a local copy of the same npm package (pinned in package.json and
installed by `npm ci`), and publishes the file with the site. Online builds are left alone. It also
says which inline script the polyfill runs, for the pages' Content-Security-Policy (hooks/csp.py).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from pages.build_state import offline_build

SHIM_SOURCE = Path("node_modules") / "iframe-worker" / "shim" / "index.js"
SHIM = "assets/javascripts/vendor/iframe-worker/shim.js"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Swap the offline plugin's remote polyfill for the local copy."""
    if offline_build(config):
        polyfills = config.extra.get("polyfills", [])
        config.extra["polyfills"] = [SHIM if "iframe-worker" in str(script) else script for script in polyfills]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Publish the local polyfill with an offline build."""
    if not offline_build(config):
        return files
    source = Path(config.config_file_path or ".").resolve().parent / SHIM_SOURCE
    if not source.is_file():
        raise PluginError(f"The offline build needs {SHIM_SOURCE.as_posix()}: run `npm ci` (scripts/offline does).")
    files.append(File.generated(config, SHIM, abs_src_path=str(source)))
    return files


# The polyfill runs the search worker in a hidden frame, which it writes with an inline script of its own
# (its two helper functions' source, and the worker's address as the page gives it). The frame inherits the
# page's Content-Security-Policy, so that script runs only if the policy names its hash (hooks/csp.py).
_FRAME_HTML = re.compile(r"document\.write\(`(?P<html>.*?)`\)", re.S)
_FRAME_SCRIPT = re.compile(r"<script>(?P<body>.*?)<\\/script>", re.S)
_PLACEHOLDER = re.compile(r"\$\{(?P<name>\w+)\}")
_WORKER = re.compile(r'"search":\s*"(?P<url>[^"]+)"')


def search_frame_script(config: MkDocsConfig, page_html: str) -> str | None:
    """Return the inline script the polyfill will write into its frame on this page of the offline copy
    (None for any other build, or a page without search)."""
    worker = _WORKER.search(page_html)
    if not offline_build(config) or not worker:
        return None
    return _frame_script(str(Path(config.config_file_path or ".").resolve().parent / SHIM_SOURCE), worker["url"])


@functools.cache
def _frame_script(shim_path: str, worker_url: str) -> str:
    """The frame's script for one address of the worker (a page's depth gives it): worked out once per build."""
    shim = Path(shim_path).read_text(encoding="utf-8")
    template = _FRAME_SCRIPT.search(_FRAME_HTML.search(shim)["html"])["body"]
    # ${name} is one of the polyfill's functions (its source, as the browser prints it) or the worker's address.
    return _PLACEHOLDER.sub(lambda m: _function_source(shim, m["name"]) or worker_url, template)


def _function_source(source: str, name: str) -> str | None:
    """Return the text of `function name(...) {...}` in `source` (braces counted), or None if it has none."""
    start = source.find(f"function {name}(")
    if start < 0:
        return None
    depth = 0
    for at in range(source.index("{", start), len(source)):
        depth += {"{": 1, "}": -1}.get(source[at], 0)
        if depth == 0:
            return source[start : at + 1]
    return None
