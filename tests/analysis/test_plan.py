"""Issue 15: the plan (leverage, defend, homework, options) worked out by hand, and as the CLI prints it."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from arguments.analysis.homework import homework
from arguments.analysis.leverage import leverage
from arguments.analysis.options import compare
from arguments.analysis.plan import plan
from arguments.storage import parse_debate, read_debate
from export import ExportOptions, render
from tests.conftest import ROOT
from tui.cli import cli

SEED = ROOT / "seeds" / "decentralization-peru.toml"

# The government (power 5) leans against M (−1). In its view (τ = 0.5 + position/6):
# τ(M) = 1/3; support F(σA = 1/3, σC = 1/2) = 2/3; attack σB = 1 (its +3 on B).
# σ(M) = 1/3 − 1/3·(1 − 2/3) = 2/9.
#   B +3 → +2: attack 5/6, σ(M) = 1/3 − 1/3·(5/6 − 2/3) = 5/18, gain 1/18, weight 5/18
#   C  0 → +1: support 7/9, σ(M) = 1/3 − 1/3·(1 − 7/9) = 7/27, gain 1/27, weight 5/27
#   A −1 →  0: support 3/4, σ(M) = 1/3 − 1/3·(1 − 3/4) = 1/4,  gain 1/36, weight 5/36
# B attacks M, so "toward the motion" on B is a step down.
LEVERAGE = """schema = 1
title = "Leverage"

[[stakeholders]]
id = "gov"
name = "Government"
power = 5

[[stakeholders]]
id = "ally"
name = "Ally"
power = 2

[[stakeholders]]
id = "town"
name = "Town"
power = 1

[[claims]]
id = "m"
text = "The motion."
kind = "thesis"

[[claims]]
id = "a"
text = "Argument A for it."
parent = "m"
relation = "supports"

[[claims]]
id = "b"
text = "Argument B against it."
parent = "m"
relation = "opposes"

[[claims]]
id = "c"
text = "Argument C for it."
parent = "m"
relation = "supports"

[[evidence]]
id = "ev-b"
claim = "b"
relation = "undermines"
text = "B is overstated."

[[stances]]
stakeholder = "gov"
claim = "m"
position = -1

[[stances]]
stakeholder = "gov"
claim = "a"
position = -1

[[stances]]
stakeholder = "gov"
claim = "b"
position = 3

[[stances]]
stakeholder = "gov"
claim = "c"
position = 0

[[stances]]
stakeholder = "ally"
claim = "m"
position = -2

[[stances]]
stakeholder = "ally"
claim = "a"
position = -2

[[stances]]
stakeholder = "ally"
claim = "b"
position = -1

[[stances]]
stakeholder = "town"
claim = "m"
position = 1

[[stances]]
stakeholder = "town"
claim = "a"
position = 2
"""

MOVED_BY_C = """
[[stance_changes]]
at = "2026-11-26T10:00"
stakeholder = "ally"
claim = "m"
from = -3
to = -2
presented = "c"

[[stance_changes]]
at = "2026-11-26T10:05"
stakeholder = "town"
claim = "m"
from = 0
to = 1
presented = "c"

