"""Hypothesis strategies for debates: valid debates with random trees and hostile text.

`debates()` builds debates that pass every integrity rule: random forests (parents may
come after their children in the file), stakeholders, stances (one per stakeholder and
claim), evidence, links, stance changes, coalitions and scenarios, with text drawn from
all of Unicode (bar lone surrogates, which UTF-8 cannot hold) mixed with known attacks.
"""

from __future__ import annotations

from hypothesis import strategies as st

from arguments.model import (
    Claim,
    Coalition,
    Debate,
    Evidence,
    Link,
    PositionOverride,
    PowerOverride,
    Scenario,
    Source,
    Stakeholder,
    Stance,
    StanceChange,
)

HOSTILE = [
    "# Heading",
    "\n# H",
    "a\r# H",
    "line\n- item",
    "x\n1. item",
    "x\n12) item",
    "```\nfenced",
    "~~~",
    "<script>alert(1)</script>",
    "![i](http://x/i.png)",
    "[r]: http://x",
    "[link](javascript:alert(1))",
    "a | b | c",
    "[^x]",
    "[^x]: defined",
    "<!-- x -->",
    "-->",
    "\\",
    "ends with \\",
    "\\n literal",
    "> quoted",
    "+ plus",
    "- dash item",
    "-",
    "---",
    "7. seven",
    "2) two",
    ": definition",
    "=====",
    "\n---",
    "***",
    "  indented",
    "    code",
    "\tTab",
    "trailing  ",
    "*em* _em_ **strong** `code`",
    "&amp; &#32; &copy;",
    "<br>",
    "{#id .class}",
    "$x^2$",
    "[/]",
    "[@click=app.quit]x[/]",
    "\x1b[2J\x1b]0;title\x07",
    "\x00\x7f\u202e\u200b\ufeff\x9b",
    "👩‍👩‍👧 emoji",
    "\"quotes\" 'single'",
    "\u2028line sep\u2029",
    "\x85NEL\xa0nbsp",
    "e\u0301" * 5,
    "\U000e0001 tag",
]
"""Strings that attack displays and exports (ROBUSTNESS.md's rows and more)."""

slugs = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,12}", fullmatch=True)
any_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=30),
    st.lists(st.sampled_from(HOSTILE), min_size=2, max_size=4).map("".join),
)
"""Any text a field may hold, hostile pieces well represented."""
required_text = any_text.filter(lambda s: s.strip() != "")
"""Text the integrity rules accept where text is required: not blank."""
optional_text = st.one_of(st.none(), required_text)
scales = st.integers(1, 5)
positions = st.integers(-3, 3)


