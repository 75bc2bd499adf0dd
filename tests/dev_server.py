"""`mkdocs serve` in a project folder, driven the way a browser tab drives it: no fixed waits.

The dev server injects a live-reload script into every page it serves, naming the build the page
came from (its epoch), and answers ``/livereload/<epoch>/<id>`` as soon as a newer build is ready.
``after_change`` uses that same channel: it makes a change, then waits for the build that follows
it, so a test awaits exactly the condition a reader's browser awaits. Used by the tests and by
scripts/benchmark.py.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

_EPOCH = re.compile(r"livereload\((\d+),")


def free_port() -> int:
    """Return a loopback port nobody listened on a moment ago (another process may take it before the server
    binds it: DevServer then starts again on another)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class DevServer:
    """`mkdocs serve` on a free loopback port, with its log kept as it runs."""

    def __init__(self, root: Path, *, start_timeout: float = 60, attempts: int = 5) -> None:
        self.root = root
        for _ in range(attempts):
            if self._start(free_port(), start_timeout):
                return
            if not any("Address already in use" in line for line in self.log):
                break  # not a port taken between free_port() and the bind, which another port would cure
        raise RuntimeError("mkdocs serve did not start:\n" + "\n".join(self.log))

    def _start(self, port: int, timeout: float) -> bool:
        """Start the server on ``port``; tell whether it serves (else it has stopped, its log says why)."""
        address = f"127.0.0.1:{port}"
        self.url = f"http://{address}/"
        self.log: list[str] = []
        self._serving = threading.Event()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
        for name in ("SITE_URL", "ESSAY_TEXT", "OFFLINE"):
            env.pop(name, None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", address],
            cwd=self.root,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        threading.Thread(target=self._read_log, daemon=True).start()
        if self._serving.wait(timeout) and any("Serving on" in line for line in self.log):
            return True
        self.close()
        return False

    def _read_log(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.log.append(line.rstrip("\n"))
            if "Serving on" in line:
                self._serving.set()
        self._serving.set()  # the server stopped: let a waiting start see it

    def get(self, path: str = "", *, timeout: float = 30) -> str:
        """Return the page at ``path`` as the dev server serves it now."""
        with urllib.request.urlopen(self.url + path, timeout=timeout) as response:
            return response.read().decode("utf-8")

    def after_change(self, change: Callable[[], None], path: str = "", *, timeout: float = 120) -> str:
        """Make ``change``, wait for the build it causes to be served, and return the page at ``path`` then."""
        seen = int(_EPOCH.search(self.get(path)).group(1))
        change()
        deadline = time.monotonic() + timeout
        while True:  # each request returns when a newer build is ready, or after the server's own minute
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no new build was served within {timeout} s:\n" + "\n".join(self.log))
            with urllib.request.urlopen(f"{self.url}livereload/{seen}/0", timeout=remaining) as response:
                if int(response.read()) > seen:
                    return self.get(path)

    def close(self) -> None:
        """Stop the server as Ctrl-C does, so that it removes the site it built in a temporary folder (on a
        SIGTERM it leaves it behind); one that does not stop within 10 s is killed."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def __enter__(self) -> DevServer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
