"""The Markdown outline, checked by parsing it with markdown-it-py (token structure)."""

from __future__ import annotations

import dataclasses
import itertools
import re
import sys
import types
from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from arguments.display import is_hidden_control
from arguments.model import Claim, Debate, Evidence, Source, Stakeholder, Stance
from arguments.storage import parse_debate
from arguments.tree import MAX_DEPTH, ClaimTree
from export import ExportOptions, render
from export.md_escape import escape, find_unescaped, unescape
from tests.conftest import SMALL_DEBATE
from tests.strategies import HOSTILE, any_text, debates, required_text

PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MARKER = re.compile(r"<!-- (\w+) (.*) -->")


def parser() -> MarkdownIt:
    """CommonMark with the GFM table and strikethrough rules and footnotes, nesting unbounded."""
    return MarkdownIt("commonmark", {"maxNesting": 10_000}).enable(["table", "strikethrough"]).use(footnote_plugin)


@dataclass
class Item:
    """One list item of the Claims section: its marker, nesting depth and rendered text."""

    kind: str
    fields: dict[str, str]
    depth: int
    label: str
    text: str
    enclosing: str | None
    footnotes: list[str] = field(default_factory=list)


@dataclass
class Outline:
    tokens: list[Token]
    env: dict
    items: list[Item]
    headings: list[str]

    def table_rows(self, heading: str) -> list[list[Token]]:
        """The body rows of the table under HEADING, each a list of its cells' inline tokens."""
        rows: list[list[Token]] = []
        inside = in_body = False
        for tok in self.tokens:
            if tok.type == "heading_open" and tok.tag == "h2":
                inside = False
            if tok.type == "inline" and tok.level == 1 and tok.content == heading:
                inside = True
            if not inside:
                continue
            if tok.type == "tbody_open":
                in_body = True
            elif tok.type == "tbody_close":
                in_body = False
            elif in_body and tok.type == "tr_open":
                rows.append([])
            elif in_body and tok.type == "inline":
                rows[-1].append(tok)
        return rows


def marker_of(inline: Token) -> tuple[str, dict[str, str]]:
    comments = [c.content for c in inline.children or [] if c.type == "html_inline" and c.content.startswith("<!--")]
    assert len(comments) == 1, inline.content
    kind, rest = MARKER.fullmatch(comments[0]).groups()
    return kind, dict(pair.split("=", 1) for pair in rest.split())


def shown(tokens: list[Token]) -> str:
    """What a reader sees of inline TOKENS: text, with `<br>` as a newline."""
    out = []
    for tok in tokens:
        if tok.type == "text":
            out.append(tok.content)
        elif tok.type == "html_inline" and tok.content == "<br>":
            out.append("\n")
        else:
            raise AssertionError(f"user text produced a {tok.type} token")
    return "".join(out)


def outline(markdown: str) -> Outline:
    env: dict = {}
    tokens = parser().parse(markdown, env)
    headings = [t.content for i, t in enumerate(tokens) if t.type == "inline" and tokens[i - 1].type == "heading_open"]
    items: list[Item] = []
    depth = 0
    in_claims = False
    open_items: list[str | None] = []
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            in_claims = tokens[i + 1].content == "Claims"
        if not in_claims:
            continue
        if tok.type == "bullet_list_open":
            depth += 1
        elif tok.type == "bullet_list_close":
            depth -= 1
        elif tok.type == "list_item_close":
            open_items.pop()
        elif tok.type == "list_item_open":
            inline = tokens[i + 2]
            assert tokens[i + 1].type == "paragraph_open" and inline.type == "inline"
            kind, fields = marker_of(inline)
            kids = [k for k in inline.children or [] if k.type != "text" or k.content]
            assert [k.type for k in kids[:3]] == ["strong_open", "text", "strong_close"], inline.content
            end = next(
                j
                for j, k in enumerate(kids)
                if k.type in ("html_inline", "footnote_ref", "em_open") and k.content != "<br>"
            )
            enclosing = next((o for o in reversed(open_items) if o is not None), None)
            items.append(
                Item(
                    kind=kind,
                    fields=fields,
                    depth=depth,
                    label=kids[1].content,
                    text=shown(kids[3:end]),
                    enclosing=enclosing,
                    footnotes=[k.meta["label"] for k in kids if k.type == "footnote_ref"],
                )
            )
            open_items.append(fields["id"] if kind == "claim" else None)
    return Outline(tokens, env, items, headings)


