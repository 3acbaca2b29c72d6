"""The Markdown export: the handout for people (export/handout.py) by default, or with
`--with-ids` (`ExportOptions.ids`) the round-trip outline described here.

The round-trip format is stable and machine-readable, so that the Markdown importer reads
it back exactly.
Every piece of user text is written with `export.md_escape.escape` (one line, reversible
with `unescape`); every record line ends with an HTML comment holding its ids and
enumerated fields, `<!-- KIND key=value ... -->`, where values are ids, enum words or
integers, and a list is comma-separated (the key is left out when it is empty). Sections,
in order, each present only when it has content (blank line between blocks):

    <!-- debatemap markdown export, format 1 -->
    # TITLE
    **Question:** QUESTION
    DESCRIPTION
    ## Claims
    - **Motion** TEXT <!-- claim id=motion kind=thesis -->
      - **Evidence for** (statistic, reliability 4/5): TEXT *Quote:* “QUOTE” *Where:* LOCATOR [^SOURCE] <!-- evidence id=ev claim=motion relation=supports kind=statistic reliability=4 source=SOURCE -->
      - **Pro** TEXT <!-- claim id=c kind=claim parent=motion relation=supports -->
        - **Con** TEXT <!-- claim id=d kind=claim parent=c relation=opposes -->
    ## Stakeholders
    | Stakeholder | Group | Level | Power | Interest | Position on the motion | Wants |
    | NAME <!-- stakeholder id=s level=local power=4 interest=5 --> | GROUP | local | 4/5 | 5/5 | +2 (supports) | INTERESTS |
    ## Stances
    | Claim | Stakeholder | Position | Basis | Rationale |
    | CLAIM TEXT (cut) <!-- stance stakeholder=s claim=c position=2 basis=stated evidence=ev,ev2 --> | NAME | +2 (supports) | stated | RATIONALE |
    ## Links
    - “FROM TEXT (cut)” **supports** “TO TEXT (cut)” <!-- link from=a to=b relation=supports -->
    ## Sources
    - CITATION *URL:* URL *File:* FILE <!-- source id=s -->
    [^s]: CITATION

Claims form a nested list in tree order (two spaces per level), each item marked **Motion**
(the debate's motion), **Thesis** / **Claim** (other roots), **Pro** / **Con** (supports /
opposes its parent) or **Question** (`(closed)` added, and `closed=true` in the marker).
A claim's evidence items come first in its sub-list, before its child claims. In an
evidence line the optional parts are found by their unescaped delimiters (`*Quote:* “`,
`” *Where:* `, ` [^`, ` <!--`), which user text can never contain. Cells and texts marked
"(cut)" are shortened for reading; the full claim is in the Claims list. Not carried:
claim notes and tags, stakeholder short names and notes, link notes, stance changes
(see `--with-shifts`), coalitions and scenarios. Options: `depth` drops deeper claims
(with their evidence, stances and links), `evidence=False` the evidence and footnotes,
`stances=False` the stakeholders and stances tables. The analysis and stance-history
sections are appended last when asked for.
"""  # noqa: E501 - the format sample above shows whole lines as the export writes them

from __future__ import annotations

from arguments.model import Claim, Debate, Evidence
from arguments.tree import ClaimTree

from . import ExportOptions
from .md_escape import FORMAT_LINE, escape

CUT = 80
"""Characters of a claim shown where it is only named (stances table, links)."""

POSITION_WORDS = {
    -3: "strongly opposes",
    -2: "opposes",
    -1: "leans against",
    0: "neutral",
    1: "leans towards",
    2: "supports",
    3: "strongly supports",
}


def position_label(position: int) -> str:
    """+2 -> `+2 (supports)`."""
    return f"{position:+d} ({POSITION_WORDS[position]})" if position else "0 (neutral)"


