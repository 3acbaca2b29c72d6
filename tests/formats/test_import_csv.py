"""CSV stance matrix merged into a debate: exact matches only, blanks untouched, unknowns reported."""

from __future__ import annotations

import pytest

from arguments.importers.csv_import import parse_into
from arguments.problems import DebateError
from arguments.storage import parse_debate
from export import ExportOptions, render


@pytest.fixture
def debate(small_debate_file):
    return parse_debate(small_debate_file.read_text(encoding="utf-8"), "small.toml")


def stances(debate) -> dict[tuple[str, str], tuple[int, str, str]]:
    return {(s.stakeholder, s.claim): (s.position, s.basis, s.rationale) for s in debate.stances}


def test_our_export_merges_back_unchanged(debate):
    result = parse_into(debate, render("csv", debate, ExportOptions()), "m.csv")
    assert result.debate == debate
    assert result.dropped == []


def test_numbers_set_positions_blanks_leave_them_and_new_stances_are_inferred(debate):
    text = "claim,text,council,shops\r\nmotion,x,3,\r\ncost,y,-2,'+1\r\ntraffic,z,,\r\n"
    merged = parse_into(debate, text, "m.csv").debate
    assert stances(merged) == {
        ("council", "motion"): (3, "stated", "Voted for the plan."),  # position moved, the rest kept
        ("shops", "motion"): (-1, "inferred", "Fear the works."),  # blank: untouched
        ("council", "cost"): (-2, "inferred", ""),
        ("shops", "cost"): (1, "inferred", ""),
    }
    assert merged.claims == debate.claims and merged.stakeholders == debate.stakeholders


def test_unknown_stakeholders_and_claims_are_reported_not_guessed(debate):
    text = "claim,council,Town counsil,mayor\nmotion,1,2,3\nmoton,1,1,1\n"
    result = parse_into(debate, text, "m.csv")
    assert stances(result.debate)[("council", "motion")][0] == 1
    assert {(d.reason, d.count, tuple(d.examples)) for d in result.dropped} == {
        ("columns naming no stakeholder of the debate", 2, ("Town counsil", "mayor")),
        ("rows naming no claim of the debate", 1, ("moton",)),
    }


def test_hand_made_variants_semicolons_names_and_claim_text(debate):
    text = "text;Town council;SHOP OWNERS\nThe bridge costs too much.;-1;2.0\n"
    merged = parse_into(debate, text, "m.csv").debate
    assert stances(merged)[("council", "cost")][0] == -1
    assert stances(merged)[("shops", "cost")][0] == 2


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("", 1, "empty"),
        ("who,council\nmotion,1\n", 1, "no 'claim'"),
        ("claim,council\nmotion,1\ncost,yes\n", 3, "not a position"),
        ("claim,council\nmotion,4\n", 2, "not a position"),
        ("claim,council\nmotion,1\nmotion,2\n", 3, "already has a row on line 2"),
        ('claim,council\nmotion,"1\n', 3, "not valid CSV"),
    ],
)
def test_malformed_matrices_name_the_line(debate, text, line, reason):
    with pytest.raises(DebateError) as caught:
        parse_into(debate, text, "bad.csv")
    [problem] = caught.value.problems
    assert (problem.path, problem.line) == ("bad.csv", line)
    assert reason in problem.message


def test_hostile_cells_are_reported_as_text_not_run(debate):
    text = 'claim,"=HYPERLINK(""x"")","\x1b[2J"\n"[/]",1,1\n'
    result = parse_into(debate, text, "h.csv")
    assert result.debate == debate
    assert {d.reason: d.examples for d in result.dropped} == {
        "columns naming no stakeholder of the debate": ['=HYPERLINK("x")', "\x1b[2J"],
        "rows naming no claim of the debate": ["[/]"],
    }
