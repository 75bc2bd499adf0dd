"""The state of one build, typed: the settings it runs with, and what its events have made so far.

MkDocs calls a hook's events as plain functions, and `mkdocs serve` keeps hook modules loaded from
one build to the next. So what one event makes for later ones sits in a ``Stage``: every build
empties every stage first, fills each once, and reading a stage before this build has filled it
is a bug in the hook, not a user's mistake. Only the ``Session`` (which command is running, from
``on_startup``) lives as long as the process, because that is what it describes.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

T = TypeVar("T")

# How much of the essay the site publishes: the full text (the default), or the site's outline of it,
# for a deployment without the author's permission (ESSAY_TEXT=excerpts, see mkdocs.yml).
ESSAY_TEXTS = ("full", "excerpts")


@dataclass
class Session:
    """The command this process runs (`build`, `serve`, `gh-deploy`), as MkDocs tells ``on_startup``."""

    command: str = "build"

    @property
    def serving(self) -> bool:
        """Tell whether a dev server shows the builds (then problems go to the browser too)."""
        return self.command == "serve"


@dataclass(frozen=True)
class Settings:
    """What one build was asked for, checked before anything is read."""

    essay_text: str
    serving: bool
    strict: bool
    site_address: str = ""  # printed on the handout, the last slide and citations; "" when not known
    offline: dict[str, Any] | None = None  # this build's offline copy: {"zip", "bytes"} or {"here": True}

    @property
    def outline(self) -> bool:
        """Tell whether the essay page shows the site's outline instead of the essay (ESSAY_TEXT=excerpts)."""
        return self.essay_text == "excerpts"

    @classmethod
    def read(cls, config: MkDocsConfig, session: Session) -> Settings:
        """Return this build's settings, or raise PluginError for a value the site does not know."""
        essay_text = str(config.extra.get("essay_text") or "full")
        if essay_text not in ESSAY_TEXTS:
            raise PluginError(
                f"ESSAY_TEXT (extra.essay_text in mkdocs.yml) is '{essay_text}': use 'full' (the whole essay) "
                "or 'excerpts' (the site's outline of the essay, with a few short quotations and links to the original)"
            )
        site_url = str(config.site_url or "")
        offline = None
        if offline_build(config):
            offline = {"here": True}  # this build is the offline copy itself
        elif config.extra.get("offline_zip"):
            offline = {
                "zip": str(config.extra["offline_zip"]),
                "bytes": int(config.extra.get("offline_zip_bytes") or 0),
            }
        return cls(
            essay_text=essay_text,
            serving=session.serving,
            strict=bool(config.strict),
            site_address="" if is_local(site_url) and not session.serving else site_url,
            offline=offline,
        )


def cache_folder(config: MkDocsConfig, name: str) -> Path | None:
    """Return ``.cache/<name>/`` beside mkdocs.yml, made if need be (None where it cannot be written: then
    nothing is kept, and every build does the work again). What is kept there is keyed by its content:
    deleting the folder is always safe."""
    folder = Path(config.config_file_path or "mkdocs.yml").resolve().parent / ".cache" / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder


def is_local(url: str) -> bool:
    """Tell whether ``url`` is on this machine (localhost, 127.0.0.0/8, ::1): nobody else can open it."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Stage(Generic[T]):
    """One value a build's event makes for the events after it; empty again when the next build starts."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._value: T | None = None

    def set(self, value: T) -> T:
        """Hold ``value`` for the rest of this build; return it."""
        self._value = value
        return value

    def get(self) -> T:
        """Return the value this build set."""
        if self._value is None:
            raise RuntimeError(f"{self.name} was read before this build made it (an event ran out of order)")
        return self._value

    def clear(self) -> None:
        """Forget the value, so nothing of one build reaches the next."""
        self._value = None


def offline_build(config: MkDocsConfig) -> bool:
    """Tell whether this build is the offline copy (Material's offline plugin enabled)."""
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)
