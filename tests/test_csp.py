"""A Content-Security-Policy on every page (hooks/csp.py): scripts, styles, images, fonts and requests from
the site itself only, inline scripts by hash, no eval, no plugins; and a referrer policy.

Every browser test checks the policy holds where it goes: its Visit fails on any violation or console
error (conftest.Visit), so each component's own tests use it under the policy; the offline copy's
tests do the same from file://.
"""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from bs4 import BeautifulSoup

from conftest import Project, Visit, search_for

JAVASCRIPT = {None, "text/javascript", "module", "application/javascript"}


def directives(policy: str) -> dict[str, list[str]]:
    parts = [part.split() for part in policy.split(";") if part.strip()]
    return {name: values for name, *values in parts}


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def test_every_page_carries_the_policy_before_any_script_with_a_hash_for_each_inline_script(built: Project) -> None:
    pages = sorted(built.site.rglob("*.html"))
    assert len(pages) >= 40
    for path in pages:
        html = path.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        metas = soup.select('meta[http-equiv="Content-Security-Policy"]')
        assert len(metas) == 1 and metas[0].parent.name == "head", path
        assert html.index("Content-Security-Policy") < html.index("<script"), path  # it governs every script
        policy = directives(metas[0]["content"])
        assert policy.pop("default-src") == ["'self'"]
        assert policy.pop("style-src") == ["'self'", "'unsafe-inline'"]  # the theme's style attributes
        assert policy.pop("img-src") == ["'self'", "data:"]
        assert policy.pop("object-src") == ["'none'"]
        assert policy.pop("base-uri") == ["'self'"]
        assert policy.pop("form-action") == ["'self'"]
        scripts = policy.pop("script-src")
        assert policy == {}, path  # fonts, requests and workers fall back to default-src: the site only
        assert scripts[0] == "'self'" and not {"'unsafe-inline'", "'unsafe-eval'", "*", "data:"} & set(scripts)
        inline = {
            sha256(script.string or "")
            for script in soup.select("script:not([src])")
            if script.get("type") in JAVASCRIPT
        }
        assert inline and set(scripts[1:]) == inline, path
        assert soup.select_one('meta[name="referrer"]')["content"] == "strict-origin-when-cross-origin"


def top_pages(project: Project) -> list[str]:
    """Every page of the site, but only one of the pages of a pairing (they share one template)."""
    paths = sorted(p.relative_to(project.site).as_posix() for p in project.site.rglob("index.html"))
    pairings = [p for p in paths if re.fullmatch(r"glossary/[^/]+/index\.html", p)]
    return [p.removesuffix("index.html") for p in paths if p not in pairings[1:]] + ["404.html"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_page_breaks_its_policy_in_either_scheme_search_included(
    open_browser: object, server: str, built: Project, scheme: str
) -> None:
    visit = open_browser(color_scheme=scheme, viewport={"width": 1280, "height": 800}, search=True)
    pages = top_pages(built)
    assert len(pages) >= 14
    for path in pages:
        visit.page.goto(server + path)
        visit.page.wait_for_load_state("load")
    # The theme's search runs in a worker, which the policy allows from the site itself.
    visit.page.goto(server + "glossary/")
    search_for(visit.page, "blameless")
    # Visit.close fails the test on any violation or console error, on any of these pages.


def test_an_inline_script_without_its_hash_is_blocked_and_eval_too(visit: Visit, server: str, built: Project) -> None:
    """A script added to a page (here by the test, as an injected one would be) does not run; a script of
    the site's own host that calls eval gets an EvalError."""
    page = visit.page
    html = (built.site / "essay" / "index.html").read_text(encoding="utf-8")
    probe = "try { window.mxEval = eval('1 + 1'); } catch (error) { window.mxEval = error.name; }"
    tampered = html.replace(
        "</body>", '<script>window.mxInjected = true</script><script src="/csp-probe.js"></script></body>'
    )
    page.route(server + "essay/", lambda route: route.fulfill(body=tampered, content_type="text/html"))
    page.route(server + "csp-probe.js", lambda route: route.fulfill(body=probe, content_type="text/javascript"))
    page.goto(server + "essay/")
    page.get_by_role("button", name="Mark passages quoted in the explorer").wait_for()  # the site's own scripts ran
    page.wait_for_function("() => window.mxEval !== undefined")
    assert page.evaluate("() => [window.mxInjected, window.mxEval]") == [None, "EvalError"]
    assert sorted(v.split(":")[0] for v in visit.violations) == [
        "script-src blocked eval",
        "script-src-elem blocked inline",
    ]
    visit.violations.clear()  # seen, as this test wants
    visit.console_errors.clear()
