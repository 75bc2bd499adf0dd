"""Run `python -m mkdocs ...` for the tests without paying Python's start each time.

A build started as a new process spends about half a second importing MkDocs, the theme, Markdown's
extensions and the libraries the hooks use before it reads a file: a tenth of a build, for each of the
forty or so builds a test run makes. So each test worker starts this script once; it forks a child for
each build, and the child runs MkDocs' command line as `python -m mkdocs` would, in the build's folder and
environment, printing to files the worker reads. The child then lists the installed modules it imported,
and the server imports them too, so that the next child starts with them loaded.

Only modules from Python's own library and the installed packages are imported ahead: never the project's
hooks (each copy of the project has its own, which MkDocs loads from the copy as usual), nor any module
named as one of them. What a module decides as it is imported stays decided: Material prints its
end-of-life banner on import unless NO_MKDOCS_2_WARNING is set, and the tests' builds always set it.

As a script it serves requests, one JSON line each on its input, answering each with the child's pid and
then its exit status.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import locale
import os
import runpy
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any, TextIO

HOOKS = Path(__file__).resolve().parent.parent / "hooks"
INSTALLED = tuple({os.path.realpath(p) + os.sep for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)})


class BuildServer:
    """The worker's end: start the server when first asked, and run commands through it like subprocess.run."""

    def __init__(self) -> None:
        self._server: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()
        self._folder = Path(tempfile.mkdtemp(prefix="mx-builds-"))
        atexit.register(shutil.rmtree, self._folder, ignore_errors=True)

    def run(
        self, args: list[str], *, cwd: Path, env: dict[str, str], timeout: float
    ) -> subprocess.CompletedProcess[str]:
        """Run ``python -m mkdocs <args>`` in ``cwd`` with ``env``, as subprocess.run(..., capture_output=True, text=True)."""
        command = [sys.executable, "-m", "mkdocs", *args]
        out, err = self._folder / "stdout", self._folder / "stderr"
        with self._lock:
            for path in (out, err):
                path.unlink(missing_ok=True)  # never the last build's, if this one prints nothing
            server = self._start()
            child: list[int] = []  # the build's pid, once the server has said it
            expired = threading.Event()
            timer = threading.Timer(timeout, _kill, (child, server, expired))
            timer.start()
            try:
                request = {"args": args, "cwd": str(cwd), "env": env, "stdout": str(out), "stderr": str(err)}
                server.stdin.write(json.dumps(request) + "\n")
                server.stdin.flush()
                child.append(_number(server))
                returncode = _number(server)
            finally:
                timer.cancel()
            encoding = locale.getpreferredencoding(False)
            stdout, stderr = (path.read_text(encoding=encoding) if path.exists() else "" for path in (out, err))
        if expired.is_set():
            raise subprocess.TimeoutExpired(command, timeout, stdout, stderr)
        return subprocess.CompletedProcess(command, returncode, stdout, stderr)

    def _start(self) -> subprocess.Popen[str]:
        if self._server is None or self._server.poll() is not None:
            self._server = subprocess.Popen(
                [sys.executable, __file__],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            )
        return self._server


def _number(server: subprocess.Popen[str]) -> int:
    """Read the server's next answer: a pid (above 0) or an exit status."""
    line = server.stdout.readline()
    if not line:
        raise RuntimeError(f"the build server (tests/build_server.py) stopped, with status {server.wait()}")
    return int(line)


def _kill(child: list[int], server: subprocess.Popen[str], expired: threading.Event) -> None:
    """Stop a build that has run out of time: the child, or the server if it never started one."""
    expired.set()
    with contextlib.suppress(ProcessLookupError):
        if child and child[0] > 0:
            os.kill(child[0], signal.SIGKILL)
        else:
            server.kill()


def serve() -> None:
    """Answer each request on standard input by building in a child; import what the child imported."""
    del sys.path[0]  # this script's folder (tests/): a build sees the project's folder there instead
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C stops the test run, and this quietly
    hooks = {path.stem for path in HOOKS.iterdir()}
    first = sys.path.copy()
    reply = os.fdopen(os.dup(1), "w")  # the answers, alone on the pipe: what modules print goes to stderr
    os.dup2(2, 1)
    with contextlib.suppress(BrokenPipeError):  # the worker has ended
        _serve(reply, hooks, first)


def _serve(reply: TextIO, hooks: set[str], first: list[str]) -> None:
    for line in sys.stdin:
        request = json.loads(line)
        modules = Path(request["stdout"]).with_name("modules.json")
        reply.flush()
        pid = os.fork()
        if pid == 0:
            _child(request, first, modules)
        print(pid, file=reply, flush=True)
        _, status = os.waitpid(pid, 0)
        print(os.waitstatus_to_exitcode(status), file=reply, flush=True)
        with contextlib.suppress(OSError):  # none, when the worker has ended meanwhile (its folder is gone)
            names = json.loads(modules.read_text(encoding="utf-8"))
            modules.unlink()
            for name in names:
                if name.partition(".")[0] not in hooks and name not in sys.modules:
                    try:
                        __import__(name)
                    except Exception:  # a module that imports only in its own context is left to the build
                        pass


def _child(request: dict[str, Any], path: list[str], modules: Path) -> None:
    """Run MkDocs' command line as `python -m mkdocs` would, then exit with its status (never return)."""
    code = 1
    try:
        for fd, name in ((1, "stdout"), (2, "stderr")):
            os.dup2(os.open(request[name], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), fd)
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        try:
            signal.signal(signal.SIGINT, signal.default_int_handler)
            os.chdir(request["cwd"])
            os.environ.clear()
            os.environ.update(request["env"])
            sys.dont_write_bytecode = bool(os.environ.get("PYTHONDONTWRITEBYTECODE"))
            sys.path[:] = [request["cwd"], *path]
            sys.argv = ["-m", *request["args"]]
            runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
            if isinstance(exit_.code, str):
                print(exit_.code, file=sys.stderr)
        except BaseException:  # printed as Python prints an uncaught exception
            import traceback

            traceback.print_exc()
        installed = [
            name
            for name, module in list(sys.modules.items())
            if os.path.realpath(getattr(module, "__file__", None) or "/").startswith(INSTALLED)
            and not os.path.realpath(module.__file__).startswith(os.path.realpath(request["cwd"]) + os.sep)
        ]
        modules.write_text(json.dumps(installed), encoding="utf-8")
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


if __name__ == "__main__":
    serve()
