"""Build hook: what each page shows when its address is shared in a chat or a post.

Every page gets Open Graph and Twitter card metadata (title, description, canonical address, site
name, and a preview image with its size and alternative text), written into its <head> by
``overrides/partials/link-card.html`` from a ``LinkCard`` made here. Each page's preview
image is drawn at build time (pages/previews.py, no network) and published beside the site's other
assets at ``assets/previews/<page>.png``; metadata needs absolute addresses, so they are built from
``site_url``, and a site without one gets no cards.

An image is drawn once for what it shows: it is kept in ``.cache/previews/`` beside mkdocs.yml,
named by a hash of its words and of the code and fonts that draw it, so a rebuild (and `mkdocs
serve`) copies the images whose words did not change, and a clean build still draws them all.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from pages.build_state import cache_folder, is_local
from pages.previews import FONTS, HEIGHT, WIDTH, Picture, Preview
from sources.essay_source import ESSAY, Credit

PREVIEWS = "assets/previews"  # where the images go in the built site, one per page by its source path
DRAWN_BY = [Path(__file__).resolve().parent / "pages" / "previews.py", *sorted(FONTS.glob("*.ttf"))]

CARDS: dict[str, LinkCard] = {}  # this build's cards, by page (emptied when a build starts)


@dataclass(frozen=True)
class LinkCard:
    """What one page says about itself when shared: plain text and absolute addresses."""

    title: str
    description: str
    url: str  # the page's canonical address
    image: str  # its preview image's address
    image_alt: str
    site_name: str
    kind: str  # og:type: "website" for the home page, "article" for the others
    width: int = WIDTH
    height: int = HEIGHT


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Start a build with no cards from the last one (`mkdocs serve` keeps this module loaded)."""
    CARDS.clear()
    return config


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Once every page is read: make each page's card, and publish its image (from the cache, or drawn)."""
    essay = files.get_file_from_path(ESSAY)
    credit = Credit.read(essay.page.meta) if essay and essay.page else None
    if not config.site_url or is_local(config.site_url) or credit is None:
        # No address that others can open (none, or one on this machine: a card pointing at 127.0.0.1 would
        # be shared with the link), or an essay without its credit (hooks/metaphor.py reports that).
        return env
    cache = cache_folder(config, "previews")
    code = hashlib.sha256(b"".join(path.read_bytes() for path in DRAWN_BY)).hexdigest()
    for file in files.documentation_pages():
        page = file.page
        if page is None or not page.canonical_url:
            continue
        drawn = preview(page, site_name=config.site_name, credit=credit)
        CARDS[file.src_uri] = link_card(page, drawn, config)
        files.append(File.generated(config, preview_uri(file.src_uri), content=_png(drawn, cache, code)))
    return env


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """Hand the page's template its card (None: the page has none)."""
    context["link_card"] = CARDS.get(page.file.src_uri)
    return context


def preview_uri(src_uri: str) -> str:
    """Return where a page's preview image goes: ``glossary/runbook.md`` -> ``assets/previews/glossary/runbook.png``."""
    return f"{PREVIEWS}/{src_uri.removesuffix('.md')}.png"


def preview(page: Page, *, site_name: str, credit: Credit) -> Preview:
    """Return what a page's preview image says: the site, the page's title and description, the essay's credit.

    The title is the one the theme puts in <title>: the page's front matter title before its nav title.
    """
    title, description = _text(page.meta.get("title") or page.title), _text(page.meta.get("description") or "")
    kicker = site_name
    if page.is_homepage:
        kicker, title = f"A companion to an essay by {credit.author}", site_name
    elif title == site_name:  # the essay's own page: the name once, under whose essay it is
        kicker = f"An essay by {credit.author} ({credit.year})"
    # A page that shows a picture of the metaphor has it drawn on its card too (hooks/metaphor.py puts it there).
    picture = page.meta.get("preview")
    picture = picture if isinstance(picture, Picture) else None
    return Preview(kicker, title, description, f"After “{credit.title}” by {credit.author} ({credit.year})", picture)


def link_card(page: Page, drawn: Preview, config: MkDocsConfig) -> LinkCard:
    """Return the page's card (its addresses absolute, from ``site_url``)."""
    return LinkCard(
        title=drawn.title,
        description=_text(page.meta.get("description") or config.site_description or ""),
        url=page.canonical_url or "",
        image=urljoin(config.site_url or "", preview_uri(page.file.src_uri)),
        image_alt=drawn.alt(),
        site_name=config.site_name,
        kind="website" if page.is_homepage else "article",
    )


def _png(drawn: Preview, cache: Path | None, code: str) -> bytes:
    """Return the image's bytes: kept ones when the same words were drawn by the same code, else drawn now."""
    key = hashlib.sha256(f"{code}\0{drawn!r}".encode()).hexdigest()
    kept = cache / f"{key}.png" if cache else None
    if kept and kept.is_file():
        return kept.read_bytes()
    png = drawn.png()
    if kept:  # written whole, then renamed: another build reading the cache meanwhile sees all of it or none
        part = kept.with_suffix(f".{os.getpid()}.part")
        part.write_bytes(png)
        part.replace(kept)
    return png


def _text(value: object) -> str:
    """Return a page's title or description as plain text (the theme prints them as HTML, unescaped)."""
    return " ".join(Markup(str(value)).striptags().split())
