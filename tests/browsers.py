"""Find a Chromium for the browser tests: the system's, or Playwright's own download.

Run as a script it prints the path, or explains what to install and exits 1.
"""

from __future__ import annotations

import os
import shutil
import sys

# Quiet, offline-friendly flags: without the background-networking ones Chromium dials out at start.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HELP = (
    "No Chromium found for the browser tests. Install one: on Debian or Ubuntu, as root, "
    "`apt-get install -y --no-install-recommends chromium-headless-shell` (or chromium); elsewhere "
    "`.venv/bin/python -m playwright install chromium`; or set CHROMIUM=/path/to/chromium."
)


# Chromium's headless shell (Debian's chromium-headless-shell, Playwright's default for headless runs) is
# the same engine without the browser around it: a page opens in half the time and a fraction of the CPU.
HEADLESS_SHELLS = ("chromium-headless-shell", "headless_shell")
BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def find_chromium(*, full: bool = False) -> str | None:
    """Return the first runnable Chromium: $CHROMIUM, the system's headless shell (unless ``full``: a whole
    browser, as Lighthouse needs), the system's Chromium, then Playwright's."""
    names = BROWSERS if full else HEADLESS_SHELLS + BROWSERS
    candidates = [os.environ.get("CHROMIUM", ""), *(shutil.which(name) or "" for name in names)]
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            bundled = playwright.chromium.executable_path
    except Exception:
        return None
    return bundled if os.access(bundled, os.X_OK) else None


if __name__ == "__main__":
    found = find_chromium()
    print(found or HELP, file=sys.stdout if found else sys.stderr)
    sys.exit(0 if found else 1)
