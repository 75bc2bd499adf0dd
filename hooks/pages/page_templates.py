"""Render markup from the mapping: one autoescaping environment per build, one context for every template.

The markup lives in ``overrides/partials/metaphor/``; this module only hands those templates their
values. The theme's own environment does not autoescape, so the mapping's text goes through an
environment of our own over the same loader, with autoescaping on and undefined names an error.
"""

from __future__ import annotations

import difflib
import html
import io
import re
import secrets
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown
import segno
from jinja2 import (
    BaseLoader,
    Environment,
    FileSystemBytecodeCache,
    StrictUndefined,
    Template,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    pass_context,
)
from jinja2.runtime import Context
from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from checks.site_data import ESSAY, SiteData
from model.metaphor_model import AgendaItem, Entry, Preset
from model.scenarios_model import OPTION_KINDS, Scenario
from pages.generated_pages import PAIRING_PAGE
from pages.metaphor_map import lay_out

# The facilitator kit's pages that show the session: each keeps it in its links to the others.
KIT_PAGES = (
    "guide.md",
    "plan.md",
    "deck.md",
    "handout.md",
    "cards.md",
    "scenarios.md",
    "sheets.md",
    "runbook.md",
    "runsheet.md",
)


def template_env(loader: BaseLoader, *, keys: dict[str, Any] | None = None, cache: Path | None = None) -> Environment:
    """Return an autoescaping environment over the theme's templates, for markup made from the mapping.

    Templates are read once per build (``auto_reload`` off: a build is one environment, and the
    glossary includes entry.html once per entry); with ``cache``, a folder, Jinja keeps each one
    compiled there under a hash of its source, so a build compiles only the templates that changed.
    The ``keys`` filter writes keyboard keys as pymdownx.keys does in Markdown
    (``"++shift+space++" | keys``), with ``keys`` its settings.
    """
    env = Environment(
        loader=loader,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        bytecode_cache=FileSystemBytecodeCache(str(cache)) if cache else None,
    )
    env.filters["keys"] = keys_filter(keys or {})
    env.filters["words"] = words
    env.filters["sentence"] = sentence
    env.filters["lower_first"] = lambda text: str(text)[:1].lower() + str(text)[1:]
    env.filters["qr"] = qr_code
    env.filters["html_block"] = _in_place  # a build's Renderer keeps the markup past Markdown instead
    return env


@pass_context  # as every html_block: Jinja never runs it early, on a constant, while it compiles the template
def _in_place(context: Context, markup: str) -> str:
    """Leave a component's markup where it stands (outside a build: scripts/benchmark.py's static pages)."""
    return markup


def qr_code(address: str) -> Markup:
    """Draw ``address`` as a QR code: an SVG, black on white with its quiet zone, made here at build time."""
    svg = io.BytesIO()
    segno.make(str(address), error="m").save(
        svg, kind="svg", xmldecl=False, nl=False, omitsize=True, border=4, light="#fff", svgclass="mx-qr"
    )
    label = f'role="img" aria-label="QR code for {escape(address)}"'
    return Markup(svg.getvalue().decode("ascii").replace("<svg ", f"<svg {label} ", 1))


def sentence(text: str) -> str:
    """End a title or term as a sentence: "The design review." but "Whose failure?" (never "?.")."""
    text = str(text).rstrip()
    return text if text.endswith((".", "?", "!", "…")) else f"{text}."


NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")


def words(number: int) -> str:
    """Write a count as prose does: ``9 | words`` is "nine"; above twelve, digits ("28")."""
    return NUMBER_WORDS[number] if 0 <= number < len(NUMBER_WORDS) else f"{number:,}"


def keys_filter(settings: dict[str, Any]) -> Callable[[str], Markup]:
    """Return a filter that turns ``++key++`` in a template's text into the markup pymdownx.keys writes."""
    converter = markdown.Markdown(extensions=["pymdownx.keys"], extension_configs={"pymdownx.keys": settings})

    def keys(text: str) -> Markup:
        converter.reset()
        html = converter.convert(str(escape(text)))
        return Markup(html.removeprefix("<p>").removesuffix("</p>"))

    return keys


