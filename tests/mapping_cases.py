"""A small valid mapping, and the mistakes contributors make in it, for the validation tests."""

from __future__ import annotations

LONG_SHORT = "The workplace and everything in it, every day of every single week"  # a role's short name: 66 of 60

SMALL = """\
version: 1
roles:
  - outage: The production system
    sexism: The workplace
phases:
  - id: prepare
    title: Prepare
    summary: Before anything goes wrong.
    minutes: 5
    notes: Ask pairs first, then the room.
  - id: respond
    title: Respond
    summary: While it is going wrong.
    minutes: 4
    notes: Whole room.
entries:
  - id: routine-outage
    phase: prepare
    origin: essay
    outage:
      term: The routine outage
      meaning: Outages happen often enough to be routine.
    sexism:
      term: Expected sexism
      meaning: The essay says people learn to expect it.
    quotes:
      - "We learn to expect it."
      - "I have compound privilege"
      - "I started programming when I was twelve."
      - "Now I work on distributed systems."
      - "We write good code."
      - "No matter how hard we work."
      - "We start improvising."
      - "Afterwards, we’ll do a root cause analysis."
      - "you make a judgement call"
      - "There are places I won’t work."
      - "Men take risks too"
      - "I expected it to be different."
      - "You can do root cause analysis later."
    breaks_down: An outage has no intent.
    prompts:
      - What changes when sexism is routine?
    related: [fast-and-safe]
    minutes: 3
    notes: Start with the outage side.
  - id: fast-and-safe
    phase: respond
    origin: site
    outage:
      term: Fast and safe
      meaning: Try what is quick and cannot make things worse.
    sexism:
      term: Improvising under pressure
      meaning: The essay describes improvising in the moment.
    quotes:
      - "We try anything that is both fast and safe."
    breaks_down: A server does not remember how it was treated.
    prompts:
      - What counts as safe when sexism happens and there is no time to check?
    minutes: 4
    notes: Ask for examples from systems, not people.
workshop:
  opening:
    minutes: 5
    notes: Welcome everyone.
  content_note:
    minutes: 1
    notes: Read the content note and the opt-out.
  ground_rules:
    minutes: 1
    notes: Read the rules.
    rules:
      - rule: Pass is always fine.
        detail: No reason needed.
  passages:
    minutes: 5
    roles_minutes: 1
    map_minutes: 1
    limits_minutes: 1
    notes: Read them aloud.
    quotes:
      - "Sexism is like a production outage."
  break:
    minutes: 10
    over: 60
    notes: A real break.
  closing:
    minutes: 5
    notes: Thank everyone and credit the author.
    prompt: Write down one goal.
  presets:
    - id: short
      title: Short session
      minutes: 23
      entries: [routine-outage]
    - id: both
      title: Both entries
      minutes: 31
      entries: [routine-outage, fast-and-safe]
"""

FILE = "docs/metaphors.yml"


def at(text: str, snippet: str, nth: int = 1) -> int:
    """Return the 1-based line of the ``nth`` line of ``text`` that starts with ``snippet``."""
    lines = [number for number, line in enumerate(text.splitlines(), 1) if line.startswith(snippet)]
    return lines[nth - 1]


def entry_block(text: str, entry_id: str) -> tuple[int, int]:
    """Return where the entry ``entry_id`` starts and ends in the mapping's text."""
    start = text.index(f"  - id: {entry_id}\n")
    end = text.find("\n  - id: ", start + 1)
    return start, (len(text) if end < 0 else end + 1)


def add_quote(text: str, entry_id: str, quote: str) -> str:
    """Add ``quote`` first in the quotes of the entry ``entry_id``."""
    start, end = entry_block(text, entry_id)
    block = text[start:end].replace("    quotes:\n", f'    quotes:\n      - "{quote}"\n', 1)
    return text[:start] + block + text[end:]


def change(old: str, new: str, *, count: int = 1, text: str = SMALL) -> str:
    """Return SMALL (or ``text``) with ``old`` replaced by ``new`` (which must be there)."""
    assert old in text, old
    return text.replace(old, new, count)


