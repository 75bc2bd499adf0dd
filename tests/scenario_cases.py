"""A small valid scenarios file, and the mistakes contributors make in it, with their exact messages.

It rehearses only entries and phases that both the real mapping and mapping_cases.SMALL have, so a
project built with the small mapping uses it too (Project.use_mapping).
"""

from __future__ import annotations

from mapping_cases import at

FILE = "docs/scenarios.yml"

SMALL = """\
version: 1
scenarios:
  - id: the-review
    title: The review
    topic: Meetings
    setting: You are in a design review where a woman's proposal is questioned more than others'.
    setting_minutes: 1
    rehearses: [routine-outage, fast-and-safe]
    quotes:
      - "If you have to defend your ideas and plans more than your colleague, that slows you down."
    injects:
      - phase: respond
        text: The questions keep coming.
        questions: [What do you notice?]
        minutes: 3
        notes: Give the groups time to answer.
      - phase: respond
        text: The lead moves on.
        questions: [What could you say now?]
        minutes: 4
        notes: Ask for exact words.
    options:
      - kind: amplify
        action: Restate her point with her name on it.
        costs: Little.
        protects: Her credit.
      - kind: change-process
        action: Propose a checklist for every review.
        costs: Time.
        protects: Everyone who comes next.
    weigh_minutes: 1
    debrief: [What made it hard to act against sexism here?]
    debrief_minutes: 3
    minutes: 12
    notes: Nobody plays the person it happens to.
runbook:
  intro: Write down what your team will do.
  sections:
    - id: respond
      title: How we respond
      hint: Who to call.
      prompts: [Who can people talk to?]
  goal:
    title: My one goal
    hint: One thing, with a date.
"""


def change(old: str, new: str, *, text: str = SMALL) -> str:
    """Return SMALL (or ``text``) with ``old`` replaced by ``new`` (which must be there)."""
    assert old in text, old
    return text.replace(old, new, 1)


QUOTE = '      - "If you have'  # named: an f-string cannot hold a double quote on Python 3.11

