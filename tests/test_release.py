"""Release engineering: reproducible builds, pins, per-entry history from git, and edit links."""

from __future__ import annotations

import filecmp
import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, Project

ZIP = [sys.executable, str(ROOT / "scripts" / "zip_site.py")]


def build(project: Project, site: Path, **env: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project.root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def differing(left: Path, right: Path) -> list[str]:
    """List the files that differ between two trees (missing on either side counts)."""
    found = []
    comparison = filecmp.dircmp(left, right)
    stack = [(comparison, "")]
    while stack:
        node, prefix = stack.pop()
        found += [prefix + name for name in node.left_only + node.right_only + node.diff_files + node.funny_files]
        _, mismatch, errors = filecmp.cmpfiles(node.left, node.right, node.common_files, shallow=False)
        found += [prefix + name for name in mismatch + errors]
        stack += [(sub, f"{prefix}{name}/") for name, sub in node.subdirs.items()]
    return sorted(set(found))


def test_two_builds_of_the_same_commit_are_byte_identical(small: Project, tmp_path: Path) -> None:
    project = small
    epoch = {"SOURCE_DATE_EPOCH": "1700000000"}
    build(project, tmp_path / "one", **epoch)
    build(project, tmp_path / "two", **epoch)
    assert differing(tmp_path / "one", tmp_path / "two") == []
    assert "<lastmod>2023-11-14</lastmod>" in (tmp_path / "one" / "sitemap.xml").read_text(encoding="utf-8")
    for name in ("a.zip", "b.zip"):  # the zipper writes the same bytes every time
        subprocess.run([*ZIP, str(tmp_path / "one"), str(tmp_path / name)], env={**os.environ, **epoch}, check=True)
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()


def pins(path: Path) -> dict[str, str]:
    text = path.read_text(encoding="utf-8")
    found = dict(re.findall(r"^([a-z0-9][a-z0-9._-]*)==([^\s\\]+)", text, re.M))
    hashed = re.findall(r"^[a-z0-9][a-z0-9._-]*==[^\s\\]+ \\\n(?:\s+--hash=sha256:[0-9a-f]{64}(?: \\)?\n)+", text, re.M)
    assert len(hashed) == len(found), f"{path.name}: every pin needs hashes"
    return found


def test_dependencies_are_exact_pins_with_hashes_and_agree() -> None:
    build_pins = pins(ROOT / "requirements.txt")
    test_pins = pins(ROOT / "requirements-test.txt")
    fallback_pins = pins(ROOT / "requirements-properdocs.txt")
    assert build_pins["mkdocs"] == "1.6.1" and build_pins["mkdocs-material"].startswith("9.8.")
    assert "mkdocs>=1.6.1,<2" in (ROOT / "requirements.in").read_text(encoding="utf-8")
    for other in (test_pins, fallback_pins):
        assert {name: version for name, version in other.items() if name in build_pins} == {
            name: build_pins[name] for name in other if name in build_pins
        }
    assert set(build_pins) <= set(test_pins)


def test_workflows_pin_every_action_to_a_release() -> None:
    for workflow in (ROOT / ".github" / "workflows").glob("*.yml"):
        for action in re.findall(r"uses:\s*(\S+)", workflow.read_text(encoding="utf-8")):
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+\.\d+\.\d+", action), (workflow.name, action)


def git(project: Path, *args: str, date: str) -> None:
    """Run git in ``project`` as a test author, with the author and commit dates set to ``date``."""
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run(["git", *identity, *args], cwd=project, env=env, check=True, capture_output=True)


def test_each_entry_shows_when_it_was_added_and_last_changed(small: Project, small_mapping: dict) -> None:
    project, mapping = small, small_mapping
    root = project.root
    project.built()  # outside a git checkout there is no history: the entries simply show none
    assert project.page("glossary/").select(".mx-entry__history") == []
    git(root, "init", "-q", "-b", "main", date="2024-01-02T10:00:00Z")
    git(root, "add", ".", date="2024-01-02T10:00:00Z")
    git(root, "commit", "-qm", "first", date="2024-01-02T10:00:00Z")
    first = mapping["entries"][0]
    text = project.mapping.read_text(encoding="utf-8")
    project.mapping.write_text(text.replace(first["breaks_down"], first["breaks_down"] + " Edited."), encoding="utf-8")
    git(root, "commit", "-qam", "edit", date="2025-03-04T10:00:00Z")
    project.built()
    glossary = project.page("glossary/")
    changed = glossary.find(id=first["id"]).select_one(".mx-entry__history")
    assert " ".join(changed.get_text().split()) == "Added 2 January 2024; last changed 4 March 2025."
    untouched = glossary.find(id=mapping["entries"][1]["id"]).select_one(".mx-entry__history")
    assert " ".join(untouched.get_text().split()) == "Added 2 January 2024."
    assert untouched.select_one("time")["datetime"] == "2024-01-02"
    explorer = project.page("explorer/")
    assert explorer.find(id=first["id"]).select_one(".mx-entry__history time:last-child")["datetime"] == "2025-03-04"


def test_edit_this_page_opens_the_file_a_page_shows(small: Project) -> None:
    project = small
    build(project, project.site, REPO_URL="https://github.com/example/site", EDIT_URI="edit/main/docs/")
    shows = {"glossary/": "metaphors.yml", "explorer/": "metaphors.yml", "glossary/routine-outage/": "metaphors.yml"}
    for page, source in {**shows, "scenarios/": "scenarios.yml"}.items():
        link = project.page(page).select_one("a.md-content__button[href*='/edit/']")
        assert link["href"] == f"https://github.com/example/site/edit/main/docs/{source}", page
    assert project.page("about/").select_one("a.md-content__button")["href"].endswith("/docs/about.md")
    assert project.page("essay/").select_one("a.md-content__button") is None  # the essay is not ours to edit
