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
    "`apt-get install -y --no-install-recommends chromium`; elsewhere "
    "`.venv/bin/python -m playwright install chromium`; or set CHROMIUM=/path/to/chromium."
)


def find_chromium() -> str | None:
    """Return the first runnable Chromium: $CHROMIUM, the system's, then Playwright's."""
    candidates = [os.environ.get("CHROMIUM", ""), "/usr/bin/chromium", "/usr/bin/chromium-browser"]
    candidates += [shutil.which(name) or "" for name in ("chromium", "chromium-browser", "google-chrome")]
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
