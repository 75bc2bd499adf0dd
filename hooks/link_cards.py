"""Link cards: what each page shows when its address is shared in a chat or a post.

Every page gets Open Graph and Twitter card metadata (title, description, canonical address, site
name, and a preview image with its size and alternative text), written into its <head> by
``overrides/partials/metaphor/link-card.html`` from a ``LinkCard`` made here. Each page's preview
image is drawn at build time (hooks/previews.py, no network) and published beside the site's other
assets at ``assets/previews/<page>.png``; metadata needs absolute addresses, so they are built from
``site_url``. The images are drawn in parallel: Pillow lets go of Python's lock while it draws and
compresses, and a large mapping makes a page, and an image, per pairing.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urljoin

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from essay_source import Credit
from previews import HEIGHT, WIDTH, Preview

PREVIEWS = "assets/previews"  # where the images go in the built site, one per page by its source path
TEMPLATE = "partials/metaphor/link-card.html"  # the <meta> elements, in main.html and the deck's page


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
    return Preview(kicker, title, description, f"After “{credit.title}” by {credit.author} ({credit.year})")


def link_card(page: Page, drawn: Preview, config: MkDocsConfig) -> LinkCard | None:
    """Return the page's card, or None when the site has no address (metadata needs absolute URLs)."""
    site_url = config.site_url or ""
    if not site_url or not page.canonical_url:
        return None
    return LinkCard(
        title=drawn.title,
        description=_text(page.meta.get("description") or config.site_description or ""),
        url=page.canonical_url,
        image=urljoin(site_url, preview_uri(page.file.src_uri)),
        image_alt=drawn.alt(),
        site_name=config.site_name,
        kind="website" if page.is_homepage else "article",
    )


def preview_files(previews: dict[str, Preview], config: MkDocsConfig) -> Iterable[File]:
    """Draw every page's preview image, in parallel; return them as files of the site, in page order."""
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        images = pool.map(Preview.png, previews.values())
        return [
            File.generated(config, preview_uri(src_uri), content=png)
            for src_uri, png in zip(previews, images, strict=True)
        ]


def _text(value: object) -> str:
    """Return a page's title or description as plain text (the theme prints them as HTML, unescaped)."""
    return " ".join(Markup(str(value)).striptags().split())