def template_context(
    site: SiteData,
    *,
    href: Callable[[str], str],
    site_url: str,
    offline: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Return everything a template may use: the hook's templates, the pages' Markdown and (through
    ``on_page_context``) the theme's templates.

    The essay's credit (title, author, date, original address and site) comes from its front matter
    here, for every template (the prose of a few pages and the footer in mkdocs.yml name the author
    and the year in their own words); ``href`` links to another page by its source path, and
    ``pairing_href`` to a pairing's own page (``glossary/{id}.md``) by its id.
    """
    credit = site.essay.credit

    def pairing_href(entry_id: str) -> str:
        return href(PAIRING_PAGE.format(id=entry_id))

    def session(preset: Preset) -> list[AgendaItem]:
        """Return a ready-made session's agenda: its pairings, its scenarios and its buffer."""
        blocks = site.scenarios.blocks(preset.scenarios)
        return site.metaphor.agenda(preset.entries, scenarios=blocks, buffer=preset.buffer)

    presets, phases = site.metaphor.workshop.presets, site.metaphor.phases
    topics = {topic.id: topic for topic in site.metaphor.workshop.topics}

    def topic_ids(*groups: Iterable[Entry | Scenario]) -> list[str]:
        """Return the ids of the sensitive topics the given pairings and scenarios touch on, in workshop order."""
        named = {topic for group in groups for item in group for topic in item.topics}
        return [topic for topic in topics if topic in named]

    def listed(names: list[str], joiner: str = " and ") -> str:
        """List names as a sentence does: "race", "race and leaving a job", "45-, 60- or 90-"."""
        return joiner.join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)

    def topic_names(ids: Iterable[str]) -> str:
        """Name topics as an invitation does: "race", "race and leaving a job"."""
        return listed([topics[topic].name for topic in ids])

    return {
        # What the pages' own text says of the data, so that no page states a count the data does not.
        "counts": site.counts,
        "session_lengths": listed([f"{p.minutes}-" for p in presets], " or ") + "minute",
        "discussion_minutes": " to ".join(
            str(m) for m in sorted({min(p.minutes for p in phases), max(p.minutes for p in phases)})
        ),
        "topic_ids": topic_ids,
        "topic_names": topic_names,
        # The facilitator kit's pages, which keep the session in their links (session.js, plan.js).
        "kit_pages": lambda: " ".join(href(src_uri) for src_uri in KIT_PAGES),
        "metaphor": site.metaphor,
        "metaphor_map": lambda kind: lay_out(site.metaphor, kind),  # "wide" or "tall" (pages/metaphor_map.py)
        "scenarios": site.scenarios,
        "option_kinds": OPTION_KINDS,
        "session_agenda": session,
        "history": site.history,
        "essay": site.essay,
        "outline": site.outline is not None,  # the essay page shows the site's outline (ESSAY_TEXT=excerpts)
        "author": credit.author,
        "published": credit.published,
        "essay_title": credit.title,
        "year": credit.year,
        "original_url": credit.url,
        "original_site": credit.site,
        "essay_href": href(ESSAY),
        "href": href,
        "pairing_href": pairing_href,
        "site_url": site_url,
        # The offline copy: {"zip": file name at the site's root, "bytes": size}, {"here": True} in the copy
        # itself, or None when this build publishes none (see partials/metaphor/offline.html).
        "offline": offline,
    }


# A component's markup passes Markdown by: its template wraps it in ``{% filter html_block %}``, which leaves
# a marker in the page's Markdown (an HTML comment on lines of its own, which Markdown keeps as it is), and
# the markup takes the marker's place once Markdown has made the page (Renderer.place_blocks). Markdown
# would only copy the markup through, after reading it with an HTML parser twice (MkDocs looking for
# anchors, then Markdown itself): a third of a build's time.
_IDS = re.compile(r'<[a-zA-Z][^>]*?\sid="([^"]*)"')  # the templates quote every attribute with "


