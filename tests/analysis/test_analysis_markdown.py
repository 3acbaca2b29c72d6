"""The Markdown analysis section, read back with markdown-it-py: its structure is ours,
whatever the names and claims in the file say."""

from __future__ import annotations

from markdown_it import MarkdownIt

from arguments.model import Debate
from export import ExportOptions, render
from export.markdown_analysis import HEADING, section
from tests.analysis.test_analysis_coalitions import two_camps

TITLES = [
    "Position map",
    "Feasibility",
    "Power-interest grid",
    "Contested claims and cruxes",
    "Coalitions",
    "Argument strength",
    "Gaps",
]
HOSTILE = "x | y\n# Heading\n- item <script>alert(1)</script> [link](http://e.com) *em* `code` ![i](u)"


def parse(text: str):
    return MarkdownIt("commonmark").enable("table").parse(text)


def headings(tokens) -> list[tuple[str, str]]:
    return [(t.tag, tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"]


def tables(tokens) -> list[list[list[str]]]:
    """Each table as rows of cell texts (header row first)."""
    found: list[list[list[str]]] = []
    for i, t in enumerate(tokens):
        if t.type == "table_open":
            found.append([])
        elif t.type == "tr_open":
            found[-1].append([])
        elif t.type in ("th_open", "td_open"):
            inline = tokens[i + 1]
            found[-1][-1].append("".join(c.content for c in inline.children or [] if c.type == "text"))
    return found


def token_types(tokens) -> set[str]:
    return {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}


def hostile_camps() -> Debate:
    data = two_camps().model_dump(by_alias=True)
    for s in data["stakeholders"]:
        s["name"] = f"{s['id']} {HOSTILE}"
    for c in data["claims"]:
        c["text"] = f"{c['id']} {HOSTILE}"
    return Debate.model_validate(data)


def test_the_section_has_its_headings_and_tables():
    tokens = parse(section(two_camps()))
    assert headings(tokens) == [("h2", HEADING)] + [("h3", t) for t in TITLES]
    position = tables(tokens)[0]
    assert position[0][0] == "Power" and len(position[0]) == 8
    assert [row[0] for row in position[1:]] == ["5", "4", "3", "2"]  # power rows with someone in them
    assert position[1][1] == "A1" and position[2][7] == "B1" and position[3][4] == "Neutral"
    feasibility = tables(tokens)[1]
    assert [row[1:3] for row in feasibility[1:]] == [["23", "16"], ["19", "8"], ["16", "19"]]


def test_hostile_names_and_claims_leave_the_structure_unchanged():
    plain, hostile = parse(section(two_camps())), parse(section(hostile_camps()))
    assert headings(hostile) == headings(plain)
    assert [[len(row) for row in table] for table in tables(hostile)] == [
        [len(row) for row in table] for table in tables(plain)
    ]
    assert token_types(hostile) - token_types(plain) <= {"html_inline"}  # no link, image, em, code, list, HTML block
    html = [c.content for t in hostile for c in t.children or [] if c.type == "html_inline"]
    assert set(html) <= {"<br>"}
    cell = tables(hostile)[0][1][1]  # power 5, +3: a1
    assert cell.startswith("a1 x | y") and "<script>alert(1)</script>" in cell


def test_the_markdown_exporter_appends_the_section_when_asked():
    debate = two_camps()
    without = parse(render("markdown", debate, ExportOptions()))
    with_ = parse(render("markdown", debate, ExportOptions(analysis=True)))
    assert ("h2", HEADING) not in headings(without)
    assert headings(with_)[-len(TITLES) - 1 :] == [("h2", HEADING)] + [("h3", t) for t in TITLES]


def test_a_debate_without_claims_says_so():
    tokens = parse(section(Debate(title="Empty")))
    assert headings(tokens) == [("h2", HEADING)]
    assert any(t.type == "inline" and "no claims" in t.content for t in tokens)
