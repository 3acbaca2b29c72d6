"""Polls in the debate file: the model, the TOML round trip, undo, the handout, diff, merge."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from arguments import polls
from arguments.diff import diff_debates
from arguments.integrity import check_integrity
from arguments.merge import merge_debates
from arguments.model import Debate
from arguments.operations import History, delete_claim
from arguments.problems import DebateError
from arguments.storage import dumps_debate, parse_debate, read_debate, write_debate
from export import ExportOptions
from export.markdown import render as markdown
from export.markdown_polls import histogram
from tests.conftest import SMALL_DEBATE

POLL = """
[[polls]]
claim = "motion"
opened = "2026-11-29T10:05:12"
closed = "2026-11-29T10:09:40"
counts = [0, 1, 2, 3, 5, 4, 1]
"""


def small() -> Debate:
    return parse_debate(SMALL_DEBATE)


def test_a_poll_in_the_file_round_trips_byte_for_byte(tmp_path: Path) -> None:
    text = SMALL_DEBATE + POLL
    debate = parse_debate(text)
    assert debate.polls[0].counts == [0, 1, 2, 3, 5, 4, 1] and debate.polls[0].closed == "2026-11-29T10:09:40"
    path = tmp_path / "d.toml"
    write_debate(debate, path)
    assert POLL.strip() in path.read_text()
    assert read_debate(path) == debate  # the canonical fast reader too
    assert dumps_debate(read_debate(path)) == path.read_text()


@pytest.mark.parametrize(
    "bad, where",
    [
        ("counts = [0, 1, 2]", "counts"),
        ("counts = [0, 1, 2, 3, 5, 4, -1]", "counts"),
        ('claim = "nowhere"', "claim"),
        ("who = 3", "who"),
    ],
)
def test_a_bad_poll_is_refused_with_where(bad: str, where: str) -> None:
    key = bad.split(" ")[0]
    lines = [line for line in POLL.splitlines() if not line.startswith(key + " ")] + [bad]
    text = SMALL_DEBATE + "\n".join(lines) + "\n"
    try:
        debate = parse_debate(text, "d.toml")
    except DebateError as exc:
        assert "polls" in str(exc) and where in str(exc)
        return
    problems = check_integrity(debate)
    assert [p.loc for p in problems] == [("polls", 0, "claim")]


def test_opening_and_updating_a_poll_is_undoable() -> None:
    debate, history = small(), History()
    history.apply(debate, polls.open_poll(debate, "motion", "2026-11-29T10:05:12"))
    history.apply(debate, polls.set_poll(debate, "motion", "2026-11-29T10:05:12", counts=[0, 0, 0, 1, 0, 0, 2]))
    assert debate.polls[0].counts == [0, 0, 0, 1, 0, 0, 2] and polls.mean(debate.polls[0].counts) == 2.0
    history.undo(debate)
    assert debate.polls[0].counts == [0] * 7
    history.undo(debate)
    assert debate.polls == []


def test_deleting_a_claim_deletes_its_polls_and_undo_restores_them() -> None:
    debate, history = parse_debate(SMALL_DEBATE + POLL.replace('"motion"', '"cost"')), History()
    history.apply(debate, delete_claim(debate, "cost"))
    assert debate.polls == [] and check_integrity(debate) == []
    history.undo(debate)
    assert [p.claim for p in debate.polls] == ["cost"]


def test_the_handout_shows_a_histogram_per_poll() -> None:
    debate = parse_debate(SMALL_DEBATE + POLL)
    text = markdown(debate, ExportOptions())
    tokens = MarkdownIt("commonmark").parse(text)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert "Where the room stood" in headings
    line = next(t.content for t in tokens if t.type == "inline" and "16 answered" in t.content)
    assert "−3  ▂▃▅█▆▂ +3" in line and "mean +0.8" in line
    assert histogram([0, 0, 0, 0, 0, 0, 0]) == "−3 " + " " * 7 + " +3"


def test_diff_reports_a_new_poll_and_changed_counts() -> None:
    before = parse_debate(SMALL_DEBATE + POLL)
    after = parse_debate(SMALL_DEBATE + POLL.replace("[0, 1, 2, 3, 5, 4, 1]", "[0, 1, 2, 3, 5, 4, 2]"))
    changes = diff_debates(before, after).in_table("polls")
    assert [(c.key, c.change, [(f.name, f.old, f.new) for f in c.fields]) for c in changes] == [
        ("motion@2026-11-29T10:05:12", "changed", [("counts", [0, 1, 2, 3, 5, 4, 1], [0, 1, 2, 3, 5, 4, 2])])
    ]
    added = diff_debates(small(), before).in_table("polls")
    assert [(c.key, c.change) for c in added] == [("motion@2026-11-29T10:05:12", "added")]


def test_merge_keeps_polls_from_both_sides() -> None:
    base = small()
    ours = parse_debate(SMALL_DEBATE + POLL)
    theirs = parse_debate(SMALL_DEBATE + POLL.replace("10:05:12", "11:00:00").replace('"motion"', '"cost"'))
    result = merge_debates(base, ours, theirs)
    assert result.clean
    assert sorted((p.claim, p.opened) for p in result.debate().polls) == [
        ("cost", "2026-11-29T11:00:00"),
        ("motion", "2026-11-29T10:05:12"),
    ]


def test_moves_and_disagreements() -> None:
    text = (
        SMALL_DEBATE
        + POLL
        + POLL.replace("10:05:12", "11:00:00").replace("[0, 1, 2, 3, 5, 4, 1]", "[5, 4, 1, 0, 0, 0, 0]")
    )
    debate = parse_debate(text)
    [move] = polls.moves(debate)
    assert move.claim == "motion" and move.shift == pytest.approx(-2.4 - 0.75)
    gaps = polls.disagreements(debate)
    assert [(d.stakeholder, d.position) for d in gaps] == [("council", 2)]  # room -2.4, council +2
