"""The Markdown handout for people (the default Markdown export): no ids, no HTML comments.

Sections, each present only when it has content:

    # TITLE
    **Question:** QUESTION
    DESCRIPTION
    ## Who stands where            (who is for and against the motion, signed positions)
    | On the motion | Stakeholders |
    | For | Town council (+2) |
    ## Claims                      (nested list, numbered in tree order)
    - **1 Motion** TEXT
      - **Evidence for** (statistic, reliability 4/5): TEXT — “QUOTE” (LOCATOR; source 1)
      - **2 Pro** TEXT
    ## Stakeholders                (who they are and what they want)
    ## Stances                     (claims by number, so no text is cut)
    ## Links
    - Claim 3 also supports claim 5.
    ## Sources                     (each once, numbered as cited above)
    1. CITATION, URL, file FILE

It is GitHub Flavored Markdown only for its tables; the rest is CommonMark. User text is
escaped with `arguments.handout_format.escape_light`: only what could change the
structure is escaped, so no text can, and little noise shows. The
Markdown importer rebuilds the claim tree from the numbered, labelled list; `--with-ids`
(export/markdown.py) writes the exact round-trip format instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from operator import attrgetter

from arguments.model import Claim, Debate, Evidence
from arguments.tree import ClaimTree

from . import ExportOptions
from .md_escape import escape_light

# Text `escape_light` leaves as it is, told by one regex match instead of its dozen steps
# (most text in a big debate is plain): ASCII, printable, no character that may need an
# escape, a letter first (no list marker, digit run or space) and no space or `#` last.
_PLAIN_ASCII = "".join(chr(c) for c in range(0x20, 0x7F) if chr(c) not in "`*[]|~\\_&<")
_PLAIN = re.compile(
    "[A-Za-z](?:[" + re.escape(_PLAIN_ASCII) + "]*[" + re.escape(_PLAIN_ASCII.replace(" ", "").replace("#", "")) + "])?"
)
_is_plain = _PLAIN.fullmatch


def escape(text: str) -> str:
    """TEXT escaped as `escape_light` does (see `_PLAIN`)."""
    return text if _is_plain(text) else escape_light(text)


LABELS = {"supports": "Pro", "opposes": "Con"}
SIDES: list[tuple[str, Callable[[int], bool]]] = [
    ("For", lambda p: p > 0),
    ("Neutral", lambda p: p == 0),
    ("Against", lambda p: p < 0),
]


def signed(position: int) -> str:
    """+2, 0, -1: a position always with its sign."""
    return f"{position:+d}" if position else "0"


def label(claim: Claim, motion_id: str | None) -> str:
    """Motion, Thesis, Claim, Pro, Con, Question or Question (closed)."""
    if claim.kind == "question":
        return "Question (closed)" if claim.closed else "Question"
    if claim.parent is None:
        return "Motion" if claim.id == motion_id else "Thesis" if claim.kind == "thesis" else "Claim"
    return LABELS[claim.relation or "supports"]


def render(debate: Debate, options: ExportOptions) -> str:
    """DEBATE as the handout described in this module's docstring."""
    tree = ClaimTree.of(debate)
    included = {cid: level for cid, level in tree.walk() if options.depth is None or level <= options.depth}
    number = {cid: i for i, cid in enumerate(included, 1)}
    cited = _cited(debate, included) if options.evidence else []
    source_number = {sid: i for i, sid in enumerate(cited, 1)}
    out: list[str] = ["# ", escape(debate.title), "\n\n"]
    if debate.question:
        out += ["**Question:** ", escape(debate.question), "\n\n"]
    if debate.description:
        out += [escape(debate.description), "\n\n"]
    if options.stances:
        _who_stands_where(out, debate)
    _claims(out, debate, tree, included, number, source_number, options.evidence)
    if options.stances:
        _stakeholders(out, debate)
        _stances(out, debate, number)
    _links(out, debate, number)
    _sources(out, debate, cited)
    text = _joined(out)
    if options.analysis:
        from .markdown_analysis import section as analysis_section

        text = text + "\n" + analysis_section(debate).strip("\n") + "\n"
    if options.shifts:
        from .markdown_shifts import section as shifts_section

        text = text + "\n" + shifts_section(debate).strip("\n") + "\n"
    if options.plan or options.briefs or options.analysis:
        from .markdown_plan import section as plan_section

        plan = plan_section(debate, options).strip("\n")
        if plan:
            text = text + "\n" + plan + "\n"
    if debate.polls:
        from .markdown_polls import section as polls_section

        text = text + "\n" + polls_section(debate).strip("\n") + "\n"
    return text


