"""Our own Markdown export (`export/markdown.py`) read back into a debate.

Without ids (the default handout, or a hand-written outline in its shape) only the claim
tree comes back: from the `## Claims` nested list, each item `- **N Label** TEXT` where the
label is Motion, Thesis, Claim, Pro, Con or Question, with ids made from the texts; the
report says "no ids found". The export made `--with-ids` ends every record line with a
marker, `<!-- KIND key=value ... -->`, that holds its ids and enumerated fields; the free
text around it is escaped reversibly (`export.md_escape`). So the claims, their relations,
evidence, stakeholders, stances, links and sources come back exactly; what the export
leaves out (claim notes and tags, short names, stance history, coalitions, scenarios) cannot. Sections the importer does
not read (the analysis, the stance history) are reported as left out.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from arguments.handout_format import FORMAT_LINE, find_unescaped, unescape
from arguments.model import ClaimKind, Evidence, Source, Stakeholder, Stance
from arguments.problems import DebateError, Problem

from . import ImportResult
from .builder import DebateBuilder

MARKER = re.compile(r" <!-- (claim|evidence|stakeholder|stance|link|source)((?: [a-z_]+=\S*)*) -->")
ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,79}")
SECTIONS = {"Claims", "Stakeholders", "Stances", "Links", "Sources"}


class Reader:
    """Reads the export line by line; records are kept with their line for error messages."""

    def __init__(self, name: str):
        self.name = name
        self.title = ""
        self.question = ""
        self.description: list[str] = []
        self.records: list[tuple[int, str, dict[str, str], str]] = []
        self.skipped: list[str] = []
        self.stance_pairs: set[tuple[Any, Any]] = set()
        self.kept: dict[str, set[str]] = {"source": set(), "stakeholder": set(), "evidence": set()}
        """Ids of the records added so far, by kind, for constant-time reference checks."""

    def fail(self, line: int, message: str) -> DebateError:
        return DebateError([Problem(message, path=self.name, line=line)])

    def read(self, text: str) -> None:
        lines = text.removeprefix("\ufeff").split("\n")
        if lines[0].rstrip("\r") != FORMAT_LINE:
            raise self.fail(1, f"not a debatemap Markdown export: the first line must be {FORMAT_LINE}")
        section = ""
        for number, raw in enumerate(lines[1:], 2):
            line = raw.rstrip("\r")
            if line.startswith("## "):
                section = line[3:].strip()
                if section not in SECTIONS:
                    self.skipped.append(section)
                continue
            if not line.strip() or section not in SECTIONS | {""}:
                continue
            if not section:
                self.preamble(line)
                continue
            at = find_unescaped(line, " <!-- ")
            match = MARKER.match(line, at) if at >= 0 else None
            if match is None:
                if line.startswith(("- ", "| ", " ")) and not line.startswith("| ---") and "<!--" in line:
                    raise self.fail(number, "this record's <!-- ... --> marker cannot be read")
                continue
            fields = dict(pair.split("=", 1) for pair in match.group(2).split())
            self.records.append((number, match.group(1), fields, line))

    def preamble(self, line: str) -> None:
        if line.startswith("# ") and not self.title:
            self.title = unescape(line[2:].strip())
        elif line.startswith("**Question:** "):
            self.question = unescape(line[len("**Question:** ") :].strip())
        else:
            self.description.append(unescape(line.strip()))


def cells(line: str) -> list[str]:
    """A table row's cells, split at unescaped `|`, raw (still escaped) and stripped."""
    out: list[str] = []
    start = 1
    while True:
        end = find_unescaped(line, "|", start)
        if end < 0:
            return out
        out.append(line[start:end].strip())
        start = end + 1


def between(line: str, start: int, delimiters: list[str]) -> tuple[str, int]:
    """The raw text from START up to the first unescaped delimiter; and where it stops."""
    ends = [find_unescaped(line, d, start) for d in delimiters]
    end = min((e for e in ends if e >= 0), default=len(line))
    return line[start:end], end