def visible(text: str) -> str:
    """TEXT as the export must show it: control characters as escapes, all else literal."""
    out = []
    for ch in text:
        if ch == "\r":
            out.append("\\r")
        elif is_hidden_control(ch):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(ch)
    return "".join(out)


def check_outline(debate: Debate, options: ExportOptions | None = None) -> Outline:
    """Parse the `--with-ids` export of DEBATE and assert every structural promise; return the parse."""
    options = dataclasses.replace(options or ExportOptions(), ids=True)
    doc = outline(render("markdown", debate, options))
    tree = ClaimTree.of(debate)
    levels = {cid: level for cid, level in tree.walk() if options.depth is None or level <= options.depth}
    claims = [i for i in doc.items if i.kind == "claim"]
    evidence = [i for i in doc.items if i.kind == "evidence"]
    assert [c.fields["id"] for c in claims] == list(levels)
    expected_evidence = [e for e in debate.evidence if e.claim in levels] if options.evidence else []
    assert sorted(e.fields["id"] for e in evidence) == sorted(e.id for e in expected_evidence)
    assert len(doc.items) == len(levels) + len(expected_evidence)
    motion = debate.motion
    for item in claims:
        claim = tree.by_id[item.fields["id"]]
        assert item.depth == levels[claim.id] + 1
        assert item.enclosing == claim.parent
        assert item.text == f" {visible(claim.text)} "
        assert item.fields.get("relation") == claim.relation
        assert item.fields["kind"] == claim.kind
        if claim.kind == "question":
            assert item.label in ("Question", "Question (closed)")
        elif claim.parent is None:
            assert item.label == ("Motion" if claim is motion else "Thesis" if claim.kind == "thesis" else "Claim")
        else:
            assert item.label == {"supports": "Pro", "opposes": "Con"}[claim.relation]
    by_id = {e.id: e for e in debate.evidence}
    for item in evidence:
        record = by_id[item.fields["id"]]
        assert item.enclosing == record.claim
        assert item.depth == levels[record.claim] + 2
        assert item.label == ("Evidence for" if record.relation == "supports" else "Evidence against")
        assert item.text.split(": ", 1)[1] == f"{visible(record.text)} "
        assert item.footnotes == ([record.source] if record.source else [])
    cited = {e.source for e in expected_evidence if e.source}
    footnotes = doc.env.get("footnotes", {}).get("list", {})
    assert sorted(f["label"] for f in footnotes.values() if "label" in f) == sorted(cited)
    assert all("label" in f for f in footnotes.values()), "a footnote reference did not resolve"
    if options.stances and debate.stakeholders:
        rows = doc.table_rows("Stakeholders")
        assert [marker_of(r[0])[1]["id"] for r in rows] == [s.id for s in debate.stakeholders]
        assert all(len(r) == 7 for r in rows)
        assert [shown(r[0].children[:-1]) for r in rows] == [f"{visible(s.name)} " for s in debate.stakeholders]
    else:
        assert "Stakeholders" not in doc.headings
    stances = [s for s in debate.stances if s.claim in levels] if options.stances else []
    if stances:
        rows = doc.table_rows("Stances")
        assert [(marker_of(r[0])[1]["stakeholder"], marker_of(r[0])[1]["claim"]) for r in rows] == [
            (s.stakeholder, s.claim) for s in stances
        ]
        assert all(len(r) == 5 for r in rows)
        assert [shown(r[4].children) for r in rows] == [visible(s.rationale) for s in stances]
    else:
        assert "Stances" not in doc.headings
    return doc