# Lines that start with a double quote, named because f-strings cannot hold them on Python 3.11.
ACCEPT = '      - "We learn to accept'
DOUBLED = '      - "We learn to  expect'
NO_MATTER = '      - "No matter how"'
THATT = '      - "We try anything thatt"'
AFTERWARDS = '      - "Afterwards'
ALWAYS = '      - "We learn to always'
NOT_BOTH = '      - "We try anything that is fast'
IT_HAPPENS = '      - "It happens'
ITS = '      - "It'
OUTAGE_MISQUOTED = '      - "Sexism is like an'
EMPTY_TERM = '      term: ""'
WE_LEARN = '      - "We learn'
THIRD = '      - "We learn to expect it."\n    breaks_down: Third.'

THIRD_ENTRY = """\
  - id: third
    phase: respond
    origin: site
    outage: {term: Third, meaning: A third entry.}
    sexism: {term: Third, meaning: A third entry.}
    quotes:
      - "We learn to expect it."
    breaks_down: Third.
    prompts: ["Does sexism repeat?"]
    minutes: 2
    notes: Third.
workshop:"""

# The workshop's sensitive topics, for the cases that need one.
TOPICS = """workshop:
  topics:
    - id: race
      name: race
      note: how race and gender together shape the way failure is judged
  opening:"""