@st.composite
def debates(draw: st.DrawFn, max_claims: int = 12) -> Debate:
    """A valid debate of up to MAX_CLAIMS claims and every kind of record."""
    n_claims = draw(st.integers(0, max_claims))
    n_sources = draw(st.integers(0, 3))
    n_stakeholders = draw(st.integers(0, 4))
    n_evidence = draw(st.integers(0, 6)) if n_claims else 0
    n_coalitions = draw(st.integers(0, 2))
    n_scenarios = draw(st.integers(0, 2))
    total = n_claims + n_sources + n_stakeholders + n_evidence + n_coalitions + n_scenarios
    ids = draw(st.lists(slugs, min_size=total, max_size=total, unique=True))
    take = iter(ids)
    claim_ids = [next(take) for _ in range(n_claims)]
    source_ids = [next(take) for _ in range(n_sources)]
    stakeholder_ids = [next(take) for _ in range(n_stakeholders)]
    evidence_ids = [next(take) for _ in range(n_evidence)]

    claims = []
    for i, cid in enumerate(claim_ids):
        parent = draw(st.one_of(st.none(), st.sampled_from(claim_ids[:i]))) if i else None
        claims.append(
            Claim(
                id=cid,
                text=draw(required_text),
                kind=draw(st.sampled_from(["thesis", "claim", "question"])),
                parent=parent,
                relation=draw(st.sampled_from(["supports", "opposes"])) if parent else None,
                closed=draw(st.booleans()),
                notes=draw(any_text),
                tags=draw(st.lists(st.text(min_size=1, max_size=12), max_size=2)),
            )
        )
    claims = draw(st.permutations(claims))

    sources = [
        Source(id=sid, citation=draw(required_text), file=draw(optional_text), url=draw(optional_text))
        for sid in source_ids
    ]
    stakeholders = [
        Stakeholder(
            id=sid,
            name=draw(required_text),
            short=draw(optional_text),
            group=draw(any_text),
            level=draw(st.sampled_from(["national", "regional", "local", "international"])),
            power=draw(scales),
            interest=draw(scales),
            interests=draw(any_text),
            notes=draw(any_text),
        )
        for sid in stakeholder_ids
    ]
    evidence = [
        Evidence(
            id=eid,
            claim=draw(st.sampled_from(claim_ids)),
            relation=draw(st.sampled_from(["supports", "undermines"])),
            text=draw(required_text),
            quote=draw(any_text),
            source=draw(st.one_of(st.none(), st.sampled_from(source_ids))) if source_ids else None,
            locator=draw(any_text),
            kind=draw(st.sampled_from(["statistic", "testimony", "case", "document", "expert", "news", "other"])),
            reliability=draw(scales),
        )
        for eid in evidence_ids
    ]
    links, stances, changes, scenarios = [], [], [], []
    if len(claim_ids) >= 2:
        for _ in range(draw(st.integers(0, 3))):
            a, b = draw(st.lists(st.sampled_from(claim_ids), min_size=2, max_size=2, unique=True))
            links.append(
                Link(**{"from": a}, to=b, relation=draw(st.sampled_from(["supports", "opposes"])), notes=draw(any_text))
            )
    if claim_ids and stakeholder_ids:
        pairs = draw(
            st.lists(st.tuples(st.sampled_from(stakeholder_ids), st.sampled_from(claim_ids)), max_size=8, unique=True)
        )
        for who, on in pairs:
            stances.append(
                Stance(
                    stakeholder=who,
                    claim=on,
                    position=draw(positions),
                    basis=draw(st.sampled_from(["stated", "inferred"])),
                    rationale=draw(any_text),
                    evidence=draw(st.lists(st.sampled_from(evidence_ids), max_size=2)) if evidence_ids else [],
                )
            )
        for _ in range(draw(st.integers(0, 3))):
            changes.append(
                StanceChange(
                    at=draw(st.text(min_size=1, max_size=20)),
                    stakeholder=draw(st.sampled_from(stakeholder_ids)),
                    claim=draw(st.sampled_from(claim_ids)),
                    **{"from": draw(st.one_of(st.none(), positions))},
                    to=draw(st.one_of(st.none(), positions)),
                    note=draw(any_text),
                )
            )
    coalitions = [
        Coalition(
            id=next(take),
            name=draw(required_text),
            members=draw(st.lists(st.sampled_from(stakeholder_ids), max_size=3)) if stakeholder_ids else [],
            note=draw(any_text),
        )
        for _ in range(n_coalitions)
    ]
    for _ in range(n_scenarios):
        overrides = []
        powers = []
        if claim_ids and stakeholder_ids:
            overrides = [
                PositionOverride(
                    stakeholder=draw(st.sampled_from(stakeholder_ids)),
                    claim=draw(st.sampled_from(claim_ids)),
                    position=draw(positions),
                )
                for _ in range(draw(st.integers(0, 2)))
            ]
        if stakeholder_ids:
            powers = [
                PowerOverride(stakeholder=draw(st.sampled_from(stakeholder_ids)), power=draw(scales))
                for _ in range(draw(st.integers(0, 2)))
            ]
        scenarios.append(
            Scenario(
                id=next(take),
                name=draw(required_text),
                note=draw(any_text),
                positions=overrides,
                powers=powers,
                dropped=draw(st.lists(st.sampled_from(claim_ids), max_size=2)) if claim_ids else [],
            )
        )
    return Debate(
        title=draw(required_text),
        question=draw(any_text),
        description=draw(any_text),
        sources=sources,
        stakeholders=stakeholders,
        claims=claims,
        links=links,
        evidence=evidence,
        stances=stances,
        stance_changes=changes,
        coalitions=coalitions,
        scenarios=scenarios,
    )