def structure(markdown: str) -> list[tuple]:
    """The token tree of MARKDOWN without its text: what user text must never change."""
    out = []
    for tok in parser().parse(markdown):
        kids = []
        for kid in tok.children or []:
            kind = "text" if kid.type == "text" or kid.content == "<br>" else kid.type
            if not (kids and kids[-1] == "text" and kind == "text"):
                kids.append(kind)
        out.append((tok.type, tok.tag, tok.level, tuple(kids)))
    return out


@pytest.fixture
def small() -> Debate:
    return parse_debate(SMALL_DEBATE, "small.toml")


def test_the_small_debate_has_every_part(small: Debate) -> None:
    doc = check_outline(small)
    assert doc.headings == ["Small debate", "Claims", "Stakeholders", "Stances", "Sources"]
    assert [(i.label, i.depth) for i in doc.items] == [
        ("Motion", 1),
        ("Pro", 2),
        ("Evidence for", 3),
        ("Con", 2),
        ("Con", 3),
    ]
    rows = doc.table_rows("Stakeholders")
    assert [shown(r[5].children) for r in rows] == ["+2 (supports)", "-1 (leans against)"]
    assert [shown(r[3].children) for r in rows] == ["4/5", "2/5"]
    assert [shown(r[1].children) for r in rows] == ["local government", "business"]


def test_question_and_closed_question_are_marked(small: Debate) -> None:
    claims = [
        *small.claims,
        Claim(id="open-q", text="Who pays?", kind="question", parent="cost", relation="opposes"),
        Claim(id="done-q", text="Is it legal?", kind="question", parent="motion", relation="supports", closed=True),
    ]
    doc = check_outline(small.model_copy(update={"claims": claims}))
    labels = {i.fields["id"]: i.label for i in doc.items}
    assert labels["open-q"] == "Question"
    assert labels["done-q"] == "Question (closed)"


@pytest.mark.parametrize("depth", [0, 1, 2])
def test_depth_limit_drops_deeper_claims_and_their_evidence(small: Debate, depth: int) -> None:
    doc = check_outline(small, ExportOptions(depth=depth))
    assert max(i.depth for i in doc.items if i.kind == "claim") == depth + 1


def test_without_evidence_there_are_no_evidence_items_or_footnotes(small: Debate) -> None:
    doc = check_outline(small, ExportOptions(evidence=False))
    assert not [i for i in doc.items if i.kind == "evidence"]
    assert not any(t.type.startswith("footnote") for t in doc.tokens)


def test_without_stances_there_are_no_stakeholder_or_stance_tables(small: Debate) -> None:
    doc = check_outline(small, ExportOptions(stances=False))
    assert not any(t.type == "table_open" for t in doc.tokens)


def test_a_footnote_is_defined_once_however_often_it_is_cited(small: Debate) -> None:
    more = [
        *small.evidence,
        Evidence(id="ev-2", claim="cost", text="Costs rose.", source="report"),
        Evidence(id="ev-3", claim="motion", relation="undermines", text="No budget.", source="report"),
    ]
    doc = check_outline(small.model_copy(update={"evidence": more}))
    assert sum(1 for t in doc.tokens if t.type == "footnote_open") == 1
    assert sum(len(i.footnotes) for i in doc.items) == 3