def render(debate: Debate, options: ExportOptions) -> str:
    """DEBATE as the handout, or with `options.ids` as the outline described above."""
    if not options.ids:
        from .handout import render as handout

        return handout(debate, options)
    tree = ClaimTree.of(debate)
    included = _included(tree, options.depth)
    out: list[str] = [FORMAT_LINE, "\n# ", escape(debate.title), "\n\n"]
    if debate.question:
        out += ["**Question:** ", escape(debate.question), "\n\n"]
    if debate.description:
        out += [escape(debate.description), "\n\n"]
    cited = _claims(out, debate, tree, included, options.evidence)
    if options.stances:
        _stakeholders(out, debate)
        _stances(out, debate, included)
    _links(out, debate, included)
    _sources(out, debate, cited)
    text = "".join(out).rstrip("\n") + "\n"
    if options.analysis:
        from .markdown_analysis import section as analysis_section

        text = _append(text, analysis_section(debate))
    if options.shifts:
        from .markdown_shifts import section as shifts_section

        text = _append(text, shifts_section(debate))
    if options.plan or options.briefs or options.analysis:
        from .markdown_plan import section as plan_section

        text = _append(text, plan_section(debate, options))
    if debate.polls:
        from .markdown_polls import section as polls_section

        text = _append(text, polls_section(debate))
    return text


def _append(text: str, section: str) -> str:
    if not section:
        return text
    return text.rstrip("\n") + "\n\n" + section.strip("\n") + "\n"


def _included(tree: ClaimTree, depth: int | None) -> dict[str, int]:
    """Claim id -> level, in tree order, for the claims within DEPTH."""
    return {cid: level for cid, level in tree.walk() if depth is None or level <= depth}


def _mark(claim: Claim, motion_id: str | None) -> str:
    if claim.kind == "question":
        return "Question (closed)" if claim.closed else "Question"
    if claim.parent is None:
        if claim.id == motion_id:
            return "Motion"
        return "Thesis" if claim.kind == "thesis" else "Claim"
    return "Pro" if claim.relation == "supports" else "Con"


def _claim_marker(claim: Claim) -> str:
    parts = [f"claim id={claim.id} kind={claim.kind}"]
    if claim.parent is not None:
        parts.append(f"parent={claim.parent} relation={claim.relation}")
    if claim.closed:
        parts.append("closed=true")
    return "<!-- " + " ".join(parts) + " -->"


def _claims(out: list[str], debate: Debate, tree: ClaimTree, included: dict[str, int], evidence: bool) -> set[str]:
    """Write the claims list; return the ids of the sources its evidence cites."""
    if not included:
        return set()
    by_claim: dict[str, list[Evidence]] = {}
    if evidence:
        for item in debate.evidence:
            if item.claim in included:
                by_claim.setdefault(item.claim, []).append(item)
    motion = debate.motion
    motion_id = motion.id if motion else None
    cited: set[str] = set()
    out.append("## Claims\n\n")
    for cid, level in included.items():
        claim = tree.by_id[cid]
        indent = "  " * level
        out += [indent, "- **", _mark(claim, motion_id), "** ", escape(claim.text), " ", _claim_marker(claim), "\n"]
        for item in by_claim.get(cid, ()):
            out.append(indent + "  ")
            _evidence_line(out, item)
            if item.source:
                cited.add(item.source)
    out.append("\n")
    return cited


def _evidence_line(out: list[str], item: Evidence) -> None:
    label = "Evidence for" if item.relation == "supports" else "Evidence against"
    out += ["- **", label, f"** ({item.kind}, reliability {item.reliability}/5): ", escape(item.text)]
    if item.quote:
        out += [" *Quote:* “", escape(item.quote), "”"]
    if item.locator:
        out += [" *Where:* ", escape(item.locator)]
    marker = (
        f"evidence id={item.id} claim={item.claim} relation={item.relation} kind={item.kind} "
        f"reliability={item.reliability}"
    )
    if item.source:
        out.append(f" [^{item.source}]")
        marker += f" source={item.source}"
    out += [" <!-- ", marker, " -->\n"]