[[stance_changes]]
at = "2026-11-26T10:10"
stakeholder = "town"
claim = "a"
from = 3
to = 2
presented = "a"
"""


def test_leverage_ranks_the_claim_that_moves_the_motion_most_in_their_own_view():
    debate = parse_debate(LEVERAGE)
    result = leverage(debate, "m")
    assert [t.stakeholder for t in result.targets] == ["gov"]  # ally and town have power < 3
    gov = result.targets[0]
    assert gov.motion_strength == pytest.approx(2 / 9)
    assert [(m.claim, m.position, m.step) for m in gov.moves] == [("b", 3, -1), ("c", 0, 1), ("a", -1, 1)]
    assert [m.change for m in gov.moves] == pytest.approx([1 / 18, 1 / 27, 1 / 36])
    assert [m.weight for m in gov.moves] == pytest.approx([5 / 18, 5 / 27, 5 / 36])
    assert gov.moves[0].evidence == ["ev-b"]
    # ally agrees with gov (cosine (2 + 2 − 3)/√(11·6) > 0) and already holds B at −1
    assert [s for s, _ in gov.moves[0].allies] == ["ally"]
    assert gov.missing == []


def test_claims_that_moved_people_before_rank_higher():
    debate = parse_debate(LEVERAGE + MOVED_BY_C)
    gov = leverage(debate, "m").targets[0]
    # C moved ally and town toward the motion: weight 5/27 × (1 + 0.5 × 2) = 10/27 > 5/18.
    # The change while A was up moved town away from the motion, so it does not count.
    assert [(m.claim, m.moved_before) for m in gov.moves] == [("c", 2), ("b", 0), ("a", 0)]
    assert gov.moves[0].weight == pytest.approx(10 / 27)


def test_defend_is_what_erodes_a_supporters_view_most():
    # Town's view: τ(M) = 2/3, support F(σA = 5/6, σC = 1/2) = 11/12, attack σB = 1/4 (town holds no
    # stance on B; its undermining item of reliability 3 gives τ(B) = 0.25), σ(M) = 2/3 + 1/3·(11/12 − 1/4) = 8/9.
    # A +2 → +1: support 1 − (1/3)(1/2) = 5/6, σ(M) = 2/3 + 1/3·(5/6 − 1/4) = 31/36; loss 1/36.
    town = leverage(parse_debate(LEVERAGE), "m").supporters[0]
    assert town.stakeholder == "town" and town.motion_strength == pytest.approx(8 / 9)
    assert [(m.claim, m.step) for m in town.moves] == [("a", -1)]
    assert town.moves[0].change == pytest.approx(1 / 36) and town.moves[0].weight == pytest.approx(1 / 36)


def test_stances_that_do_not_exist_are_listed_as_missing_not_ranked():
    text = LEVERAGE.replace('[[stances]]\nstakeholder = "gov"\nclaim = "c"\nposition = 0\n', "")
    gov = leverage(parse_debate(text), "m").targets[0]
    assert "c" not in [m.claim for m in gov.moves] and gov.missing == ["c"]


# Homework. Big (power 5) holds M at 0 and B at +1; C attacks M. In Big's view:
# support F(σA = 1/2, σB = 2/3) = 5/6, attack σC = 1/2, σ(M) = 1/2 + 1/2·(5/6 − 1/2) = 2/3.
# One supporting item of reliability 3 makes τ = 0.75:
#   on C: attack 3/4, σ(M) = 1/2 + 1/2·(5/6 − 3/4) = 13/24, |Δ| = 1/8, score 5/8 (weakens the motion)
#   on A: support 1 − (1/4)(1/3) = 11/12, σ(M) = 17/24, |Δ| = 1/24, score 5/24
#   on M: Big holds a stance on M, so evidence there does not reach Big's view: 0
# B has only weak evidence (reliability 2), so it is to be shored up, not found.
HOMEWORK = """schema = 1
title = "Homework"

[[stakeholders]]
id = "big"
name = "Big"
power = 5

[[stakeholders]]
id = "small"
name = "Small"
power = 1

[[claims]]
id = "m"
text = "The motion."
kind = "thesis"

[[claims]]
id = "a"
text = "A for it."
parent = "m"
relation = "supports"

[[claims]]
id = "b"
text = "B for it."
parent = "m"
relation = "supports"

[[claims]]
id = "c"
text = "C against it."
parent = "m"
relation = "opposes"

[[evidence]]
id = "ev-b"
claim = "b"
text = "Hearsay about B."
reliability = 2

[[stances]]
stakeholder = "big"
claim = "m"
position = 0

