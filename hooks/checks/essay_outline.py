"""The essay page of a copy without permission to publish the essay: the site's outline, read and checked.

``docs/essay-outline.md`` says in the site's words what the essay argues and how it runs, one
paragraph per paragraph of the essay, each ending with that paragraph's anchor line (``{: #p-07 }``)
as ``docs/essay.md`` writes it, and quotes her words only in curly quotation marks. A build with
``ESSAY_TEXT=excerpts`` shows it on the essay page instead of the essay, once it holds that:

- its paragraphs carry the essay's anchors, in order, one each (so every link to ``#p-NN`` lands);
- every quotation is verbatim in one paragraph of the essay (the essay's title aside);
- no paragraph of the essay is shown whole, not even one of a single line;
- at most a fifth of the essay's sentences appear whole in it.

Every problem is placed on its line of the file, as the mapping's are.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from itertools import zip_longest
from pathlib import Path

from mkdocs.utils.meta import get_data

from model.metaphor_model import Quote
from sources.essay_source import Essay
from sources.yaml_source import InvalidData, Problem

OUTLINE = "essay-outline.md"
SHARE = 5  # at most one sentence of the essay in SHARE appears whole on the page
_ANCHOR_LINE = re.compile(r"\{:\s*#(\S+)\s*\}")
_REFERENCE = re.compile(r"\[[^\]]+\]:\s*\S.*")  # a link's definition: [original]: {{ original_url }}
_QUOTATION = re.compile(r"“(.*?)”", re.S)
_WHOLE = {1: "its one sentence", 2: "both its sentences"}  # how much of a paragraph shown whole is shown


@dataclass(frozen=True)
class Outline:
    """The outline as the essay page shows it, and what it shows of the essay."""

    markdown: str  # its body, a template of Markdown
    first_line: int  # the line of the file the body starts on
    description: str  # what the essay page says it is (a template)
    quotes: tuple[Quote, ...]  # its quotations of the essay, each located in its paragraph
    shown: frozenset[tuple[str, int]]  # the essay's sentences that appear whole in it: (anchor, offset)


@dataclass(frozen=True)
class _Block:
    """A paragraph of the outline's source: where it starts, its text, and the anchor it ends with."""

    line: int
    text: str
    anchor: str | None
    anchor_line: int


def read_outline(path: Path, *, essay: Essay) -> Outline:
    """Read the outline and check it against the essay; raise InvalidData listing every problem."""
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidData([Problem(1, f"cannot read the file: {exc}")]) from None
    body, meta = get_data(source)
    first_line = source[: source.find(body)].count("\n") + 1 if body else 1
    problems: list[Problem] = []
    description = meta.get("description")
    if not isinstance(description, str) or not description.strip():
        problems.append(Problem(1, "its front matter needs a description: what the essay page is in this copy"))
    blocks = _blocks(body, first_line)
    problems += _anchor_problems(blocks, essay)
    quotes, quote_problems = _quotes(blocks, essay)
    shown = _shown(blocks, essay)
    problems += quote_problems + _shown_problems(shown, essay)
    if problems:
        raise InvalidData(problems)
    return Outline(body, first_line, str(description), tuple(quotes), frozenset(shown))


def _blocks(body: str, first_line: int) -> list[_Block]:
    """Return the paragraphs of the body (runs of lines between blank ones), leaving out link definitions."""
    blocks, run = [], []
    for number, line in enumerate([*body.splitlines(), ""], start=first_line):
        if line.strip():
            run.append((number, line))
            continue
        if run and not all(_REFERENCE.fullmatch(text.strip()) for _, text in run):
            last = _ANCHOR_LINE.fullmatch(run[-1][1].strip())
            lines = run[:-1] if last else run
            text = "\n".join(text for _, text in lines)
            blocks.append(_Block(run[0][0], text, last.group(1) if last else None, run[-1][0]))
        run = []
    return blocks