def test_analysis_and_shifts_sections_come_last(small: Debate, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, title in [("markdown_analysis", "Analysis"), ("markdown_shifts", "Shifts")]:
        module = types.ModuleType(f"export.{name}")
        module.section = lambda debate, title=title: f"## {title}\n\n{debate.title}\n"
        monkeypatch.setitem(sys.modules, f"export.{name}", module)
    doc = check_outline(small, ExportOptions(analysis=True, shifts=True))
    assert doc.headings[-2:] == ["Analysis", "Shifts"]
    assert check_outline(small).headings[-1] == "Sources"


def test_a_tree_at_the_depth_limit_nests_fully() -> None:
    claims = [Claim(id="c0", text="Motion", kind="thesis")]
    claims += [
        Claim(id=f"c{i}", text=f"Level {i}", parent=f"c{i - 1}", relation="opposes") for i in range(1, MAX_DEPTH + 1)
    ]
    doc = check_outline(Debate(title="Deep", claims=claims))
    assert max(i.depth for i in doc.items) == MAX_DEPTH + 1


def hostile_debate(texts: list[str]) -> Debate:
    """The small debate's shape with every text field taken from TEXTS (cycled)."""
    pick = itertools.cycle(texts)
    return Debate(
        title=next(pick),
        question=next(pick),
        description=next(pick),
        sources=[Source(id="report", citation=next(pick), url=next(pick), file=next(pick))],
        stakeholders=[
            Stakeholder(id="council", name=next(pick), group=next(pick), interests=next(pick), power=4),
            Stakeholder(id="shops", name=next(pick), group=next(pick), interests=next(pick)),
        ],
        claims=[
            Claim(id="motion", text=next(pick), kind="thesis"),
            Claim(id="traffic", text=next(pick), parent="motion", relation="supports"),
            Claim(id="cost", text=next(pick), parent="motion", relation="opposes"),
            Claim(id="why", text=next(pick), kind="question", parent="cost", relation="opposes"),
        ],
        evidence=[
            Evidence(
                id="ev-count", claim="traffic", text=next(pick), quote=next(pick), locator=next(pick), source="report"
            ),
            Evidence(id="ev-cost", claim="cost", relation="undermines", text=next(pick), source="report"),
        ],
        stances=[
            Stance(stakeholder="council", claim="motion", position=2, rationale=next(pick)),
            Stance(stakeholder="shops", claim="cost", position=-3, rationale=next(pick), evidence=["ev-cost"]),
        ],
    )


IDS = ExportOptions(ids=True)
PLAIN = render("markdown", hostile_debate(["plain words"]), IDS)


def test_every_known_attack_leaves_the_structure_unchanged() -> None:
    for attack in HOSTILE:
        text = f"x{attack}" if not attack.strip() else attack
        debate = hostile_debate([text])
        check_outline(debate)
        assert structure(render("markdown", debate, IDS)) == structure(PLAIN), repr(attack)


@PROPERTY
@given(texts=st.lists(required_text, min_size=1, max_size=8))
def test_hostile_text_in_every_field_leaves_the_structure_unchanged(texts: list[str]) -> None:
    debate = hostile_debate(texts)
    check_outline(debate)
    assert structure(render("markdown", debate, IDS)) == structure(PLAIN)


@PROPERTY
@given(debate=debates(), depth=st.one_of(st.none(), st.integers(0, 3)), evidence=st.booleans(), stances=st.booleans())
def test_generated_debates_keep_every_promise(debate: Debate, depth: int | None, evidence: bool, stances: bool) -> None:
    check_outline(debate, ExportOptions(depth=depth, evidence=evidence, stances=stances))


@PROPERTY
@given(text=any_text)
def test_unescape_reverses_escape(text: str) -> None:
    escaped = escape(text)
    assert "\n" not in escaped and "\r" not in escaped
    assert unescape(escaped) == text


@given(text=any_text)
def test_escaped_text_renders_as_itself_even_at_the_start_of_a_line(text: str) -> None:
    if not text:
        return
    tokens = parser().parse(f"{escape(text)}\n")
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert shown(tokens[1].children) == visible(text)


@pytest.mark.parametrize("attack", HOSTILE)
def test_each_attack_renders_as_itself_in_a_paragraph_a_heading_and_a_cell(attack: str) -> None:
    paragraph = parser().parse(f"{escape(attack)}\n")
    assert [t.type for t in paragraph] == ["paragraph_open", "inline", "paragraph_close"]
    assert shown(paragraph[1].children) == visible(attack)
    heading = parser().parse(f"# {escape(attack)}\n")
    assert [t.type for t in heading] == ["heading_open", "inline", "heading_close"]
    assert shown(heading[1].children) == visible(attack)
    table = parser().parse(f"| a | b |\n| --- | --- |\n| {escape(attack)} | {escape(attack)} |\n")
    cells = [t for t in table if t.type == "inline"]
    assert len(cells) == 4
    assert [shown(c.children) for c in cells[2:]] == [visible(attack)] * 2


def test_find_unescaped_skips_escaped_delimiters() -> None:
    source = escape("a *Quote:* b\\") + " *Quote:* c"
    assert source[find_unescaped(source, "*Quote:*") :] == "*Quote:* c"


@pytest.mark.parametrize(
    "options", [ExportOptions(), ExportOptions(depth=1), ExportOptions(evidence=False, stances=False)]
)
def test_the_bundled_debate_keeps_every_promise(options: ExportOptions) -> None:
    from arguments.storage import read_debate
    from seeds import seed_path

    debate = read_debate(seed_path())
    doc = check_outline(debate, options)
    assert len(doc.items) >= (25 if options.depth is None else 2)


# The handout (the default Markdown export): for people, no ids.


def peru() -> Debate:
    from arguments.storage import read_debate
    from seeds import seed_path

    return read_debate(seed_path())


def handout_tokens(markdown: str) -> list[Token]:
    """CommonMark with GFM tables only: the handout must not need the footnote extension."""
    return MarkdownIt("commonmark").enable("table").parse(markdown)


def cells_under(tokens: list[Token], heading: str) -> list[list[str]]:
    doc = Outline(tokens, {}, [], [])
    return [[c.content for c in row] for row in doc.table_rows(heading)]


def test_the_handout_has_no_html_and_no_footnotes() -> None:
    text = render("markdown", peru(), ExportOptions())
    tokens = handout_tokens(text)
    kinds = {t.type for t in tokens} | {k.type for t in tokens for k in t.children or []}
    assert not kinds & {"html_block", "html_inline"}
    assert "<!--" not in text and "[^" not in text


def test_the_handout_says_who_stands_where_before_the_tree() -> None:
    debate = peru()
    tokens = handout_tokens(render("markdown", debate, ExportOptions()))
    headings = [t.content for i, t in enumerate(tokens) if t.type == "inline" and tokens[i - 1].type == "heading_open"]
    assert headings.index("Who stands where") < headings.index("Claims")
    sides = {row[0]: row[1] for row in cells_under(tokens, "Who stands where")}
    assert "Congress (-2)" in sides["Against"]
    assert "(+3)" in sides["For"] and "(0)" in sides["Neutral"]


def test_the_handout_lists_each_source_once_and_cites_it_by_number() -> None:
    debate = peru()
    text = render("markdown", debate, ExportOptions())
    tokens = handout_tokens(text)
    items = [t.content for i, t in enumerate(tokens) if t.type == "inline" and tokens[i - 2].type == "list_item_open"]
    for source in debate.sources:
        assert text.count(escape(source.citation)) == 1, source.id
    assert "(para. 2; source 1)" in text
    ordered = [t for t in tokens if t.type == "ordered_list_open"]
    assert len(ordered) == 1 and len(
        [i for i in items if i.startswith(tuple(escape(s.citation)[:20] for s in debate.sources))]
    ) == len(debate.sources)


def test_the_handout_cuts_no_table_cell_and_signs_every_position() -> None:
    debate = peru()
    tokens = handout_tokens(render("markdown", debate, ExportOptions()))
    rows = cells_under(tokens, "Stances")
    assert len(rows) == len(debate.stances)
    assert all("…" not in cell for row in rows for cell in row)
    assert sorted(unescape(row[4]) for row in rows) == sorted(s.rationale for s in debate.stances)
    assert all(re.fullmatch(r"[+-][1-3]|0", row[2]) for row in rows)
    claims = [t.content for t in tokens if t.type == "inline" and re.match(r"\*\*\d+ ", t.content or "")]
    numbers = {row[0] for row in rows}
    assert numbers <= {c.split(" ", 1)[0].strip("*") for c in claims}


def test_hostile_text_leaves_the_handout_structure_unchanged() -> None:
    plain = structure(render("markdown", hostile_debate(["plain words"]), ExportOptions()))
    for attack in HOSTILE:
        text = f"x{attack}" if not attack.strip() else attack
        assert structure(render("markdown", hostile_debate([text]), ExportOptions())) == plain, repr(attack)


@PROPERTY
@given(texts=st.lists(required_text, min_size=1, max_size=8))
def test_hostile_text_in_every_field_leaves_the_handout_structure_unchanged(texts: list[str]) -> None:
    plain = structure(render("markdown", hostile_debate(["plain words"]), ExportOptions()))
    assert structure(render("markdown", hostile_debate(texts), ExportOptions())) == plain


def test_the_readme_names_the_markdown_flavour_the_export_needs() -> None:
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (row,) = [line for line in readme.splitlines() if line.startswith("| `markdown` |")]
    assert "GitHub Flavored Markdown" in row and "(CommonMark)" not in row
    debate = peru()
    # the handout needs only CommonMark and tables: no footnote is left as literal text
    handout = render("markdown", debate, ExportOptions())
    inline = "".join(t.content for t in handout_tokens(handout) if t.type == "inline")
    assert "[^" not in inline
    # with ids, footnotes (GitHub's extension) resolve under the footnote plugin
    with_ids = render("markdown", debate, IDS)
    env: dict = {}
    parser().parse(with_ids, env)
    assert all("label" in f for f in env["footnotes"]["list"].values())


@PROPERTY
@given(text=any_text)
def test_light_escaping_reverses_and_renders_as_itself_everywhere(text: str) -> None:
    from arguments.handout_format import escape_light

    escaped = escape_light(text)
    assert "\n" not in escaped and unescape(escaped) == text
    if not text:
        return
    for source, kinds in [
        (f"{escaped}\n", ["paragraph_open", "inline", "paragraph_close"]),
        (f"# {escaped}\n", ["heading_open", "inline", "heading_close"]),
        (f"- **1 Pro** {escaped}\n", None),
    ]:
        tokens = parser().parse(source)
        if kinds:
            assert [t.type for t in tokens] == kinds
            assert shown(tokens[1].children) == visible(text)
        else:
            inline = next(t for t in tokens if t.type == "inline")
            kids = [k for k in inline.children or [] if k.type != "text" or k.content]
            assert [k.type for k in kids[:3]] == ["strong_open", "text", "strong_close"]
            assert shown(kids[3:]) == " " + visible(text)
    table = parser().parse(f"| a | b |\n| --- | --- |\n| {escaped} | x |\n")
    cells = [t for t in table if t.type == "inline"]
    assert len(cells) == 4 and shown(cells[2].children) == visible(text)


@pytest.mark.parametrize("attack", HOSTILE)
def test_light_escaping_holds_every_attack(attack: str) -> None:
    from arguments.handout_format import escape_light

    test_light_escaping_reverses_and_renders_as_itself_everywhere.hypothesis.inner_test(attack)
    assert unescape(escape_light(attack)) == attack


def test_the_handout_escapes_only_what_could_change_structure() -> None:
    from arguments.handout_format import escape_light

    assert escape_light("Costs $5 {est.} - see snake_case & AT&T, a > b, 3 # 4") == (
        "Costs $5 {est.} - see snake_case & AT&T, a > b, 3 # 4"
    )
    assert escape_light("*bold* _it_ `code` [link](x) <b> &amp; | #") == (
        "\\*bold\\* \\_it\\_ \\`code\\` \\[link\\](x) \\<b> \\&amp; \\| \\#"
    )


@pytest.mark.parametrize(
    "text", ["\\\x80", "a\\ ", "\\x41", "C:\\Users\\me", "snake_case_", "&#32;", "x<br>y", "rank #"]
)
def test_light_escaping_corner_cases(text: str) -> None:
    test_light_escaping_reverses_and_renders_as_itself_everywhere.hypothesis.inner_test(text)
