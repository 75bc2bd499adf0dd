"""When each entry of the mapping was added and last changed, from git blame.

One `git blame` of the mapping per build, started before the checks and read after them. Outside a
git checkout (a source tarball, a copy), or when git is missing, there is simply no history: callers
show nothing.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path


@dataclass(frozen=True)
class History:
    """An entry's first and latest commit dates."""

    added: date
    changed: date


class Blame:
    """One `git blame` of a file, started at once and read when its answer is needed (it runs while the
    checks do). Outside a git checkout, or without git, it answers nothing."""

    def __init__(self, path: Path) -> None:
        try:
            self._process: subprocess.Popen[str] | None = subprocess.Popen(
                ["git", "blame", "--line-porcelain", "--", path.name],
                cwd=path.parent,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
        except OSError:
            self._process = None
        self._times: dict[int, int] | None = None

    def __enter__(self) -> Blame:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.communicate()

    def line_times(self) -> dict[int, int]:
        """Return the commit time of each committed line (1-based); {} if git cannot say. Asked again, the
        same answer."""
        if self._times is None:
            self._times = self._read()
        return self._times

    def _read(self) -> dict[int, int]:
        if self._process is None:
            return {}
        try:
            output, _ = self._process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            return {}
        if self._process.returncode != 0:
            return {}
        times: dict[int, int] = {}
        line = 0
        uncommitted = False
        for row in output.splitlines():
            if row.startswith("\t"):
                continue
            head, _, rest = row.partition(" ")
            if len(head) == 40 and rest[:1].isdigit():
                line = int(rest.split()[1])
                uncommitted = set(head) == {"0"}
            elif head == "committer-time" and not uncommitted:
                times[line] = int(rest)
        return times


def entry_history(blame: Blame, ids: list[str], starts: list[int]) -> dict[str, History]:
    """Return each entry's history, by id, given the line each entry starts on; {} when git cannot tell."""
    times = blame.line_times()
    if not times:
        return {}
    ends = [*(line - 1 for line in starts[1:]), max(times)]
    history = {}
    for entry_id, start, end in zip(ids, starts, ends, strict=True):
        committed = [times[line] for line in range(start, end + 1) if line in times]
        if start in times and committed:
            history[entry_id] = History(added=_day(times[start]), changed=_day(max(committed)))
    return history


def _day(timestamp: int) -> date:
    return datetime.fromtimestamp(timestamp, tz=UTC).date()