def _anchor_problems(blocks: list[_Block], essay: Essay) -> list[Problem]:
    """Say where the outline's anchors differ from the essay's paragraphs, in order, one each."""
    expected = [paragraph.anchor for paragraph in essay.paragraphs]
    found = [block.anchor for block in blocks]
    end = blocks[-1].anchor_line if blocks else 1
    problems = []
    matcher = difflib.SequenceMatcher(None, found, expected, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for block, want in zip_longest(blocks[i1:i2], expected[j1:j2]):
            if block is None:
                line = blocks[i2].line if i2 < len(blocks) else end
                message = f"no paragraph outlines {want}: write one here, ending with the line '{{: #{want} }}'"
            elif want is None:
                line = block.anchor_line
                what = f"anchor {block.anchor}" if block.anchor else "this paragraph, with no anchor,"
                message = (
                    f"{what} outlines none of the essay's paragraphs ({expected[0]} to {expected[-1]}, one "
                    "paragraph each, in order): remove it, or join it to the paragraph it belongs to"
                )
            elif block.anchor is None:
                line = block.anchor_line
                message = f"this paragraph has no anchor: end it with the line '{{: #{want} }}'"
            else:
                line = block.anchor_line
                message = (
                    f"anchor {block.anchor} where {want} comes: the outline's paragraphs carry the essay's "
                    "anchors in order, one each"
                )
            problems.append(Problem(line, message))
    return problems


def _quotes(blocks: list[_Block], essay: Essay) -> tuple[list[Quote], list[Problem]]:
    """Return the quotations of the essay, located; and a problem for each that is not its words."""
    quotes, problems = [], []
    for block in blocks:
        for match in _QUOTATION.finditer(block.text):
            text = " ".join(match.group(1).split())
            if text == essay.credit.title:
                continue  # the essay's title, named
            line = block.line + block.text.count("\n", 0, match.start())
            problem = essay.quote_problem(text)
            if problem is not None:
                problems.append(Problem(line, problem, subject=f"“{text}”"))
            else:
                quotes.append(Quote(text, essay.paragraphs_containing(text)[0].anchor))
        if '"' in block.text:
            line = block.line + block.text[: block.text.index('"')].count("\n")
            problems.append(
                Problem(line, "straight quotation marks: quote the essay in curly ones, “…”, which the build checks")
            )
    return quotes, problems


def _shown(blocks: list[_Block], essay: Essay) -> dict[tuple[str, int], int]:
    """Return the essay's sentences that appear whole in the outline, each with the line it is on."""
    shown = {}
    for paragraph in essay.paragraphs:
        for offset, sentence in paragraph.sentences:
            pattern = re.compile(r"\s+".join(map(re.escape, sentence.split())))
            for block in blocks:
                if (match := pattern.search(block.text)) is not None:
                    shown[(paragraph.anchor, offset)] = block.line + block.text.count("\n", 0, match.start())
                    break
    return shown


def _shown_problems(shown: dict[tuple[str, int], int], essay: Essay) -> list[Problem]:
    """Say where the outline shows a paragraph of the essay whole, or more than its share of sentences."""
    problems = []
    for paragraph in essay.paragraphs:
        lines = [shown.get((paragraph.anchor, offset)) for offset, _ in paragraph.sentences]
        if None not in lines:
            count = _WHOLE.get(len(lines), f"all {len(lines)} of its sentences")
            problems.append(
                Problem(
                    max(lines),
                    f"shows the essay's paragraph {paragraph.anchor} whole ({count}): quote less of it, "
                    "and say the rest in the site's words",
                )
            )
    total = sum(len(paragraph.sentences) for paragraph in essay.paragraphs)
    limit = total // SHARE
    if len(shown) > limit:
        line = sorted(shown.values())[limit]
        problems.append(
            Problem(
                line,
                f"shows {len(shown)} of the essay's {total} sentences whole, more than a fifth (at most {limit}; "
                f"the {_ordinal(limit + 1)} is on this line): quote less, and say more in the site's words",
            )
        )
    return problems


def _ordinal(number: int) -> str:
    """Write 14 as "14th", 22 as "22nd"."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
