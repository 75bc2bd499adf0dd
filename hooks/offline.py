"""Build hook: make the offline build (Material's offline plugin) need no network at all.

The offline plugin adds a polyfill from unpkg.com so that search runs from file://. This hook
points that polyfill at a local copy of the same npm package (pinned in package.json and
installed by `npm ci`), and publishes the file with the site. Online builds are left alone.
"""

from __future__ import annotations

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
