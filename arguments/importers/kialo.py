"""Kialo discussion exports (plain text) read into a debate.

Both variants are read: a `Discussion Title:` or `Discussion Name:` header (the title on
the same line or the next), then numbered claims under one root `1.` (`1.1. Pro: ...`,
`1.1.2. Con: ...`) whose text may start on the next line and run over several lines,
and an optional trailing `Sources:` block of footnotes `[1] ...` cited as `[1]`.
A numbered line that does not continue the numbering (`2. ...` inside a claim) is text.

- Claim ids come from the Kialo number: `1.2.3` becomes `k1-2-3`.
- `Pro:` supports the parent, `Con:` opposes it; `Thesis:` claims are theses, and the
  root is the thesis, or a question when theses stand below it.
- Markdown escapes such as `\\(` are undone.
- `-> See 1.2.2.` is not a copy: it becomes a link from claim 1.2.2 to the parent of the
  line, with the line's Pro/Con as its relation.
- Each cited footnote becomes a source and an evidence item on the citing claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from arguments.model import ClaimKind, Evidence, Relation, Source
from arguments.problems import DebateError, Problem
from arguments.tree import MAX_DEPTH

from . import ImportResult
from .builder import DebateBuilder
from .limits import PARENT_BYTES, OutputBudget

HEADER = re.compile(r"^\s*Discussion (?:Title|Name):[ \t]*(.*)$", re.IGNORECASE)
NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.(?:[ \t]+(.*))?$")
LABELLED = re.compile(r"^\d+(?:\.\d+)+\.[ \t]+(?:Pro|Con):")
LABEL = re.compile(r"^(Pro|Con|Thesis)[ \t]*:[ \t]*(.*)$", re.IGNORECASE | re.DOTALL)
SEE = re.compile(r"^->[ \t]*See[ \t]+(\d+(?:\.\d+)*)\.?$", re.IGNORECASE)
ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~\"'])")
FOOTNOTE = re.compile(r"(?<!\\)\[(\d{1,6})\](?!\()")
SOURCE_LINE = re.compile(r"^\s*\[(\d{1,6})\][ \t]*(.*)$")
URL = re.compile(r"https?://[^\s)\]>]+")
RELATIONS: dict[str, Relation] = {"pro": "supports", "con": "opposes"}


@dataclass
class Entry:
    """One numbered claim as found: its number, its line, and the lines of its text."""

    key: str
    line: int
    first: str
    rest: list[str] = field(default_factory=list)

    @property
    def parent_key(self) -> str:
        return self.key.rpartition(".")[0]


def unescape(text: str) -> str:
    return ESCAPE.sub(r"\1", text)


def parse(text: str, name: str) -> ImportResult:
    """Read a Kialo export; DebateError (file, line, reason) if it is not one."""
    lines = [line.rstrip("\r") for line in text.removeprefix("\ufeff").split("\n")]
    title, start = _header(lines, name)
    sources_at = _sources_start(lines, start)
    preamble, entries = _entries(lines[:sources_at], start, name)
    builder = DebateBuilder(name)
    footnotes = _sources(lines[sources_at + 1 :], builder) if sources_at < len(lines) else {}
    _claims(entries, builder, footnotes)
    question = title if title.endswith("?") else ""
    return builder.finish(unescape(title), unescape(question), unescape("\n".join(preamble).strip()))


def _header(lines: list[str], name: str) -> tuple[str, int]:
    """The discussion title and the index of the first line after the header."""
    index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if index is None:
        raise DebateError([Problem("the file is empty", path=name, line=1)])
    match = HEADER.match(lines[index])
    if not match:
        if NUMBERED.match(lines[index].strip()):
            return "", index
        raise DebateError(
            [
                Problem(
                    "not a Kialo export: expected 'Discussion Title:' or 'Discussion Name:'", path=name, line=index + 1
                )
            ]
        )
    title = match.group(1).strip()
    index += 1
    if not title:
        while index < len(lines) and not lines[index].strip():
            index += 1
        if index < len(lines) and not NUMBERED.match(lines[index].strip()):
            title = lines[index].strip()
            index += 1
    return title, index


def _sources_start(lines: list[str], start: int) -> int:
    """Index of the trailing `Sources:` line, or len(lines) when there is none."""
    for i in range(len(lines) - 1, start - 1, -1):
        if lines[i].strip().lower() == "sources:":
            if not any(LABELLED.match(line.strip()) for line in lines[i + 1 :]):
                return i
            break
    return len(lines)


def _entries(lines: list[str], start: int, name: str) -> tuple[list[str], list[Entry]]:
    """Text before the first claim, and the numbered claims with their lines."""
    preamble: list[str] = []
    entries: list[Entry] = []
    seen: set[str] = set()
    # stop before a debate too big to open: each entry is a claim (or a longer link) with
    # its text less escapes and label, and below the root its parent and relation lines;
    # a `-> See` link is not counted beyond a record, nor entries cut for depth
    budget = OutputBudget(name)
    for i in range(start, len(lines)):
        line = lines[i]
        match = NUMBERED.match(line.strip())
        # numbers are kept as strings: parsing deep ones into tuples is quadratic
        number = match.group(1) if match else ""
        if match and number not in seen:
            # Kialo has one root, `1.`; `2. ...` inside a claim's text stays text.
            if number == "1" or number.rpartition(".")[0] in seen:
                seen.add(number)
                entries.append(Entry(number, i + 1, (match.group(2) or "").strip()))
                first = entries[-1].first
                if number.count(".") <= MAX_DEPTH:
                    below = PARENT_BYTES if "." in number and "-> See" not in first else 0
                    budget.add(extra=max(0, len(first) - first.count("\\") - 8) + below, line=i + 1)
                continue
            if LABELLED.match(line.strip()):
                parent = number.rpartition(".")[0]
                raise DebateError(
                    [Problem(f"claim {match.group(1)} has no parent claim {parent} before it", path=name, line=i + 1)]
                )
        if entries:
            entries[-1].rest.append(line.rstrip())
        else:
            preamble.append(line.strip())
    if not entries:
        raise DebateError([Problem("no numbered claims ('1. ...') found", path=name, line=max(len(lines), 1))])
    return preamble, entries


def _sources(lines: list[str], builder: DebateBuilder) -> dict[str, Source]:
    """Footnote number -> its Source, which is added to the debate."""
    found: dict[str, list[str]] = {}
    last: str | None = None
    for line in lines:
        match = SOURCE_LINE.match(line)
        if match:
            last = match.group(1)
            found.setdefault(last, []).append(match.group(2).strip())
        elif line.strip():
            if last is None:
                last = str(len(found) + 1)
            found.setdefault(last, []).append(line.strip())
    out: dict[str, Source] = {}
    for number, parts in found.items():
        citation = unescape(" ".join(p for p in parts if p)).strip()
        if not citation:
            builder.drop("empty footnotes in the Sources block", f"[{number}]")
            continue
        sid = builder.reserve(f"kialo-source-{number}")
        url = URL.search(citation)
        out[number] = Source(id=sid, citation=citation, url=url.group(0) if url else None)
        builder.sources.append(out[number])
    return out


def _body(entry: Entry) -> tuple[str | None, str]:
    """The entry's label (pro, con, thesis or None) and its raw text."""
    lines = [entry.first, *entry.rest]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    raw = "\n".join(lines)
    match = LABEL.match(raw)
    if not match:
        return None, raw
    return match.group(1).lower(), match.group(2).strip()


