"""Shared fixtures: throwaway copies of the project, builds, a local server and Chromium."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from browsers import CHROMIUM_ARGS, HELP, find_chromium
from build_server import BuildServer
from checks.site_data import SiteData, load_site
from model.metaphor_model import Metaphor
from sources.essay_source import Essay

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks")
SEED = ROOT / "tests" / "data" / "essay-seed.txt"


BUILDS = BuildServer()  # this worker's builds (Project.build)

# The build command README and CONTRIBUTING give (tests/test_docs.py checks that they give this one).
HAND_BUILD = "NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build --strict"


def build_environment(*, site_url: str | None = None, env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment a build runs in: this one without the settings a build reads (nor the setting that
    quietens MkDocs' banner, which the documented command sets itself), then ``site_url`` and ``env``."""
    settings = ("SITE_URL", "ESSAY_TEXT", "OFFLINE", "NO_MKDOCS_2_WARNING")
    environment = {name: value for name, value in os.environ.items() if name not in settings}
    environment["PYTHONDONTWRITEBYTECODE"] = "1"
    if site_url:
        environment["SITE_URL"] = site_url
    return environment | (env or {})


@dataclass
class Project:
    """A copy of the site's sources in a temporary folder, ready to edit and build."""

    root: Path
    result: subprocess.CompletedProcess[str] | None = None  # the last build's, with what it printed

    @property
    def mapping(self) -> Path:
        return self.root / "docs" / "metaphors.yml"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def build(
        self, *, site_url: str | None = None, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run `python -m mkdocs build --strict` on this copy, as a contributor would (``env`` adds settings),
        through the worker's build server (tests/build_server.py: the same command, without Python's start)."""
        self.result = BUILDS.run(
            ["build", "--strict", "--site-dir", str(self.site)],
            cwd=self.root,
            env=build_environment(site_url=site_url, env={"NO_MKDOCS_2_WARNING": "1", **(env or {})}),
            timeout=120,
        )
        return self.result

    def build_by_hand(self) -> subprocess.CompletedProcess[str]:
        """Run the build command README and CONTRIBUTING give (HAND_BUILD) in this copy, its `.venv` the
        environment running the tests."""
        (self.root / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
        self.result = subprocess.run(
            ["bash", "-c", HAND_BUILD],
            cwd=self.root,
            env=build_environment(),
            capture_output=True,
            text=True,
            timeout=120,
        )
        return self.result

    @property
    def scenarios(self) -> Path:
        return self.root / "docs" / "scenarios.yml"

    def use_mapping(self, text: str) -> None:
        """Write ``text`` as the mapping, with the small scenarios file that any small mapping supports."""
        from scenario_cases import SMALL as SMALL_SCENARIOS

        self.mapping.write_text(text, encoding="utf-8")
        self.scenarios.write_text(SMALL_SCENARIOS, encoding="utf-8")

    def failed_build(self, *, env: dict[str, str] | None = None) -> list[str]:
        """Build, which must fail cleanly (exit 1, no traceback); return its ERROR and WARNING lines as printed."""
        result = self.build(env=env)
        output = result.stdout + result.stderr
        assert result.returncode == 1, output
        assert "Traceback" not in output
        return [line for line in output.splitlines() if line.startswith(("ERROR", "WARNING"))]

    def check(self, *options: str) -> subprocess.CompletedProcess[str]:
        """Run the mapping's checker (scripts/check_mapping.py) on this copy."""
        return subprocess.run(
            [
                sys.executable,
                str(ROOT / "scripts" / "check_mapping.py"),
                "--config",
                str(self.root / "mkdocs.yml"),
                *options,
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )

    def built(self, *, site_url: str | None = None, env: dict[str, str] | None = None) -> Path:
        """Build and fail the test with the log if the build fails."""
        result = self.build(site_url=site_url, env=env)
        assert result.returncode == 0, result.stdout + result.stderr
        return self.site

    def page(self, url: str) -> BeautifulSoup:
        """Parse a built page by its URL path, e.g. 'glossary/' (read only: the same page, unchanged since,
        is parsed once a worker; a test that edits the tree parses its own copy with ``parse``)."""
        url = url.lstrip("/")
        return parsed(self.site / url / "index.html" if not url.endswith(".html") else self.site / url)


def parse(path: Path) -> BeautifulSoup:
    """Parse an HTML file as browsers do (html5lib follows the HTML standard: <title> holds text only, and
    minified markup with optional quotes and entities reads as a browser reads it), into a tree of one's own."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html5lib")


def parsed(path: Path) -> BeautifulSoup:
    """``parse``, once per worker for a file unchanged since: the tree is shared, so read it, never change it."""
    stat = path.stat()
    return _parsed(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=512)
def _parsed(path: Path, mtime_ns: int, size: int) -> BeautifulSoup:
    return parse(path)


# Every copy's .cache/ is the project's own (what it keeps is keyed by its content: preview images by their
# words, compiled templates by their source), so a test's build does not draw and compile it all again.
SHARED_CACHE = ROOT / ".cache"


def copy_project(dest: Path, *, shared_cache: bool = True) -> Project:
    """Copy the site's sources into ``dest`` (with ``shared_cache``, its .cache/ is the project's own)."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / part)
    if shared_cache:
        SHARED_CACHE.mkdir(exist_ok=True)
        (dest / ".cache").symlink_to(SHARED_CACHE, target_is_directory=True)
    return Project(dest)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A fresh copy of the project for one test to change."""
    return copy_project(tmp_path / "project")


@pytest.fixture
def small(project: Project) -> Project:
    """A fresh copy of the project with the small mapping and scenarios (tests/mapping_cases.py), for a test of
    what the code does with any data: it builds in under half the time of the real data."""
    from mapping_cases import SMALL

    project.use_mapping(SMALL)
    return project


@pytest.fixture(scope="session")
def small_mapping() -> dict:
    """The small mapping, as plain data."""
    from mapping_cases import SMALL

    return load_yaml(SMALL)


def _lock(root: Path, name: str, *, wait: bool) -> object | None:
    """Take the lock on the shared folder ``name`` (waiting for it, or not); None if another worker holds it."""
    lock = (root / f"{name}.lock").open("w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        lock.close()
        return None
    return lock


def _make(root: Path, name: str, make: Callable[[Path], None]) -> None:
    """Fill the folder ``name`` with ``make`` unless it is made (the caller holds its lock)."""
    folder, made = root / name, root / f"{name}.made"
    if not made.exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        make(folder)
        made.touch()


def made_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """The folder ``name``, filled by ``make(folder)`` once in a test run however many workers ask for it:
    pytest-xdist's workers share one temporary root, and the first to ask makes it while the others wait
    (a file lock). A worker that would wait makes another of the run's builds meanwhile (SHARED_BUILDS).
    A make that fails is tried again by the next to ask, and fails the same way."""
    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    lock = _lock(root, name, wait=False)
    if lock is None:
        for spare in WANTED:
            if spare != name and not (root / f"{spare}.made").exists() and (other := _lock(root, spare, wait=False)):
                # One that fails is left to the test that asks for it, which makes it again and fails there.
                with other, contextlib.suppress(Exception):
                    _make(root, spare, _kept(SHARED_BUILDS[spare]))
                break
        lock = _lock(root, name, wait=True)
    with lock:
        _make(root, name, make)
    return root / name


def _kept(run: Callable[[Path], subprocess.CompletedProcess[str]]) -> Callable[[Path], None]:
    """``run``, keeping what it printed in its folder for every worker."""

    def make(folder: Path) -> None:
        result = run(folder)
        kept = {"args": result.args, "returncode": result.returncode, "stdout": result.stdout, "stderr": result.stderr}
        (folder / "result.json").write_text(json.dumps(kept), encoding="utf-8")

    return make


def ran_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, run: Callable[[Path], subprocess.CompletedProcess[str]]
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """``run(folder)`` once in a test run (``made_once``), with what it printed kept for every worker."""
    folder = made_once(tmp_path_factory, name, _kept(run))
    return folder, subprocess.CompletedProcess(**json.loads((folder / "result.json").read_text(encoding="utf-8")))


def _built_by_hand(folder: Path) -> subprocess.CompletedProcess[str]:
    result = copy_project(folder / "project").build_by_hand()
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def _built(
    folder: Path, *, site_url: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    project = copy_project(folder / "project")
    project.built(site_url=site_url, env=env)
    return project.result


# The address a deployed site is built for: a site in a folder, so every address must keep the folder.
DEPLOYED_URL = "https://example.org/companion/"
# A build without permission to publish the essay's full text: the essay page shows the site's outline.
EXCERPTS = {"ESSAY_TEXT": "excerpts"}
# The builds of the project as it is that tests share, one each a run: the contributor's (by the command the
# documents give), the deploy's, and the deploy's without the essay's text.
SHARED_BUILDS = {
    "built": _built_by_hand,
    "deployed": functools.partial(_built, site_url=DEPLOYED_URL),
    "excerpts": functools.partial(_built, env=EXCERPTS),
}
WANTED: list[str] = []  # those a selected test uses (pytest_collection_finish)


def pytest_sessionstart(session: pytest.Session) -> None:
    """Check the real data before any test: when it has a problem, every test built from it fails with that
    same problem inside a long report, so the run stops at once with the checker's own lines instead."""
    if hasattr(session.config, "workerinput"):
        return  # a worker: the run's controller has checked
    checker = [sys.executable, str(ROOT / "scripts" / "check_mapping.py")]
    try:
        checked = subprocess.run(
            checker, capture_output=True, text=True, cwd=ROOT, env=build_environment(), timeout=120
        )
    except subprocess.TimeoutExpired:
        return  # not a verdict on the data: the tests run, and say what hangs
    # Status 1 without a traceback is the checker's verdict on the data; a crash of the code is the tests' to find.
    if checked.returncode == 1 and "Traceback" not in checked.stderr:
        found = (checked.stdout + checked.stderr).rstrip()
        raise pytest.UsageError(
            f"the site's data has problems, so the tests did not run (every test built from it would fail with "
            f"them):\n\n{found}\n\nFix them (`.venv/bin/python scripts/check_mapping.py` checks again in a second), "
            "then run the tests again."
        )