CASES = {
    "yaml syntax error": (
        t := change("    rehearses: [routine-outage, fast-and-safe]", "    rehearses: [extra-review, fast-and-safe"),
        [
            f"{FILE}:{at(t, '    rehearses:') + 1}: YAML syntax error: the list opened with '[' on line "
            f"{at(t, '    rehearses:')} is not closed: add ']' at its end, or put text that contains ',' '[' or ']' "
            "in double quotes"
        ],
    ),
    "missing field": (
        t := change("    debrief_minutes: 3\n", ""),
        [
            f"{FILE}:{at(t, '  - id: the-review')}: scenario 'the-review': debrief_minutes: missing required field; "
            "add 'debrief_minutes:' to this item of 'scenarios': minutes for the debrief."
        ],
    ),
    "unknown field": (
        t := change("    notes: Nobody plays", "    note: Nobody plays"),
        [
            f"{FILE}:{at(t, '  - id: the-review')}: scenario 'the-review': notes: missing required field; add "
            "'notes:' to this item of 'scenarios': facilitator notes for the whole scenario.",
            f"{FILE}:{at(t, '    note:')}: scenario 'the-review': note: unknown field; did you mean 'notes'?",
        ],
    ),
    "a response of a kind that does not exist": (
        t := change("      - kind: amplify", "      - kind: shout"),
        [
            f"{FILE}:{at(t, '      - kind: shout')}: scenario 'the-review': options[0].kind: 'shout' is not one of "
            "the allowed values: interrupt, amplify, support, report, follow-up, change-process"
        ],
    ),
    "an inject in a phase that does not exist": (
        t := change("      - phase: respond", "      - phase: react"),
        [
            f"{FILE}:{at(t, '      - phase: react')}: scenario 'the-review': injects[0].phase: unknown phase 'react' "
            "(expected one of: prepare, detect, respond, learn)"
        ],
    ),
    "rehearsing an entry that does not exist": (
        t := change("[routine-outage, fast-and-safe]", "[routine-outage, fast-and-slow]"),
        [
            f"{FILE}:{at(t, '    rehearses:')}: scenario 'the-review': rehearses[1]: no entry of docs/metaphors.yml "
            "has the id 'fast-and-slow'; did you mean 'fast-and-safe'?"
        ],
    ),
    "minutes that do not add up": (
        t := change("    minutes: 12\n", "    minutes: 14\n"),
        [
            f"{FILE}:{at(t, '    minutes: 14')}: scenario 'the-review': minutes: its setting, injects, weighing and "
            "debrief add up to 12 minutes, not 14: change minutes, or setting_minutes, the minutes of its injects, "
            "weigh_minutes or debrief_minutes"
        ],
    ),
    "a topic the mapping does not list": (
        t := change("    rehearses: [routine-outage", "    topics: [politics]\n    rehearses: [routine-outage"),
        [
            f"{FILE}:{at(t, '    topics:')}: scenario 'the-review': topics[0]: no topic of docs/metaphors.yml "
            "(workshop.topics) has the id 'politics' (expected one of: race, harassment, reporting, leaving)"
        ],
    ),
    "a review marked done without its date and reviewers": (
        t := change(
            "    rehearses: [routine-outage",
            "    review:\n      needs: engineers it is about\n      status: done\n    rehearses: [routine-outage",
        ),
        [
            f"{FILE}:{at(t, '      needs:')}: scenario 'the-review': review.date: missing required field; add 'date:' "
            "under 'review:'",
            f"{FILE}:{at(t, '      needs:')}: scenario 'the-review': review.by: missing required field; add 'by:' "
            "under 'review:'",
        ],
    ),
    "minutes written in notes (warning)": (
        t := change("        notes: Give the groups time to answer.", "        notes: Give the groups three minutes."),
        [
            f"{FILE}:{at(t, '        notes: Give the groups three')}: scenario 'the-review': injects[0].notes: says "
            "“three minutes”: the pages show each block's minutes from its minutes fields, and a number written in "
            "notes goes stale when they change; leave the number out [warning]"
        ],
    ),
    "a quote not in the essay": (
        t := change("more than your colleague, that", "more than your colleagues, that"),
        [
            f"{FILE}:{at(t, QUOTE)}: scenario 'the-review': quotes[0]: not found verbatim in the "
            'essay (closest: "If you have to defend your ideas and plans more than your colleague, that slows you down."; '
            'the essay has "colleague," where the quote has "colleagues,")'
        ],
    ),
    "a duplicate id": (
        t := change("runbook:", SMALL[SMALL.index("  - id: the-review") : SMALL.index("runbook:")] + "runbook:"),
        [
            f"{FILE}:{at(t, '  - id: the-review', 2)}: scenario 'the-review': id: duplicate scenario id (first used "
            f"on line {at(t, '  - id: the-review')})"
        ],
    ),
    "empty text": (
        t := change("    setting: You are in", '    setting: ""\n    old_setting: You are in'),
        [
            f"{FILE}:{at(t, '    setting:')}: scenario 'the-review': setting: must not be empty",
            f"{FILE}:{at(t, '    old_setting:')}: scenario 'the-review': old_setting: unknown field; did you mean 'setting'?",
        ],
    ),
    "a runbook section that is not a phase": (
        t := change("    - id: respond", "    - id: before"),
        [
            f"{FILE}:{at(t, '    - id: before')}: runbook.sections[0].id: unknown phase 'before' (expected one of: prepare, detect, respond, learn)"
        ],
    ),
    "no question names the topic (warning)": (
        t := change(
            "    debrief: [What made it hard to act against sexism here?]", "    debrief: [What made it hard to act?]"
        ),
        [
            f"{FILE}:{at(t, '    debrief:')}: scenario 'the-review': debrief: no question names the topic: at least one "
            "question of the scenario should say sexism, women, gender or race plainly, so that the drill is about "
            "sexism and not only about process [warning]"
        ],
    ),
    "empty file": ("", [f"{FILE}:1: the file is empty; expected version, scenarios and runbook"]),
}
