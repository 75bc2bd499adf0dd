"""When each entry of the mapping was added and last changed, from git blame.

One `git blame` of the mapping per build. Outside a git checkout (a source tarball, a copy),
or when git is missing, there is simply no history: callers show nothing.
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


def entry_history(mapping: Path, ids: list[str], starts: list[int]) -> dict[str, History]:
    """Return each entry's history, by id, given the line each entry starts on; {} when git cannot tell."""
    times = _line_times(mapping)
    if not times:
        return {}
    ends = [*(line - 1 for line in starts[1:]), max(times)]
    history = {}
    for entry_id, start, end in zip(ids, starts, ends, strict=True):
        committed = [times[line] for line in range(start, end + 1) if line in times]
        if start in times and committed:
            history[entry_id] = History(added=_day(times[start]), changed=_day(max(committed)))
    return history


def _line_times(path: Path) -> dict[int, int]:
    """Return the commit time of each committed line of ``path`` (1-based); {} if git cannot say."""
    try:
        result = subprocess.run(
            ["git", "blame", "--line-porcelain", "--", path.name],
            cwd=path.parent,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return {}
    if result.returncode != 0:
        return {}
    times: dict[int, int] = {}
    line = 0
    uncommitted = False
    for row in result.stdout.splitlines():
        if row.startswith("\t"):
            continue
        head, _, rest = row.partition(" ")
        if len(head) == 40 and rest[:1].isdigit():
            line = int(rest.split()[1])
            uncommitted = set(head) == {"0"}
        elif head == "committer-time" and not uncommitted:
            times[line] = int(rest)
    return times


def _day(timestamp: int) -> date:
    return datetime.fromtimestamp(timestamp, tz=UTC).date()