def _stakeholders(out: list[str], debate: Debate) -> None:
    if not debate.stakeholders:
        return
    motion = debate.motion
    on_motion = {s.stakeholder: s.position for s in debate.stances if motion and s.claim == motion.id}
    out.append(
        "## Stakeholders\n\n"
        "| Stakeholder | Group | Level | Power | Interest | Position on the motion | Wants |\n"
        "| --- | --- | --- | --- | --- | --- | --- |\n"
    )
    for s in debate.stakeholders:
        position = on_motion.get(s.id)
        shown = position_label(position) if position is not None else "—"
        marker = f"<!-- stakeholder id={s.id} level={s.level} power={s.power} interest={s.interest} -->"
        out += [
            "| ",
            escape(s.name),
            " ",
            marker,
            " | ",
            escape(s.group),
            " | ",
            s.level,
            f" | {s.power}/5 | {s.interest}/5 | ",
            shown,
            " | ",
            escape(s.interests),
            " |\n",
        ]
    out.append("\n")


def _stances(out: list[str], debate: Debate, included: dict[str, int]) -> None:
    stances = [s for s in debate.stances if s.claim in included]
    if not stances:
        return
    claims = {c.id: c for c in debate.claims}
    names = {s.id: s.name for s in debate.stakeholders}
    # Each claim and stakeholder appears in many rows: escape each once.
    claim_cells: dict[str, str] = {}
    name_cells: dict[str, str] = {}
    out.append(
        "## Stances\n\n| Claim | Stakeholder | Position | Basis | Rationale |\n| --- | --- | --- | --- | --- |\n"
    )
    for s in stances:
        marker = f"stance stakeholder={s.stakeholder} claim={s.claim} position={s.position} basis={s.basis}"
        if s.evidence:
            marker += " evidence=" + ",".join(s.evidence)
        marker = f"<!-- {marker} -->"
        claim_cell = claim_cells.get(s.claim)
        if claim_cell is None:
            claim_cell = claim_cells[s.claim] = escape(_cut(claims[s.claim].text))
        name_cell = name_cells.get(s.stakeholder)
        if name_cell is None:
            name_cell = name_cells[s.stakeholder] = escape(names.get(s.stakeholder, s.stakeholder))
        out += [
            "| ",
            claim_cell,
            " ",
            marker,
            " | ",
            name_cell,
            " | ",
            position_label(s.position),
            " | ",
            s.basis,
            " | ",
            escape(s.rationale),
            " |\n",
        ]
    out.append("\n")


def _links(out: list[str], debate: Debate, included: dict[str, int]) -> None:
    links = [k for k in debate.links if k.from_ in included and k.to in included]
    if not links:
        return
    claims = {c.id: c for c in debate.claims}
    out.append("## Links\n\n")
    for k in links:
        out += [
            "- “",
            escape(_cut(claims[k.from_].text)),
            "” **",
            k.relation,
            "** “",
            escape(_cut(claims[k.to].text)),
            "” ",
            f"<!-- link from={k.from_} to={k.to} relation={k.relation} -->\n",
        ]
    out.append("\n")


def _sources(out: list[str], debate: Debate, cited: set[str]) -> None:
    if not debate.sources:
        return
    out.append("## Sources\n\n")
    for s in debate.sources:
        out += ["- ", escape(s.citation)]
        if s.url:
            out += [" *URL:* ", escape(s.url)]
        if s.file:
            out += [" *File:* ", escape(s.file)]
        out.append(f" <!-- source id={s.id} -->\n")
    footnotes = [s for s in debate.sources if s.id in cited]
    if footnotes:
        out.append("\n")
        for s in footnotes:
            out += [f"[^{s.id}]: ", escape(s.citation), "\n"]
    out.append("\n")


def _cut(text: str) -> str:
    """TEXT's first line, at most CUT characters, for places that only name a claim."""
    line = text.split("\n", 1)[0]
    return line if len(line) <= CUT and line == text else line[: CUT - 1].rstrip() + "…"
