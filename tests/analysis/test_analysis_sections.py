"""The analysis sections and their selections are defined once
(`arguments.analysis.sections`): the Markdown export and the Rich views (the app's tabs,
`debatemap analyze`) draw the same sections in the same order, with the same rankings."""

from __future__ import annotations

import io

from rich.console import Console

from arguments.analysis.report import analyse
from arguments.analysis.sections import PERSPECTIVE, SECTIONS, WHAT_IF, contested, sections_of
from arguments.model import Scenario
from arguments.storage import read_debate
from export.markdown_analysis import section
from tests.analysis.test_analysis_markdown import headings, parse, tables
from tests.model.test_seed import SEED
from tui.screens.analysis_views import sections as view_sections


def peru():
    return read_debate(SEED)


def test_markdown_and_views_draw_the_registered_sections_in_order() -> None:
    debate = peru()
    titles = [content for tag, content in headings(parse(section(debate))) if tag == "h3"]
    assert titles == [s.title for s in SECTIONS]
    drawn = view_sections(debate, analyse(debate))
    assert [(key, title) for key, title, _ in drawn] == [(s.id, s.title) for s in SECTIONS]


def test_a_perspective_and_a_what_if_come_last_when_chosen() -> None:
    debate = peru()
    scenario = Scenario(id="quiet", name="Nobody moves")
    analysis = analyse(debate, stakeholder=debate.stakeholders[0].id, scenario=scenario)
    assert sections_of(analysis)[-2:] == [PERSPECTIVE, WHAT_IF]
    assert [key for key, _, _ in view_sections(debate, analysis)][-2:] == [PERSPECTIVE.id, WHAT_IF.id]


def test_both_renderers_rank_contested_claims_the_same_way() -> None:
    debate = peru()
    analysis = analyse(debate)
    ranked = [c.claim for c in contested(analysis)]
    assert len(ranked) >= 3
    spreads = [c.spread for c in contested(analysis)]
    assert spreads == sorted(spreads, reverse=True)
    texts = {c.id: c.text for c in debate.claims}
    [markdown_table] = [t for t in tables(parse(section(debate))) if t[0][:2] == ["Claim", "Spread"]]
    assert [row[1] for row in markdown_table[1:4]] == [f"{c.spread:.2f}" for c in contested(analysis)[:3]]
    console = Console(file=io.StringIO(), width=400, color_system=None)
    console.print(dict((k, r) for k, _, r in view_sections(debate, analysis))["contest"])
    shown = console.file.getvalue()
    positions = [shown.index(texts[cid][:40]) for cid in ranked[:3]]
    assert positions == sorted(positions)