def _joined(out: list[str]) -> str:
    """OUT joined, ending in exactly one newline: trimmed before joining, since at 100,000
    claims each copy of the whole text (rstrip, + "\\n") costs as much as a section."""
    while out and not out[-1].rstrip("\n"):
        out.pop()
    if out:
        out[-1] = out[-1].rstrip("\n")
    out.append("\n")
    return "".join(out)


def _cited(debate: Debate, included: dict[str, int]) -> list[str]:
    """Source ids in the order the included evidence first cites them, then the rest."""
    order: dict[str, None] = {}
    for item in debate.evidence:
        if item.claim in included and item.source:
            order.setdefault(item.source)
    for source in debate.sources:
        order.setdefault(source.id)
    known = {s.id for s in debate.sources}
    return [sid for sid in order if sid in known]


def _who_stands_where(out: list[str], debate: Debate) -> None:
    motion = debate.motion
    if motion is None or not debate.stakeholders:
        return
    on_motion = {s.stakeholder: s.position for s in debate.stances if s.claim == motion.id}
    rows = []
    for side, test in SIDES:
        people = sorted(
            ((p, s) for s in debate.stakeholders if (p := on_motion.get(s.id)) is not None and test(p)),
            key=lambda pair: -abs(pair[0]),
        )
        if people:
            rows.append((side, ", ".join(f"{escape(s.label)} ({signed(p)})" for p, s in people)))
    silent = [escape(s.label) for s in debate.stakeholders if s.id not in on_motion]
    if silent:
        rows.append(("No stated position", ", ".join(silent)))
    out += ["## Who stands where\n\n", "On the motion: ", escape(motion.text), "\n\n"]
    out.append("| Side | Stakeholders (position from -3 to +3) |\n| --- | --- |\n")
    out += [f"| {side} | {people} |\n" for side, people in rows]
    out.append("\n")


def _claims(
    out: list[str],
    debate: Debate,
    tree: ClaimTree,
    included: dict[str, int],
    number: dict[str, int],
    source_number: dict[str, int],
    evidence: bool,
) -> None:
    if not included:
        return
    # Every line is made while reading its table in file order, where the records lie
    # together in memory, then put in tree order: at 100,000 claims, visiting the records
    # in tree order cost more in cache misses than the writing itself.
    motion_id = debate.motion.id if debate.motion else None
    evidence_lines: dict[str, list[str]] = {}
    if evidence:
        for item in debate.evidence:
            level = included.get(item.claim)
            if level is not None:
                line = f"{'  ' * level}  {_evidence(item, source_number)}\n"
                if item.claim in evidence_lines:
                    evidence_lines[item.claim].append(line)
                else:
                    evidence_lines[item.claim] = [line]
    claim_lines: dict[str, str] = {}
    for claim in tree.by_id.values():
        cid = claim.id
        level = included.get(cid)
        if level is not None:
            text = claim.text
            if not _is_plain(text):
                text = escape_light(text)
            if claim.parent is None or claim.kind == "question":
                kind = label(claim, motion_id)
            else:
                kind = LABELS[claim.relation or "supports"]  # `label` of a reply, inline
            claim_lines[cid] = f"{'  ' * level}- **{number[cid]} {kind}** {text}\n"
    out.append("## Claims\n\n")
    for cid in included:
        out.append(claim_lines[cid])
        if cid in evidence_lines:
            out += evidence_lines[cid]
    out.append("\n")