@dataclass(frozen=True)
class Renderer:
    """How one build renders the mapping into its pages: the environment, and links between the site's files."""

    env: Environment
    files: Files
    site_url: str
    offline: dict[str, Any] | None = None  # this build's offline copy (template_context says how)
    contexts: dict[str, dict[str, Any]] = field(default_factory=dict)  # each page's, made once
    links: dict[tuple[str, str], str] = field(default_factory=dict)  # (from, to): the glossary links each pairing twice
    blocks: list[str] = field(default_factory=list)  # the components' markup, numbered by their markers
    token: str = field(default_factory=lambda: secrets.token_hex(4))  # this build's markers, and no other text

    def __post_init__(self) -> None:
        @pass_context
        def html_block(context: Context, markup: str) -> Markup:
            """Keep ``markup`` for its page's HTML; return its marker, for the page's Markdown."""
            self.blocks.append(str(markup))
            return Markup(f"\n\n<!--mx-block-{self.token}-{len(self.blocks) - 1}-->\n\n")

        self.env.filters["html_block"] = html_block

    def place_blocks(self, content: str, *, source: str) -> tuple[str, set[str]]:
        """Put each component's markup in its marker's place in a page's HTML; return the HTML and the ids
        the markup adds (MkDocs checks links to a page's anchors against its ids).

        Raise PluginError naming ``source`` when Markdown has shown a marker as text (inside code).
        """
        ids: set[str] = set()
        marker = re.compile(rf"<!--mx-block-{self.token}-(\d+)-->")

        def place(found: re.Match[str]) -> str:
            markup = self.blocks[int(found[1])]
            ids.update(html.unescape(value) for value in _IDS.findall(markup))
            return marker.sub(place, markup)  # a component inside another

        content = marker.sub(place, content)
        if f"&lt;!--mx-block-{self.token}-" in content:
            raise PluginError(
                f"{source}: a component is included inside code, where Markdown shows its markup as text: "
                "include it on lines of its own, outside code blocks"
            )
        return content, ids

    def href(self, src_uri: str, page: Page) -> str:
        """Return the link from ``page`` to the file built from ``src_uri``."""
        if (page.file.src_uri, src_uri) not in self.links:
            target = self.files.src_uris.get(src_uri)
            if target is None:
                raise RuntimeError(f"a template links to {src_uri}, which this build does not have")
            self.links[page.file.src_uri, src_uri] = target.url_relative_to(page.file)
        return self.links[page.file.src_uri, src_uri]

    def context(self, site: SiteData, page: Page) -> dict[str, Any]:
        """Return what a template may use on ``page``; ``offline.href`` links to the offline copy from it."""
        if page.file.src_uri in self.contexts:
            return self.contexts[page.file.src_uri]
        offline = self.offline
        if offline and "zip" in offline:
            offline = {**offline, "href": get_relative_url(offline["zip"], page.url)}
        context = template_context(
            site, href=lambda src_uri: self.href(src_uri, page), site_url=self.site_url, offline=offline
        )
        return self.contexts.setdefault(page.file.src_uri, context)

    def render(self, template: str, *, page: Page, site: SiteData, **values: Any) -> str:
        """Render ``template`` for ``page`` with everything it may use, and ``values``."""
        return self.env.get_template(template).render(self.context(site, page), **values)

    def render_text(self, text: str, *, source: str, page: Page, site: SiteData, first_line: int = 0) -> str:
        """Render a page's own Markdown (or a value of its front matter) as a template, so that what it
        says of the data (counts, minutes) comes from the data; raise PluginError naming ``source`` and,
        when ``first_line`` says which line of the file ``text`` starts on, the line.
        """
        context = self.context(site, page)
        try:
            return self._compiled(text, source).render(context)
        except TemplateNotFound as exc:
            near = difflib.get_close_matches(exc.name, self.env.list_templates(extensions=["html"]), n=1)
            hint = f" (did you mean {near[0]}?)" if near else ""
            raise PluginError(f"{source}{_line(exc, first_line)}: no template {exc.name} in overrides/{hint}") from None
        except TemplateError as exc:
            raise PluginError(f"{source}{_line(exc, first_line)}: {exc.message or exc}") from None

    def _compiled(self, text: str, source: str) -> Template:
        """Compile a page's text as a template, through the bytecode cache when there is one (by ``source``)."""
        cache = self.env.bytecode_cache
        if cache is None:
            return self.env.from_string(text)
        bucket = cache.get_bucket(self.env, source, None, text)
        if bucket.code is None:
            bucket.code = self.env.compile(text)
            cache.set_bucket(bucket)
        return self.env.template_class.from_code(self.env, bucket.code, self.env.make_globals(None))

    def macros(self, template: str) -> Any:
        """Return the macros ``template`` defines (for helpers that build markup piece by piece)."""
        return self.env.get_template(template).module


def _line(exc: TemplateError, first_line: int) -> str:
    """Return ":<line>" for where in the file a template error happened, if Jinja and ``first_line`` say."""
    if not first_line:
        return ""
    if isinstance(exc, TemplateSyntaxError):
        return f":{first_line + exc.lineno - 1}"
    frames = [frame for frame in traceback.extract_tb(exc.__traceback__) if frame.filename == "<template>"]
    return f":{first_line + frames[-1].lineno - 1}" if frames else ""
