"""Build hook: a Content-Security-Policy and a referrer policy on every page.

The site loads nothing from other hosts, and its pages say so by policy (a <meta> element, which a
static host needs no configuration to serve): scripts, styles, images, fonts, workers and requests
from the site itself only; no plugins, no <base> elsewhere, forms sent only to the site. Inline
scripts run only if the policy names their hash, computed here from the finished page (after the
minifier), so a script added to a page by anything else (an injected one, a contributor's HTML)
does not run, nor does eval. Styles keep 'unsafe-inline': the theme sets style attributes.

`mkdocs serve` gets no policy: its live reload injects an inline script that changes on every
request, so no hash could allow it. A built site, the tests' included, always carries one.
"""

from __future__ import annotations

import base64
import hashlib
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from offline import search_frame_script

REFERRER = "strict-origin-when-cross-origin"  # another site learns only that a reader came from this one

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
_SRC = re.compile(r"\ssrc\s*=", re.I)
_TYPE = re.compile(r"""\stype\s*=\s*["']?(?P<type>[^"'\s>]+)""", re.I)
_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?>", re.I)
_JAVASCRIPT = {"", "text/javascript", "module", "application/javascript"}

_serving = False


def on_startup(*, command: str, dirty: bool) -> None:
    """Remember whether this process serves the site (see the module's docstring)."""
    global _serving
    _serving = command == "serve"


def policy(html: str, also: tuple[str, ...] = ()) -> str:
    """Return the policy for a page: the fixed sources, and the hash of each inline script it runs (those in
    it, and `also`: the offline copy's search frame's)."""
    scripts = [match["body"] for match in _INLINE_SCRIPT.finditer(html) if _runs(match)] + [*also]
    hashes = sorted({f"'sha256-{_digest(script)}'" for script in scripts})
    return "; ".join(
        [
            "default-src 'self'",
            " ".join(["script-src 'self'", *hashes]),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",  # the theme's icons are data: URLs in its stylesheet
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def with_policy(html: str, config: MkDocsConfig) -> str:
    """Return a whole page with its policy and referrer policy right after its charset, before any script."""
    charset = _CHARSET.search(html)
    if not charset:
        return html  # not a page (a fragment or another format): nothing runs in it
    frame = search_frame_script(config, html)
    meta = (
        f'<meta http-equiv="Content-Security-Policy" content="{policy(html, (frame,) if frame else ())}">'
        f'<meta name="referrer" content="{REFERRER}">'
    )
    return html[: charset.end()] + meta + html[charset.end() :]


@event_priority(-100)  # last: after the minifier, which changes the scripts' text
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Add the policies to every page."""
    return output if _serving else with_policy(output, config)


@event_priority(-100)
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """Add the policies to the theme's static pages (404.html)."""
    if _serving or not template_name.endswith(".html"):
        return output_content
    return with_policy(output_content, config)


def _runs(match: re.Match[str]) -> bool:
    """Tell whether an inline <script> element is one the browser runs (not a data block, not external)."""
    attrs = match["attrs"]
    kind = _TYPE.search(attrs)
    return not _SRC.search(attrs) and (kind["type"].lower() if kind else "") in _JAVASCRIPT


def _digest(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