def pytest_collection_finish(session: pytest.Session) -> None:
    used = set().union(*(item.fixturenames for item in session.items))
    WANTED[:] = [name for name in SHARED_BUILDS if name in used]


def shared_build(tmp_path_factory: pytest.TempPathFactory, name: str) -> Project:
    """The shared build ``name`` (SHARED_BUILDS), made once in a test run."""
    folder, result = ran_once(tmp_path_factory, name, SHARED_BUILDS[name])
    return Project(folder / "project", result)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The project as it is, built once for the whole run by the command README and CONTRIBUTING give."""
    return shared_build(tmp_path_factory, "built")


@pytest.fixture(scope="session")
def deployed(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The project as it is, built once for the whole run for an address of its own, as the deploy workflow
    builds it."""
    return shared_build(tmp_path_factory, "deployed")


@pytest.fixture(scope="session")
def excerpts(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The project built as the deploy builds it without permission to publish the essay (ESSAY_TEXT=excerpts)."""
    return shared_build(tmp_path_factory, "excerpts")


@pytest.fixture(scope="session")
def site_data() -> SiteData:
    """The real essay and mapping, loaded and checked by the hooks' own code."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config

    return load_site(load_config(str(ROOT / "mkdocs.yml")))


@pytest.fixture(scope="session")
def model(site_data: SiteData) -> Metaphor:
    """The real mapping, validated and built by the hooks' own code."""
    return site_data.metaphor


@pytest.fixture(scope="session")
def essay(site_data: SiteData) -> Essay:
    """The real essay, as the hooks read it."""
    return site_data.essay


def load_yaml(text: str) -> object:
    """YAML as plain data, read by libyaml where PyYAML has it, as the hooks read it (a tenth of the time)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _first_pairing_slide() -> int:
    """The deck's number for the first pairing's slide: after the title, the content note, the ground rules,
    the key passages, who plays which part, the metaphor map and, when the mapping lists them, where the
    metaphor stops."""
    workshop = load_yaml((ROOT / "docs" / "metaphors.yml").read_text(encoding="utf-8"))["workshop"]
    return 7 + bool(workshop.get("limits"))


FIRST = _first_pairing_slide()

BROWSER_FIXTURES = {"browser", "open_browser", "visit"}
# A project of a test's own, or a build of the real one made another way than a contributor's build and the
# deploy's (the offline copy and the release's site, tests/test_offline.py).
VARIANT_FIXTURES = {"project", "tmp_path", "offline", "offline_run", "released"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that drives Chromium (``browser``), and every test that makes a project of its own
    to change, build or serve (``variant``: how the code answers inputs other than the real ones) or uses
    the offline copy, so that the quick check, `-m "not browser and not variant and not lint"`, checks the
    real data and the site built from it, and nothing else (tests/test_lint.py marks itself ``lint``).
    A module that changes copies of the real data to check them (the documents' samples) says
    ``pytestmark = pytest.mark.data``, and stays in that check."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if BROWSER_FIXTURES & fixtures:
            item.add_marker(pytest.mark.browser)
        if VARIANT_FIXTURES & fixtures and not item.get_closest_marker("data"):
            item.add_marker(pytest.mark.variant)


@pytest.fixture(scope="session")
def mapping() -> dict:
    """The real mapping, as plain data; each entry's quotes as their texts (her words on outages are written
    ``- outage: "..."`` in the file)."""
    data = load_yaml((ROOT / "docs" / "metaphors.yml").read_text(encoding="utf-8"))
    for entry in data["entries"]:
        entry["quotes"] = [q if isinstance(q, str) else q["outage"] for q in entry["quotes"]]
    return data


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature is the stdlib's
        pass


@contextlib.contextmanager
def serve(directory: Path, handler: type[http.server.SimpleHTTPRequestHandler] = _QuietHandler) -> Iterator[str]:
    """Serve ``directory`` on a free loopback port (with ``handler``, a request handler class); yield its
    base URL."""
    handler = functools.partial(handler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def server(built: Project) -> Iterator[str]:
    """The built site, served on loopback for the whole session."""
    with serve(built.site) as url:
        yield url


# No name but the loopback address resolves, so a request for any other host fails in the browser itself
# (Visit lists it). Intercepting every request instead would send each to this process and back, and turn
# off the browser's cache.
LOOPBACK_ONLY = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
# V8's top tier (TurboFan) compiles hot functions again for each page, in the background: a test's pages are
# short visits, so it costs a tenth of the browser's CPU and gains nothing. Its lower tiers run the same code
# to the same results. For the tests only: the benchmarks time the browser as readers have it.
NO_TOP_TIER = "--js-flags=--no-turbofan"


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """A headless Chromium, or a failure that says how to install one."""
    executable = find_chromium()
    if executable is None:
        pytest.fail(HELP, pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable, args=[*CHROMIUM_ARGS, LOOPBACK_ONLY, NO_TOP_TIER]
        )
        yield chromium
        chromium.close()


SCREENSHOTS = ROOT / "test-results" / "screenshots"
# Screenshots are for a person to look at, and drawing a long page whole takes seconds: they are saved only
# when asked for (`SCREENSHOTS=1 scripts/test`, as the CI workflow runs it); the checks around them always run.
SCREENSHOTS_WANTED = os.environ.get("SCREENSHOTS") == "1"


def save_screenshot(page: object, name: str, *, full_page: bool = True) -> None:
    """Save a screenshot of ``page`` (the whole page, or the window) for a person to look at, when asked for."""
    if SCREENSHOTS_WANTED:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=full_page)


# Every page reports what its Content-Security-Policy blocks (hooks/csp.py) to the test that opened it.
_REPORT_VIOLATIONS = """document.addEventListener("securitypolicyviolation", (event) =>
  window.mxViolation(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"}: ${event.sample}`));"""


# The path of the theme's search worker's script, as a JavaScript regular expression.
SEARCH_WORKER_PATH = r"/\/workers\/search\.[^/]*\.js$/"

# The theme's search builds its index anew in a worker on every page load: in a visit of half a second, about as
# much CPU as everything else the page does (120 to 190 ms of 330 to 400 ms; BENCHMARKS.md). A visit starts that
# worker only when it asks (``search=True``): the tests of search, and those that check every page for errors
# and policy violations, search included. Without, the page is given a worker that never starts for the search
# (the theme's search box then says it is starting, and nothing else changes); any other worker starts as usual.
_NO_SEARCH_WORKER = """{ const Native = window.Worker;
  window.Worker = class extends EventTarget {
    constructor(url, options) {
      super();
      if (!SEARCH_WORKER_PATH.test(new URL(url, location.href).pathname)) return new Native(url, options);
    }
    postMessage() {}
    terminate() {}
  };
  window.Worker.mxNoSearch = true; }""".replace("SEARCH_WORKER_PATH", SEARCH_WORKER_PATH)


class _Tab:
    """A browser context and its page, kept for the next visit with the same options once a visit that
    left no trace in them is over (a new context costs a new renderer and a cold start: 0.2 s of CPU a visit).

    Every visit has its own lists of console errors, policy violations and requests leaving loopback: the
    page's listeners add to the lists of the visit using the tab (``visit``).
    """

    def __init__(self, browser: object, options: dict, *, search: bool) -> None:
        self.context = browser.new_context(**options)
        self.visit: Visit | None = None
        self.context.expose_function("mxViolation", lambda text: self.visit.violations.append(text))
        self.context.add_init_script(_REPORT_VIOLATIONS if search else _REPORT_VIOLATIONS + _NO_SEARCH_WORKER)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.visit.console_errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.visit.console_errors.append(str(e)))
        self.context.on("request", lambda request: self.visit.request(request.url))
        self.cdp = self.context.new_cdp_session(self.page)
        # What a test can leave in a page or its context and a later one would meet: a tab whose test used
        # any of these is closed, not kept.
        for name in _LASTING:
            setattr(self.page, name, self._marking(getattr(self.page, name)))

    def _marking(self, method: Callable) -> Callable:
        def marked(*args: object, **kwargs: object) -> object:
            self.visit.kept_anything = True
            return method(*args, **kwargs)

        return marked

    def reset(self, options: dict) -> None:
        """Give the page the size and media of a new context with ``options``."""
        self.page.set_viewport_size(options.get("viewport") or {"width": 1280, "height": 720})
        self.page.emulate_media(
            media="null",
            color_scheme=options.get("color_scheme", "light"),
            reduced_motion=options.get("reduced_motion", "no-preference"),
        )

    def clean(self, origins: set[str]) -> bool:
        """Leave the page blank, with nothing stored by the one site it showed; False if it cannot be."""
        from playwright.sync_api import Error as PlaywrightError

        if self.page.is_closed() or len(self.context.pages) != 1 or len(origins) > 1:
            return False
        try:
            if origins:
                (origin,) = origins
                if urlsplit(self.page.url)._replace(path="", query="", fragment="").geturl() != origin:
                    return False
                self.page.evaluate("() => { sessionStorage.clear(); }")  # kept by the tab, not the origin
            # What the page says as it is left (the theme's scheduler, stopped mid-way, logs an error) is
            # after the test, not part of it.
            self.visit = _Unheard()
            self.page.goto("about:blank")
            if not self.page.evaluate(_NATIVE_TIMERS):
                return False  # the test installed Playwright's clock: fake timers on every page from now on
            for origin in origins:
                self.cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
        except PlaywrightError:  # a page that cannot be cleaned is closed instead
            return False
        return True


_NATIVE_TIMERS = "() => [setTimeout, Date, performance.now].every((f) => String(f).includes('[native code]'))"


class _Unheard:
    """Where a tab's page reports while it is being left blank: nowhere."""

    def __init__(self) -> None:
        self.console_errors: list[str] = []
        self.violations: list[str] = []

    def request(self, address: str) -> None:
        pass


# The page's methods whose effect outlasts a visit (scripts run on every load, routes, bindings, listeners).
_LASTING = ("add_init_script", "route", "route_from_har", "expose_function", "expose_binding", "on", "once")
_LASTING += ("set_extra_http_headers", "set_default_timeout", "set_default_navigation_timeout")
_LASTING += ("add_locator_handler", "expect_event", "expect_popup", "expect_download", "expect_console_message")
# Options a kept tab is given again for each visit; the others are the tab's own (its key in the pool).
_RESET = {"viewport", "color_scheme", "reduced_motion"}
_IDLE: dict[tuple, list[_Tab]] = {}


class Visit:
    """A page, in a browser context of its own, that records console errors, Content-Security-Policy
    violations and any request leaving loopback.

    Requests to any host but 127.0.0.1 fail (LOOPBACK_ONLY) and are listed; tests assert the lists stay empty.
    A visit that changed nothing lasting (``_LASTING``, the context, a page of another site or from a file)
    hands its page, blank and its site's storage cleared, to the next visit with the same options: as far as
    a page can tell, a new context, but with the browser's cache and compiled scripts warm. A test that needs
    a cold start (layout shift, say) asks for ``fresh=True``; one that needs the theme's search, ``search=True``
    (_NO_SEARCH_WORKER says why it is off unless asked for).
    """

    def __init__(self, browser: object, *, fresh: bool = False, search: bool = False, **options: object) -> None:
        self.console_errors: list[str] = []
        self.violations: list[str] = []
        self.external: list[str] = []
        self.origins: set[str] = set()
        self.kept_anything = fresh
        self._key = (id(browser), search, repr(sorted((k, v) for k, v in options.items() if k not in _RESET)))
        idle = _IDLE.get(self._key)
        self._tab = idle.pop() if idle and not fresh else _Tab(browser, options, search=search)
        self._tab.visit = self
        self._tab.reset(options)
        self.page = self._tab.page

    @property
    def context(self) -> object:
        """The visit's browser context: a test that uses it gets one of its own, not kept after it."""
        self.kept_anything = True
        return self._tab.context

    def request(self, address: str) -> None:
        url = urlsplit(address)
        if url.scheme in {"http", "https"} and url.hostname == "127.0.0.1":
            self.origins.add(f"{url.scheme}://{url.netloc}")
        elif url.scheme not in {"data", "blob", "about"}:
            self.kept_anything = True  # a page from a file: its storage cannot be cleared by origin
            if url.scheme != "file":
                self.external.append(address)

    def screenshot(self, name: str) -> None:
        """Save a full-page screenshot for a person to look at, when asked for (SCREENSHOTS_WANTED)."""
        save_screenshot(self.page, name)

    def close(self) -> None:
        """Keep the tab for the next visit or close it, then check nothing left loopback, broke the policy or
        failed in the console."""
        tab = self._tab
        if not self.kept_anything and tab.clean(self.origins):
            _IDLE.setdefault(self._key, []).append(tab)
        else:
            tab.context.close()
        assert self.external == [], f"requests left 127.0.0.1: {self.external}"
        assert self.violations == [], f"Content-Security-Policy violations: {self.violations}"
        assert self.console_errors == [], f"console errors: {self.console_errors}"


@pytest.fixture
def open_browser(browser: object) -> Iterator[object]:
    """Open browser pages with options; each is checked for external requests and errors at the end."""
    visits: list[Visit] = []

    def open_visit(**options: object) -> Visit:
        visit = Visit(browser, **options)
        visits.append(visit)
        return visit

    yield open_visit
    for visit in visits:
        visit.close()


@pytest.fixture
def visit(open_browser: object) -> Visit:
    """A desktop-sized page in the light scheme."""
    return open_browser(color_scheme="light", viewport={"width": 1280, "height": 800})


# Elements of the page's content that reach past the window's edges, unless a box that scrolls or clips
# holds them (a wide table scrolls inside its wrapper; visually hidden text is clipped on purpose).
STICKING_OUT = """() => {
    const width = document.documentElement.clientWidth;
    const held = (element) => {
        for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
            if (getComputedStyle(box).overflowX !== "visible") return true;
        }
        return false;
    };
    return [...document.querySelectorAll(".md-content *, .md-header, .md-tabs")]
        .filter((element) => {
            const box = element.getBoundingClientRect();
            return box.width > 1 && (box.right > width + 1 || box.left < -1) && !held(element);
        })
        .map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
}"""


# Bring every finite animation and transition to its end, as if waited for. A colour read mid-transition
# (a button taking focus fades to its focus colours over 125 ms) is neither the colour before nor after.
# Asking for the animations brings the page's style up to date first, so a fade that a change of state
# (focus, a class) has just started is among them.
FINISH = """() => {
    for (const a of document.getAnimations()) {
        try {
            if (a.effect && a.effect.getComputedTiming().endTime !== Infinity) a.finish();
        } catch {
            /* one that cannot finish (paused at a rate of 0) is not a fade in progress */
        }
    }
}"""
# The same, once every change a script makes on a timer or a frame has happened: the theme opens its search
# on a 1 ms timer after the focus moves (a debounce), then on the frame after (a 250 ms fade). So a timer
# first (timers fire in the order they are due, so the theme's comes first, and asks for its frame first),
# then a frame: frame callbacks run in the order asked for, so the theme's change is made before this one
# reads the animations.
SETTLE = f"""async () => {{
    await new Promise((done) => setTimeout(done, 10));
    await new Promise((done) => requestAnimationFrame(done));
    ({FINISH})();
}}"""


def settle(visit: Visit) -> None:
    """Bring every finite animation and transition to its end (SETTLE)."""
    visit.page.evaluate(SETTLE)


def search_for(page: object, word: str) -> object:
    """Type ``word`` in the theme's search box, as a reader does, and return the first result's link once the
    results are the whole word's: they are drawn again for each letter, and the theme adds the words to
    highlight to each link (``?h=word``)."""
    from playwright.sync_api import expect

    if page.evaluate("() => Boolean(window.Worker && window.Worker.mxNoSearch)"):
        pytest.fail("this page's visit has the theme's search off: open it with open_browser(search=True)")
    page.locator(".md-search__input").first.click()
    page.locator(".md-search__input").first.press_sequentially(word)
    link = page.locator(".md-search-result__item a").first
    expect(link).to_have_attribute("href", re.compile(rf"\?h={re.escape(word)}(#|$)"))
    return link


# A part of a long page out of view is styled only when something reads it (content-visibility), and its fade
# to a new scheme's colours starts then: reading every element's style once starts every fade at once.
RESTYLE = "() => { for (const element of document.querySelectorAll('*')) getComputedStyle(element).color; }"


def switch_scheme(visit: Visit, scheme: str, *, theme: bool = True) -> None:
    """Turn the system's colour scheme to ``scheme``, as a device does at dusk, and wait until the page has
    followed it: the theme's palette (unless ``theme`` is False: the deck has its own) and every fade."""
    visit.page.emulate_media(color_scheme=scheme)
    if theme:
        expected = "slate" if scheme == "dark" else "default"
        visit.page.wait_for_function(f"() => document.body.dataset.mdColorScheme === '{expected}'")
    visit.page.evaluate(RESTYLE)
    settle(visit)


# axe-core, from the package that ships it for Playwright; put on a page once, then run as often as needed. Its
# rules on by default, and WCAG 2.2's target size (2.5.8, level AA), which axe leaves off unless asked.
AXE_RUN = """async () => {
    const results = await axe.run(document, { rules: { "target-size": { enabled: true } }, resultTypes: ["violations"] });
    return results.violations.map((v) => `${v.id}: ${v.help} -> ${JSON.stringify(v.nodes.slice(0, 5).map((n) => n.target))}`);
}"""


@functools.cache
def _axe_source() -> str:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


def violations(visit: Visit) -> list[str]:
    """Run every axe rule that is on by default, and target size, and describe each violation."""
    settle(visit)
    if not visit.page.evaluate("() => typeof axe === 'object'"):
        visit.page.evaluate(_axe_source())
    return visit.page.evaluate(AXE_RUN)