# Each case: the broken mapping, and the messages expected for it (lines found with `at`).
CASES = {
    "yaml syntax error: unclosed list": (
        t := change("    phase: respond\n", "    phase: [respond\n"),
        [
            f"{FILE}:{at(t, '    phase: [respond') + 1}: YAML syntax error: the list opened with '[' on line "
            f"{at(t, '    phase: [respond')} is not closed: add ']' at its end, or put text that contains ',' '[' or ']' "
            "in double quotes"
        ],
    ),
    "yaml syntax error: unquoted colon": (
        t := change("      meaning: Outages happen often enough", "      meaning: Outages happen: often enough"),
        [
            f"{FILE}:{at(t, '      meaning: Outages happen:')}: YAML syntax error: a ': ' inside unquoted text reads as "
            'a new field: put the whole text in double quotes (for example  meaning: "The essay says: ...")'
        ],
    ),
    "yaml syntax error: a first field indented too far": (
        t := change("    outage:\n      term: The routine outage\n", "    outage:\n       term: The routine outage\n"),
        [
            f"{FILE}:{at(t, '       term: The routine outage')}: YAML syntax error: 'term:' is indented one space "
            f"too far: the fields under 'outage:' (line {at(t, '       term: The routine outage') - 1}) go two spaces "
            "further in than it, as 'meaning:' on the next line does"
        ],
    ),
    "yaml syntax error: quoted notes indented too far": (
        t := change(
            "    notes: Start with the outage side.\n", '     notes: "Start with the outage side: then sexism."\n'
        ),
        [
            f"{FILE}:{at(t, '     notes: ')}: YAML syntax error: 'notes:' is indented one space more than 'minutes:' "
            f"on line {at(t, '     notes: ') - 1}, so YAML reads it as part of that field's value: line it up with "
            "'minutes:'"
        ],
    ),
    "yaml syntax error: a field indented too little, far down the file": (
        t := change("    phase: respond\n", "   phase: respond\n"),
        [
            f"{FILE}:{at(t, '   phase: respond')}: YAML syntax error: 'phase:' is indented one space less than "
            f"'id:' on line {at(t, '   phase: respond') - 1}, and lines up with no field above it: line it up with "
            "'id:' (the fields of one mapping line up exactly)"
        ],
    ),
    "yaml syntax error: an anchor": (
        t := change("    origin: essay\n", "    origin: &drawn essay\n"),
        [
            f"{FILE}:{at(t, '    origin: &drawn')}: YAML syntax error: an anchor (&drawn): the data files use no "
            "anchors or aliases; write each value out in full where it belongs"
        ],
    ),
    "yaml syntax error: a tab": (
        t := change("    origin: essay\n", "\torigin: essay\n"),
        [f"{FILE}:{at(t, chr(9))}: YAML syntax error: a tab character: YAML indents with spaces only"],
    ),
    "missing field": (
        t := change("    breaks_down: An outage has no intent.\n", ""),
        [
            f"{FILE}:{at(t, '  - id: routine-outage')}: entry 'routine-outage': breaks_down: missing required field; "
            "add 'breaks_down:' to the entry: where the comparison stops holding."
        ],
    ),
    "missing field with allowed values": (
        t := change("    origin: site\n", ""),
        [
            f"{FILE}:{at(t, '  - id: fast-and-safe')}: entry 'fast-and-safe': origin: missing required field; "
            "add 'origin: essay' or 'origin: site' to the entry"
        ],
    ),
    "missing nested field": (
        t := change("      meaning: Try what is quick and cannot make things worse.\n", ""),
        [
            f"{FILE}:{at(t, '      term: Fast and safe')}: entry 'fast-and-safe': outage.meaning: missing required "
            "field; add 'meaning:' under 'outage:': one plain sentence a non-engineer understands; the site's words, "
            "not the essay's."
        ],
    ),
    "fields indented too little": (
        t := change(
            "    sexism:\n      term: Expected sexism\n      meaning: The essay says",
            "    sexism:\n    term: Expected sexism\n    meaning: The essay says",
        ),
        [
            f"{FILE}:{at(t, '    term: Expected sexism')}: entry 'routine-outage': term: indent term and meaning "
            "under sexism: (they belong to sexism, so they need two more spaces than 'sexism:')"
        ],
    ),
    "text where a list is expected": (
        t := change('    quotes:\n      - "We try anything', '    quotes: "We try anything'),
        [
            f"{FILE}:{at(t, '    quotes: ')}: entry 'fast-and-safe': quotes: expected a list ('- ' before each item); "
            "found text"
        ],
    ),
    "number where text is expected": (
        t := change("      term: The routine outage", "      term: 404"),
        [
            f"{FILE}:{at(t, '      term: 404')}: entry 'routine-outage': outage.term: expected text; found a number "
            "(put it in quotes to use it as text)"
        ],
    ),
    "mapping where text is expected": (
        t := change(
            "    breaks_down: An outage has no intent.", "    breaks_down:\n      text: An outage has no intent."
        ),
        [
            f"{FILE}:{at(t, '      text: An outage')}: entry 'routine-outage': breaks_down: expected text; "
            "found a mapping"
        ],
    ),
    "text where minutes are expected": (
        t := change("    minutes: 3\n", "    minutes: three\n"),
        [
            f"{FILE}:{at(t, '    minutes: three')}: entry 'routine-outage': minutes: expected a whole number of "
            "minutes; found text 'three'"
        ],
    ),
    "minutes out of range": (
        t := change("    minutes: 4\n    notes: Whole", "    minutes: 0\n    notes: Whole"),
        [f"{FILE}:{at(t, '    minutes: 0')}: phases[1].minutes: 0 is out of range: use 1 to 60 minutes"],
    ),
    "a value outside the allowed ones": (
        t := change("    origin: site", "    origin: both"),
        [
            f"{FILE}:{at(t, '    origin: both')}: entry 'fast-and-safe': origin: 'both' is not one of the allowed "
            "values: essay, site"
        ],
    ),
    "an empty value where a few are allowed": (
        t := change("    origin: site", "    origin:"),
        [f"{FILE}:{at(t, '    origin:', 2)}: entry 'fast-and-safe': origin: must not be empty: use one of essay, site"],
    ),
    "unknown field": (
        t := change("    related: [fast-and-safe]\n", "    related: [fast-and-safe]\n    colour: red\n"),
        [
            f"{FILE}:{at(t, '    colour')}: entry 'routine-outage': colour: unknown field (expected one of: id, "
            "phase, origin, outage, sexism, quotes, breaks_down, prompts, minutes, notes, related, topics)"
        ],
    ),
    "misspelt field": (
        t := change("    prompts:\n      - What changes", "    prompt:\n      - What changes"),
        [
            f"{FILE}:{at(t, '  - id: routine-outage')}: entry 'routine-outage': prompts: missing required field; "
            "add 'prompts:' to the entry: one to three open questions for discussion; never ask anyone to disclose personal "
            "experiences.",
            f"{FILE}:{at(t, '    prompt:')}: entry 'routine-outage': prompt: unknown field; did you mean 'prompts'?",
        ],
    ),
    "repeated field": (
        t := change("    minutes: 3\n", "    minutes: 3\n    minutes: 4\n"),
        [
            f"{FILE}:{at(t, '    minutes: 3') + 1}: entry 'routine-outage': minutes: repeated field (first on line "
            f"{at(t, '    minutes: 3')}); a field may appear once"
        ],
    ),
    "duplicate id": (
        t := change("  - id: fast-and-safe", "  - id: routine-outage").replace("    related: [fast-and-safe]\n", ""),
        [
            f"{FILE}:{at(t, '  - id: routine-outage', 2)}: entry 'routine-outage': id: duplicate entry id (first used "
            f"on line {at(t, '  - id: routine-outage')})",
            f"{FILE}:{at(t, '      entries: [routine-outage, fast-and-safe]')}: preset 'both': entries[1]: "
            "no entry has the id 'fast-and-safe'",
        ],
    ),
    "id that is not a slug": (
        t := change("  - id: fast-and-safe", "  - id: Fast and safe"),
        [
            f"{FILE}:{at(t, '    related:')}: entry 'routine-outage': related[0]: no entry has the id "
            "'fast-and-safe'; did you mean 'Fast and safe'?",
            f"{FILE}:{at(t, '  - id: Fast')}: entry 'Fast and safe': id: 'Fast and safe' is not a slug: use lowercase "
            "letters, digits and single hyphens (e.g. 'routine-outage')",
            f"{FILE}:{at(t, '      entries: [routine-outage, fast-and-safe]')}: preset 'both': entries[1]: "
            "no entry has the id 'fast-and-safe'; did you mean 'Fast and safe'?",
        ],
    ),
    "unknown phase": (
        t := change("    phase: respond", "    phase: recover"),
        [
            f"{FILE}:{at(t, '    phase: recover')}: entry 'fast-and-safe': phase: unknown phase 'recover' "
            "(expected one of: prepare, respond)"
        ],
    ),
    "quote not in the essay": (
        t := change('"We learn to expect it."', '"We learn to accept it."'),
        [
            f"{FILE}:{at(t, ACCEPT)}: entry 'routine-outage': quotes[0]: not found verbatim in the essay "
            '(closest: "We learn to expect it."; the essay has "expect" where the quote has "accept")'
        ],
    ),
    "quote with a word added": (
        t := change('"We learn to expect it."', '"We learn to always expect it."'),
        [
            f"{FILE}:{at(t, ALWAYS)}: entry 'routine-outage': quotes[0]: not found verbatim "
            'in the essay (closest: "We learn to expect it."; the quote adds "always")'
        ],
    ),
    "quote with a word left out": (
        t := change('"We try anything that is both fast and safe."', '"We try anything that is fast and safe."'),
        [
            f"{FILE}:{at(t, NOT_BOTH)}: entry 'fast-and-safe': quotes[0]: not found "
            'verbatim in the essay (closest: "We try anything that is both fast and safe."; the quote leaves out "both")'
        ],
    ),
    "quote with a slip and a straight apostrophe": (
        t := change('"Afterwards, we’ll do a root cause analysis."', '"Afterwards, we\'ll do a root-cause analysis."'),
        [
            f"{FILE}:{at(t, AFTERWARDS)}: entry 'routine-outage': quotes[7]: not found verbatim in the essay "
            '(closest: "Afterwards, we’ll do a root cause analysis."; the essay has "root cause" where the quote has '
            '"root-cause"; copy the essay\'s ’ “ ” — × too)'
        ],
    ),
    "quote that ends mid-sentence on a slip": (
        t := change('"We try anything that is both fast and safe."', '"We try anything thatt"'),
        [
            f"{FILE}:{at(t, THATT)}: entry 'fast-and-safe': quotes[0]: not found verbatim in the essay (closest: "
            '"We try anything that is both fast and safe."; the essay has "that" where the quote has "thatt")'
        ],
    ),
    "quote with a straight apostrophe and a doubled space": (
        t := change('"Afterwards, we’ll do a root cause analysis."', '"Afterwards, we\'ll do a root  cause analysis."'),
        [
            f"{FILE}:{at(t, AFTERWARDS)}: entry 'routine-outage': quotes[7]: not found verbatim in the essay "
            '(closest: "Afterwards, we’ll do a root cause analysis."; they differ in spacing; copy the essay\'s '
            "’ “ ” — × too)"
        ],
    ),
    "quote with a doubled space": (
        t := change('"We learn to expect it."', '"We learn to  expect it."'),
        [
            f"{FILE}:{at(t, DOUBLED)}: entry 'routine-outage': quotes[0]: not found verbatim in "
            'the essay (closest: "We learn to expect it."; they differ in spacing)'
        ],
    ),
    "quote with straight apostrophes across sentences": (
        t := change(
            '"We try anything that is both fast and safe."',
            "\"It's inevitable. It happens. In fact, it happens so much it's routine.\"",
        ),
        [
            f"{FILE}:{at(t, ITS)}: entry 'fast-and-safe': quotes[0]: not verbatim in the essay: it differs only in "
            "typography; copy the essay's characters ’ “ ” — ×: \"It’s inevitable. It happens. In fact, it happens "
            'so much it’s routine."'
        ],
    ),
    "quote found in two paragraphs": (
        t := change('"We try anything that is both fast and safe."', '"It happens."'),
        [
            f"{FILE}:{at(t, IT_HAPPENS)}: entry 'fast-and-safe': quotes[0]: appears in more than one paragraph "
            "(p-05, p-06); quote more words so it points at one"
        ],
    ),
    "quote found twice in one paragraph": (
        t := change('"We try anything that is both fast and safe."', '"No matter how"'),
        [
            f"{FILE}:{at(t, NO_MATTER)}: entry 'fast-and-safe': quotes[0]: appears more than once in paragraph "
            "p-06; quote more words so it points at one"
        ],
    ),
    "key passage not in the essay": (
        t := change('"Sexism is like a production outage."', '"Sexism is like an outage."'),
        [
            f"{FILE}:{at(t, OUTAGE_MISQUOTED)}: workshop.passages.quotes[0]: not found verbatim in the essay "
            '(closest: "Sexism is like a production outage."; the essay has "a production" where the quote has "an")'
        ],
    ),
    "reference to a missing entry": (
        t := change("related: [fast-and-safe]", "related: [fast-and-save]"),
        [
            f"{FILE}:{at(t, '    related:')}: entry 'routine-outage': related[0]: no entry has the id "
            "'fast-and-save'; did you mean 'fast-and-safe'?"
        ],
    ),
    "reference to itself": (
        t := change("related: [fast-and-safe]", "related: [routine-outage]"),
        [f"{FILE}:{at(t, '    related:')}: entry 'routine-outage': related[0]: an entry cannot be related to itself"],
    ),
    "reference listed twice": (
        t := change("related: [fast-and-safe]", "related: [fast-and-safe, fast-and-safe]"),
        [f"{FILE}:{at(t, '    related:')}: entry 'routine-outage': related[1]: 'fast-and-safe' is listed twice"],
    ),
    "preset that does not add up": (
        t := change("      minutes: 23\n", "      minutes: 45\n"),
        [
            f"{FILE}:{at(t, '    - id: short')}: preset 'short': its agenda adds up to 23 minutes, not 45 (opening 5, "
            "passages 5, routine-outage 3, prepare discussion 5, closing 5): change its entries, scenarios or buffer, "
            "or the minutes of a block"
        ],
    ),
    "preset with an unknown entry": (
        t := change("entries: [routine-outage]", "entries: [routine]"),
        [
            f"{FILE}:{at(t, '      entries: [routine]')}: preset 'short': entries[0]: no entry has the id "
            "'routine'; did you mean 'routine-outage'?"
        ],
    ),
    "empty strings": (
        t := change("      term: Expected sexism", '      term: ""').replace(
            "      - What counts as safe when sexism happens and there is no time to check?", "      -"
        ),
        [
            f"{FILE}:{at(t, EMPTY_TERM)}: entry 'routine-outage': sexism.term: must not be empty",
            f"{FILE}:{t.splitlines().index('      -') + 1}: entry 'fast-and-safe': prompts[0]: must not be empty",
        ],
    ),
    "missing top-level section": (
        t := change("roles:\n  - outage: The production system\n    sexism: The workplace\n", ""),
        [
            f"{FILE}:1: roles: missing required field; add 'roles:' to the file: who plays which part in the "
            "metaphor, stated once so that every pairing uses the same casting. The site's reading, shown on the "
            "glossary, the explorer, the deck and the handout."
        ],
    ),
    "a role's short name too long for the map's legend": (
        t := change(
            "    sexism: The workplace\n",
            f"    sexism: The workplace\n    short: {LONG_SHORT}\n",
        ),
        [f"{FILE}:5: roles[0].short: is {len(LONG_SHORT)} characters long, and at most 60 fit: shorten it"],
    ),
    "another version": (
        t := change("version: 1", "version: 2"),
        [f"{FILE}:1: version: this site reads version 1 of the format"],
    ),
    "empty file": ("", [f"{FILE}:1: the file is empty; expected version, roles, phases, workshop and entries"]),
    "too many prompts": (
        t := change(
            "      - What changes when sexism is routine?\n",
            "      - What changes when sexism is routine?\n      - Two?\n      - Three?\n      - Four?\n",
        ),
        [
            f"{FILE}:{at(t, '      - What changes when sexism')}: entry 'routine-outage': prompts: has 4 items, at most 3 are allowed: keep the 3 that matter most"
        ],
    ),
    "an entry away from its phase's group (warning)": (
        t := change(
            "  - id: third\n    phase: respond\n",
            "  - id: third\n    phase: prepare\n",
            text=SMALL.replace("workshop:", THIRD_ENTRY, 1),
        ),
        [
            # Between two entries of prepare: the fewest to move is the one respond entry.
            f"{FILE}:{at(t, '    phase: respond')}: entry 'fast-and-safe': phase: it is in phase 'respond' but sits "
            "among the 'prepare' entries: move the entry to the other 'respond' entries, or correct its phase (the "
            "file lists its entries phase by phase, in the order of the phases, as the pages show them) [warning]"
        ],
    ),
    "a sentence quoted by three entries (warning)": (
        t := change(
            '      - "We try anything that is both fast and safe."', '      - "We learn to expect it."'
        ).replace("workshop:", THIRD_ENTRY, 1),
        [
            f"{FILE}:{at(t, WE_LEARN, 3)}: entry 'third': quotes[0]: the sentence \"We learn to expect it.\" (p-10) "
            "is already quoted by 'routine-outage' and 'fast-and-safe', and at most 2 entries may quote one sentence, so "
            "that each quote supports its own pairing (3 quote it now): quote another passage, or drop this quote "
            "[warning]"
        ],
    ),
    "no prompt names the topic (warning)": (
        t := change(
            "      - What counts as safe when sexism happens and there is no time to check?",
            "      - What counts as safe?",
        ),
        [
            f"{FILE}:{at(t, '      - What counts as safe?')}: entry 'fast-and-safe': prompts: no prompt names the topic: at least "
            "one should say sexism, women, gender or race plainly, so that the discussion is about sexism and not only "
            "about process [warning]"
        ],
    ),
    "a topic the workshop does not list": (
        t := change(
            "    minutes: 4\n    notes: Ask for examples",
            "    topics: [race]\n    minutes: 4\n    notes: Ask for examples",
        ),
        [
            f"{FILE}:{at(t, '    topics: [race]')}: entry 'fast-and-safe': topics[0]: no topic of workshop.topics has "
            "the id 'race' (it lists none: add the topic there first)",
            f"{FILE}:{at(t, '      entries: [routine-outage, fast-and-safe]')}: preset 'both': entries: the "
            "session would end with the pairing 'fast-and-safe', which touches on race: nothing sensitive may be a "
            "preset's last item; put another scenario or pairing after it",
        ],
    ),
    "a preset that ends on a sensitive pairing": (
        t := change(
            "    minutes: 4\n    notes: Ask for examples",
            "    topics: [race]\n    minutes: 4\n    notes: Ask for examples",
            text=change("workshop:\n  opening:", TOPICS),
        ),
        [
            f"{FILE}:{at(t, '      entries: [routine-outage, fast-and-safe]')}: preset 'both': entries: the "
            "session would end with the pairing 'fast-and-safe', which touches on race: nothing sensitive may be a "
            "preset's last item; put another scenario or pairing after it"
        ],
    ),
    "words in quotation marks that are not the essay's": (
        t := change(
            "      meaning: The essay says people learn to expect it.",
            "      meaning: The essay says people “learn to accept it”.",
        ),
        [
            f"{FILE}:{at(t, '      meaning: The essay says people')}: entry 'routine-outage': sexism.meaning: “learn "
            "to accept it” is in quotation marks but is not the essay's words: quote her exactly (with her "
            "typographic characters), or say it in the site's words without quotation marks"
        ],
    ),
    "a quote on outages written with a misspelt key": (
        t := change('      - "We start improvising."', '      - outages: "We start improvising."'),
        [
            f"{FILE}:{at(t, '      - outages:')}: entry 'routine-outage': quotes[6].outages: unknown field; did you "
            "mean 'outage'?",
            f"{FILE}:{at(t, '      - outages:')}: entry 'routine-outage': quotes[6].outage: missing required field; "
            "add 'outage:' to this item of 'quotes': her words about outages, copied exactly from one paragraph.",
        ],
    ),
    "minutes written in notes (warning)": (
        t := change("    notes: Ask pairs first, then the room.", "    notes: Ask pairs first for two minutes."),
        [
            f"{FILE}:{at(t, '    notes: Ask pairs first for')}: phases[0].notes: says “two minutes”: the pages "
            "show each block's minutes from its minutes fields, and a number written in notes goes stale when they "
            "change; leave the number out [warning]"
        ],
    ),
    "opening slides that leave the welcome no time": (
        t := change("  content_note:\n    minutes: 1\n", "  content_note:\n    minutes: 4\n"),
        [
            f"{FILE}:{at(t, '  opening:') + 1}: workshop.opening.minutes: the opening's 5 minutes cover the welcome, "
            "the content note (4) and the ground rules (1): raise opening.minutes, or give the content note or the "
            "ground rules fewer"
        ],
    ),
    "slides after the key passages that leave the passages no time": (
        t := change("    roles_minutes: 1\n", "    roles_minutes: 5\n"),
        [
            f"{FILE}:{at(t, '  passages:') + 1}: workshop.passages.minutes: the passages' 5 minutes cover the "
            "passages' slide, who plays which part (5) and the metaphor map (1): raise passages.minutes, or give "
            "roles_minutes or map_minutes fewer"
        ],
    ),
    "a paragraph no entry quotes (warning)": (
        t := change('      - "Men take risks too"\n', ""),
        [
            f'{FILE}:{at(t, "  - id: routine-outage")}: entries: no entry quotes paragraph p-13 ("To be successful '
            'in the software industry, we need to take r…"); every paragraph of the essay should support some '
            "pairing [warning]"
        ],
    ),
}