HANDOUT_CLAIM = re.compile(
    r"(?P<indent>(?:  )*)- \*\*(?:[0-9]{1,6} )?"
    r"(?P<label>Motion|Thesis|Claim|Pro|Con|Question(?: \(closed\))?)\*\* (?P<text>.*)"
)
NO_IDS = "no ids found: claim tree rebuilt from the list, ids made from the texts"


def parse(text: str, name: str) -> ImportResult:
    """Read our Markdown export back; DebateError (file, line, reason) if it is not one."""
    if text.removeprefix("\ufeff").split("\n", 1)[0].rstrip("\r") != FORMAT_LINE:
        return _parse_handout(text, name)
    reader = Reader(name)
    reader.read(text)
    builder = DebateBuilder(name)
    for section in reader.skipped:
        builder.drop("sections not read back", section)
    later: list[tuple[int, str, dict[str, Any]]] = []
    for number, kind, fields, line in reader.records:
        if kind == "claim":
            _claim(builder, reader, number, fields, line)
        else:
            later.append((number, kind, _record(kind, fields, line)))
    for number, kind, data in [r for r in later if r[1] in ("source", "stakeholder")] + [
        r for r in later if r[1] in ("evidence", "stance", "link")
    ]:
        _add(builder, reader, number, kind, data)
    # our export of a debate without claims is still our export: read it as such
    return builder.finish(reader.title or name, reader.question, "\n".join(reader.description), allow_empty=True)


def _claim(builder: DebateBuilder, reader: Reader, number: int, fields: dict[str, str], line: str) -> None:
    cid = fields.get("id", "")
    if not ID.fullmatch(cid) or cid in builder.used:
        raise reader.fail(number, f'claim id "{cid}" is missing, malformed or used twice')
    builder.used.add(cid)
    start = line.find("** ", line.find("- **") + 4) + 3
    at = find_unescaped(line, " <!-- ")
    kind = fields.get("kind", "claim")
    if kind not in ("thesis", "claim", "question"):
        raise reader.fail(number, f"unknown claim kind {kind!r}")
    relation = fields.get("relation")
    if relation not in (None, "supports", "opposes"):
        raise reader.fail(number, f"unknown relation {relation!r}")
    builder.add_claim(
        cid,
        unescape(line[start:at]),
        parent=fields.get("parent"),
        relation=relation,  # type: ignore[arg-type]
        kind=kind,  # type: ignore[arg-type]
        closed=fields.get("closed") == "true",
    )


def _record(kind: str, fields: dict[str, str], line: str) -> dict[str, Any]:
    """The model fields of one non-claim record line."""
    data: dict[str, Any] = dict(fields)
    at = find_unescaped(line, " <!-- ")
    if kind == "evidence":
        start = line.find("): ") + 3
        text, end = between(line, start, [" *Quote:* “", " *Where:* ", " [^", " <!-- "])
        data["text"] = unescape(text)
        if line.startswith(" *Quote:* “", end):
            quote, end = between(line, end + len(" *Quote:* “"), ["” *Where:* ", "” [^", "” <!-- "])
            data["quote"], end = unescape(quote), end + 1
        if line.startswith(" *Where:* ", end):
            data["locator"] = unescape(between(line, end + len(" *Where:* "), [" [^", " <!-- "])[0])
    elif kind == "stakeholder":
        row = cells(line)
        data["name"] = unescape(row[0][: row[0].find(" <!-- ")].strip())
        data["group"], data["interests"] = unescape(row[1]), unescape(row[6]) if len(row) > 6 else ""
    elif kind == "stance":
        row = cells(line)
        data["rationale"] = unescape(row[4]) if len(row) > 4 else ""
        data["evidence"] = [e for e in fields.get("evidence", "").split(",") if e]
    elif kind == "source":
        citation, end = between(line, 2, [" *URL:* ", " *File:* ", " <!-- "])
        data["citation"] = unescape(citation)
        if line.startswith(" *URL:* ", end):
            url, end = between(line, end + len(" *URL:* "), [" *File:* ", " <!-- "])
            data["url"] = unescape(url)
        if line.startswith(" *File:* ", end):
            data["file"] = unescape(line[end + len(" *File:* ") : at])
    return data