[[stances]]
stakeholder = "big"
claim = "b"
position = 1
"""


def test_homework_ranks_missing_evidence_by_its_effect_for_the_powerful():
    result = homework(parse_debate(HOMEWORK), "m")
    assert [(t.claim, t.direction) for t in result.missing] == [("c", -1), ("a", 1), ("m", 1)]
    assert [t.score for t in result.missing] == pytest.approx([5 / 8, 5 / 24, 0])
    assert result.missing[0].reached == ["big"]
    assert result.weak == [("b", 2)]


def test_plan_homework_prints_a_markdown_checklist(tmp_path):
    path = tmp_path / "hw.toml"
    path.write_text(HOMEWORK, encoding="utf-8")
    result = CliRunner().invoke(cli, ["plan", str(path), "--homework"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    boxes = [line for line in result.output.splitlines() if line.startswith("- [ ] ")]
    assert [line.split("`")[1] for line in boxes] == ["c", "a", "m", "b"]
    assert boxes[0].startswith("- [ ] Find evidence on: C against it.") and "score 0.625" in boxes[0]
    assert boxes[-1].startswith("- [ ] Shore up: B for it.") and "2/5" in boxes[-1]


# Options: X and Y both answer the question. P (power 4) and Q (power 2):
# X: P +2, Q −1 → support 8, opposition 2, mean (8 − 2)/6 = +1.00, strength (4·5/6 + 2·1/3)/6 = 2/3
# Y: P −1, Q +3 → support 6, opposition 4, mean (−4 + 6)/6 = +0.33, strength (4·1/3 + 2·1)/6 = 5/9
# Coalition "both" (P and Q) leans for both (4·2 − 2 = 6 > 0; −4 + 6 = 2 > 0); "q-only" resists X, backs Y.
OPTIONS = """schema = 1
title = "Options"
question = "What should the town do?"

[[stakeholders]]
id = "p"
name = "Pe"
power = 4

[[stakeholders]]
id = "q"
name = "Qu"
power = 2

[[claims]]
id = "x"
text = "Build the bridge."
kind = "thesis"

[[claims]]
id = "y"
text = "Run a ferry."
kind = "thesis"

[[stances]]
stakeholder = "p"
claim = "x"
position = 2

[[stances]]
stakeholder = "q"
claim = "x"
position = -1

[[stances]]
stakeholder = "p"
claim = "y"
position = -1

[[stances]]
stakeholder = "q"
claim = "y"
position = 3

[[coalitions]]
id = "both"
name = "Both"
members = ["p", "q"]

[[coalitions]]
id = "q-only"
name = "Q alone"
members = ["q"]
"""


def test_options_are_compared_side_by_side():
    x, y = compare(parse_debate(OPTIONS))
    assert (x.claim, x.feasibility.support, x.feasibility.opposition) == ("x", 8, 2)
    assert (y.claim, y.feasibility.support, y.feasibility.opposition) == ("y", 6, 4)
    assert x.mean_position == pytest.approx(1.0) and y.mean_position == pytest.approx(1 / 3)
    assert x.strength == pytest.approx(2 / 3) and y.strength == pytest.approx(5 / 9)
    assert (x.backed_by, x.resisted_by) == (["both"], ["q-only"])
    assert (y.backed_by, y.resisted_by) == (["both", "q-only"], [])


def test_handout_and_plan_json_carry_the_comparison(tmp_path):
    debate = parse_debate(OPTIONS)
    text = render("markdown", debate, ExportOptions(analysis=True))
    table = text[text.index("## Options compared") :]
    rows = [line for line in table.splitlines() if line.startswith("| ") and "---" not in line]
    assert rows[1].startswith("| Build the bridge. | 8 | 2 | +1.00 | 0.67 | both | q-only |")
    assert rows[2].startswith("| Run a ferry. | 6 | 4 | +0.33 | 0.56 | both, q-only | — |")
    single = render("markdown", parse_debate(HOMEWORK), ExportOptions(analysis=True))
    assert "Options compared" not in single
    path = tmp_path / "options.toml"
    path.write_text(OPTIONS, encoding="utf-8")
    result = CliRunner().invoke(cli, ["plan", str(path), "--motion", "y", "--json"], catch_exceptions=False)
    data = json.loads(result.output)
    assert data["motion"] == "y" and [o["claim"] for o in data["options"]] == ["x", "y"]
    assert data["options"][0]["support"] == 8 and "leverage" in data["explain"]


def test_peru_plan_names_congress_and_the_executive():
    """The seed report: the reform must win over Congress ("lack of political will", eight
    bills pending) and the Executive (which pursues deconcentration instead)."""
    result = plan(read_debate(SEED))
    targets = [t.stakeholder for t in result.leverage.targets]
    assert targets[:2] == ["executive", "congress"]
    executive, congress = result.leverage.targets[:2]
    # The Executive's best lever is its own claim that deconcentration is enough (+3 → +2).
    assert (executive.moves[0].claim, executive.moves[0].step) == ("deconcentration-enough", -1)
    # Congress holds no stance on any argument: nothing is ranked, the plan says what to ask first.
    assert congress.moves == [] and congress.missing[0] == "deconcentration-enough"
    printed = CliRunner().invoke(cli, ["plan", str(SEED)], catch_exceptions=False).output
    win_over = printed[printed.index("Who to win over") : printed.index("What to defend")]
    assert "Executive" in win_over and "Congress" in win_over


def test_plan_refuses_an_unknown_motion_clearly(tmp_path):
    result = CliRunner().invoke(cli, ["plan", str(SEED), "--motion", "nope"])
    assert result.exit_code == 1 and 'no claim with id "nope"' in result.output


def test_coalition_briefs_say_what_holds_them_and_where_they_split():
    from arguments.analysis.briefs import briefs

    text = (
        OPTIONS
        + """