def _evidence(item: Evidence, source_number: dict[str, int]) -> str:
    side = "Evidence for" if item.relation == "supports" else "Evidence against"
    line = f"- **{side}** ({item.kind}, reliability {item.reliability}/5): {escape(item.text)}"
    if item.quote:
        line += f" — “{escape(item.quote)}”"
    where = [escape(item.locator)] if item.locator else []
    if item.source in source_number:
        where.append(f"source {source_number[item.source]}")
    if where:
        line += " (" + "; ".join(where) + ")"
    return line


def _stakeholders(out: list[str], debate: Debate) -> None:
    if not debate.stakeholders:
        return
    out.append("## Stakeholders\n\n| Stakeholder | Group | Level | Power | Interest | Wants |\n")
    out.append("| --- | --- | --- | --- | --- | --- |\n")
    for s in debate.stakeholders:
        out += [
            "| ",
            escape(s.name),
            " | ",
            escape(s.group) or " ",
            " | ",
            s.level,
            f" | {s.power}/5 | {s.interest}/5 | ",
            escape(s.interests) or " ",
            " |\n",
        ]
    out.append("\n")


def _stances(out: list[str], debate: Debate, number: dict[str, int]) -> None:
    # Rows made in file order (see `_claims`), by claim, then put in claim-number order:
    # a stable sort by number without sorting (number's keys are in number order). One
    # attrgetter call a stance fetches its fields, and plain text skips `escape`'s call.
    names = {s.id: escape(s.name) for s in debate.stakeholders}
    rows: dict[str, list[str]] = {}
    number_of = number.get
    for claim, holder, position, basis, rationale in map(_STANCE_FIELDS, debate.stances):
        n = number_of(claim)
        if n is None:
            continue
        who = names.get(holder) or escape(holder)
        why = rationale if _is_plain(rationale) else escape_light(rationale) or " "
        row = f"| {n} | {who} | {_SIGNED.get(position) or signed(position)} | {basis} | {why} |\n"
        same_claim = rows.get(claim)
        if same_claim is None:
            rows[claim] = [row]
        else:
            same_claim.append(row)
    if not rows:
        return
    out.append(
        "## Stances\n\nClaims by their number in the list above; positions from -3 (strongly against) "
        "to +3 (strongly for).\n\n| Claim | Stakeholder | Position | Basis | Why |\n| --- | --- | --- | --- | --- |\n"
    )
    for cid in number:
        if cid in rows:
            out += rows[cid]
    out.append("\n")


_STANCE_FIELDS = attrgetter("claim", "stakeholder", "position", "basis", "rationale")
_SIGNED = {position: signed(position) for position in range(-3, 4)}


def _links(out: list[str], debate: Debate, number: dict[str, int]) -> None:
    links = [k for k in debate.links if k.from_ in number and k.to in number]
    if not links:
        return
    out.append("## Links\n\n")
    for k in links:
        out.append(f"- Claim {number[k.from_]} also {k.relation} claim {number[k.to]}.\n")
    out.append("\n")


def _sources(out: list[str], debate: Debate, order: list[str]) -> None:
    if not debate.sources:
        return
    by_id = {s.id: s for s in debate.sources}
    ids = order or [s.id for s in debate.sources]
    out.append("## Sources\n\n")
    for i, sid in enumerate(ids, 1):
        s = by_id[sid]
        parts = [escape(s.citation)]
        if s.url:
            parts.append(escape(s.url))
        if s.file:
            parts.append("file " + escape(s.file))
        out.append(f"{i}. ")
        out += [", ".join(parts), "\n"]
    out.append("\n")