def _add(builder: DebateBuilder, reader: Reader, number: int, kind: str, data: dict[str, Any]) -> None:
    claims = builder.depth
    rid = data.get("id")
    if kind in ("source", "stakeholder", "evidence") and isinstance(rid, str):
        if rid in builder.used:
            raise reader.fail(number, f'{kind} id "{rid}" is already used by another record')
        builder.used.add(rid)
    if kind == "stance":
        pair = (data.get("stakeholder"), data.get("claim"))
        if pair in reader.stance_pairs:
            raise reader.fail(number, f'a second stance of "{pair[0]}" on "{pair[1]}"')
        reader.stance_pairs.add(pair)
    try:
        if kind == "source":
            builder.sources.append(Source.model_validate(data))
        elif kind == "stakeholder":
            builder.stakeholders.append(Stakeholder.model_validate(data))
        elif kind == "evidence":
            if data.get("claim") not in claims:
                builder.drop("evidence on claims that were cut or are missing", data.get("id", ""))
                return
            if data.get("source") and data["source"] not in reader.kept["source"]:
                builder.drop("evidence sources missing from the Sources section", data["source"])
                data.pop("source")
            builder.evidence.append(Evidence.model_validate(data))
        elif kind == "stance":
            if data.get("claim") not in claims or data.get("stakeholder") not in reader.kept["stakeholder"]:
                builder.drop("stances on unknown claims or stakeholders", f"line {number}")
                return
            for missing in [e for e in data["evidence"] if e not in reader.kept["evidence"]]:
                builder.drop("stance evidence that is not in the file", missing)
            data["evidence"] = [e for e in data["evidence"] if e in reader.kept["evidence"]]
            builder.stances.append(Stance.model_validate(data))
        elif kind == "link":
            builder.add_link(
                data.get("from", ""),
                data.get("to", ""),
                data.get("relation", "supports"),
                what=f"line {number}",
                dedupe=False,
            )
        if kind in reader.kept:
            reader.kept[kind].add(data["id"])
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in err["loc"])
        raise reader.fail(number, f"{kind} {where}: {err['msg']}") from None


def _parse_handout(text: str, name: str) -> ImportResult:
    """The claim tree of a handout without ids (see the module docstring)."""
    lines = text.removeprefix("\ufeff").split("\n")
    if not any(line.rstrip("\r") == "## Claims" for line in lines):
        raise DebateError(
            [
                Problem(
                    f"not a debatemap Markdown export: no ids ({FORMAT_LINE}) and no ## Claims section",
                    path=name,
                    line=1,
                )
            ]
        )
    builder = DebateBuilder(name)
    builder.drop(NO_IDS, name)
    preamble = Reader(name)
    section = ""
    stack: list[str] = []  # the claim id open at each level
    skipped: set[str] = set()
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip("\r")
        if line.startswith("## "):
            section = line[3:].strip()
            continue
        if not section:
            if line.strip() and not line.startswith("|"):
                preamble.preamble(line)
            continue
        if section != "Claims" or not line.strip():
            if section != "Claims" and section not in skipped:
                skipped.add(section)
                builder.drop("sections not read back without ids", section)
            continue
        match = HANDOUT_CLAIM.fullmatch(line)
        if match is None:
            if line.lstrip().startswith("- **Evidence"):
                builder.drop("evidence not read back without ids", line.strip())
                continue
            raise DebateError([Problem("this Claims line is not `- **N Label** TEXT`", path=name, line=number)])
        level = len(match["indent"]) // 2
        if level > len(stack):
            raise DebateError([Problem("this claim is indented deeper than any parent", path=name, line=number)])
        del stack[level:]
        label, claim_text = match["label"], unescape(match["text"])
        cid = builder.new_id(claim_text)
        parent = stack[-1] if stack else None
        kind: ClaimKind = (
            "question" if label.startswith("Question") else "thesis" if label in ("Motion", "Thesis") else "claim"
        )
        if parent is None and kind == "claim" and label in ("Pro", "Con"):
            kind = "thesis"
        builder.add_claim(
            cid,
            claim_text,
            parent=parent,
            relation="opposes" if label == "Con" else "supports",
            kind=kind,
            closed=label == "Question (closed)",
        )
        stack.append(cid)
    return builder.finish(preamble.title or name, preamble.question, "\n".join(preamble.description))