[[claims]]
id = "z"
text = "The river must be crossed."
kind = "thesis"

[[stances]]
stakeholder = "p"
claim = "z"
position = 2

[[stances]]
stakeholder = "q"
claim = "z"
position = 3
"""
    )
    debate = parse_debate(text)
    both = briefs(debate)[0]
    assert (both.name, both.members) == ("both", ["p", "q"])
    assert both.glue == [("z", 2, 2.5)]
    # x: P +2 against Q −1 (gap 3); y: Q +3 against P −1 (gap 4): the wider split first
    assert [(s.claim, s.for_, s.against, s.gap) for s in both.splits] == [
        ("y", ["q"], ["p"], 4.0),
        ("x", ["p"], ["q"], 3.0),
    ]
    handout = render("markdown", debate, ExportOptions(briefs=True))
    brief = handout[handout.index("## Coalition briefs") :]
    assert "### Both" in brief and "- The river must be crossed.: 2 members at +2.5 on average" in brief
    assert "- Run a ferry.: for Qu; against Pe" in brief


def test_analyze_compares_the_options_too(tmp_path):
    path = tmp_path / "options.toml"
    path.write_text(OPTIONS, encoding="utf-8")
    data = json.loads(CliRunner().invoke(cli, ["analyze", str(path), "--json"], catch_exceptions=False).output)
    assert [(o["claim"], o["support"], o["opposition"]) for o in data["options"]] == [("x", 8, 2), ("y", 6, 4)]
    printed = CliRunner().invoke(cli, ["analyze", str(path)], catch_exceptions=False).output
    assert "Options compared" in printed and "Run a ferry." in printed
    single = json.loads(CliRunner().invoke(cli, ["analyze", str(SEED), "--json"], catch_exceptions=False).output)
    assert "options" not in single


async def test_the_analysis_screen_has_a_plan_tab():
    from textual.app import App
    from textual.widgets import TabbedContent

    from tui.screens.analysis import AnalysisScreen

    class Host(App):
        def on_mount(self) -> None:
            self.push_screen(AnalysisScreen(read_debate(SEED)))

    app = Host()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.query_one("#analysis-tabs", TabbedContent).active = "tab-plan"
        await pilot.pause()
        from tests.app.test_analysis_screen import drawn_text

        shown = drawn_text(app)
        assert "Who to win over" in shown and "Executive" in shown and "Congress" in shown
