"""Build hook: keep the theme's templates compiled between builds.

MkDocs makes a new Jinja environment for every build, so every build (each rebuild under
``mkdocs serve`` too) compiles Material's templates and ours again: about a sixth of a build here.
Jinja's own bytecode cache keeps each template compiled in ``.cache/theme/``, under a hash of its
name and checked against its source, so a changed template is compiled afresh. The metaphor hook's
autoescaping environment keeps its own (``.cache/templates/``): the same template compiles
differently there.
"""

from __future__ import annotations

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from pages.build_state import cache_folder


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Give the theme's environment a bytecode cache (none where the folder cannot be written)."""
    folder = cache_folder(config, "theme")
    if folder is not None:
        env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env