def _claims(entries: list[Entry], builder: DebateBuilder, footnotes: dict[str, Source]) -> None:
    ids: dict[str, str] = {}
    references: list[tuple[Entry, str, str]] = []
    # a discussion with several theses has a question at its root
    several_theses = any(e.key.count(".") == 1 and _body(e)[0] == "thesis" for e in entries)
    root_kind: ClaimKind = "question" if several_theses else "thesis"
    for entry in entries:
        label, raw = _body(entry)
        parent_number = entry.parent_key
        see = SEE.match(raw.strip())  # an escaped "\->" is text
        if see and parent_number:
            references.append((entry, label or "", see.group(1)))
            continue
        wanted = "k" + entry.key.replace(".", "-")
        cid = builder.reserve(wanted)
        notes = "" if cid == wanted else f"Kialo {entry.key}"
        ids[entry.key] = cid
        relation = RELATIONS.get(label or "")
        if parent_number and relation is None and label != "thesis":
            builder.drop("claims without Pro:/Con: taken as supporting", f"{entry.key} {raw}")
        parent = ids.get(parent_number)
        if parent_number and parent is None:
            builder.drop("claims under a '-> See' reference (Kialo shows them on the original)", f"{entry.key} {raw}")
            continue
        kept = builder.add_claim(
            cid,
            unescape(raw),
            parent=parent,
            relation=relation or "supports",
            kind=root_kind if not parent_number else "thesis" if label == "thesis" else "claim",
            notes=notes,
        )
        if kept:
            _cite(cid, raw, builder, footnotes)
    for entry, label, target in references:
        what = f"{entry.key} -> See {target}"
        parent = ids.get(entry.parent_key)
        if target not in ids or parent is None:
            builder.drop("'-> See' references to claims not in the file", what)
            continue
        builder.add_link(ids[target], parent, RELATIONS.get(label, "supports"), notes=f"Kialo {what}.", what=what)


def _cite(cid: str, raw: str, builder: DebateBuilder, footnotes: dict[str, Source]) -> None:
    """An evidence item on claim CID for each footnote its text cites."""
    for number in dict.fromkeys(FOOTNOTE.findall(raw)):
        source = footnotes.get(number)
        if source is None:
            if footnotes:
                builder.drop("footnotes cited but missing from the Sources block", f"{cid} [{number}]")
            continue
        builder.evidence.append(
            Evidence(id=builder.reserve(f"{cid}-source-{number}"), claim=cid, text=source.citation, source=source.id)
        )
