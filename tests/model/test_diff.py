"""Semantic diff of two debates by ids, and `debatemap diff` in its three formats."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from arguments.diff import diff_debates, word_diff
from arguments.model import Claim, Coalition, Debate, Evidence, Link, Scenario, Stakeholder, StanceChange
from arguments.storage import dumps_debate, parse_debate
from tests.conftest import ROOT, SMALL_DEBATE


def base() -> Debate:
    return parse_debate(SMALL_DEBATE)


def claim(debate: Debate, cid: str) -> Claim:
    return next(c for c in debate.claims if c.id == cid)


def summary(result) -> list[tuple[str, str, list[str], list[str]]]:  # noqa: ANN001
    return [(r.table, r.key, r.kinds, [f.name for f in r.fields]) for r in result.records]


def test_identical_debates_are_the_same():
    result = diff_debates(base(), base())
    assert result.same
    assert result.to_data()["same"] is True


def test_claims_added_removed_edited_moved_flipped():
    old, new = base(), base()
    new.claims = [c for c in new.claims if c.id != "traffic"]
    new.evidence = []  # it was on "traffic"
    new.claims.append(Claim(id="jobs", text="Jobs.", parent="motion", relation="supports"))
    claim(new, "cost").text = "The bridge costs far too much."
    claim(new, "grants").parent = "motion"
    claim(new, "grants").relation = "supports"
    result = diff_debates(old, new)
    assert summary(result) == [
        ("claims", "traffic", ["removed"], []),
        ("claims", "cost", ["edited"], ["text"]),
        ("claims", "grants", ["moved", "flipped"], ["parent", "relation"]),
        ("claims", "jobs", ["added"], []),
        ("evidence", "ev-count", ["removed"], []),
    ]
    text = result.records[1].fields[0]
    assert text.words == [("=", "The bridge costs "), ("+", "far "), ("=", "too much.")]
    assert result.records[2].fields[0].words is None  # ids are not word-diffed


def test_siblings_reordered_report_the_ones_that_moved():
    old, new = base(), base()
    for debate in (old, new):
        debate.claims.append(Claim(id="jobs", text="Jobs.", parent="motion", relation="supports"))
    new.claims = [new.claims[i] for i in (0, 4, 1, 2, 3)]  # jobs first
    result = diff_debates(old, new)
    assert result.records == []
    [order] = result.reorders
    assert (order.parent, order.old, order.new, order.moved) == (
        "motion",
        ["traffic", "cost", "jobs"],
        ["jobs", "traffic", "cost"],
        ["jobs"],
    )


def test_reordering_the_file_without_changing_siblings_is_no_change():
    old, new = base(), base()
    new.claims = [new.claims[i] for i in (0, 1, 3, 2)]  # grants (under cost) before cost
    assert diff_debates(old, new).same


def test_other_tables_and_the_header():
    old, new = base(), base()
    new.title = "The bridge"
    new.stakeholders[0].power = 5
    new.stakeholders.append(Stakeholder(id="unions", name="Unions"))
    new.sources = []
    new.evidence = [
        Evidence(
            id="ev-count",
            claim="traffic",
            text="Counts fall by a third.",
            kind="statistic",
            reliability=4,
            locator="p. 4",
        )
    ]
    new.stances[1].position = 1
    new.links.append(Link.model_validate({"from": "grants", "to": "traffic", "relation": "supports"}))
    new.coalitions.append(Coalition(id="yes", name="Yes camp", members=["council"]))
    old.scenarios.append(Scenario(id="law", name="The law passes"))
    new.scenarios.append(Scenario(id="law", name="The law passes", dropped=["cost"]))
    result = diff_debates(old, new)
    assert [(f.name, f.old, f.new) for f in result.header] == [("title", "Small debate", "The bridge")]
    assert summary(result) == [
        ("sources", "report", ["removed"], []),
        ("stakeholders", "council", ["edited"], ["power"]),
        ("stakeholders", "unions", ["added"], []),
        ("links", "grants->traffic", ["added"], []),
        ("evidence", "ev-count", ["edited"], ["text", "source"]),
        ("stances", "shops/motion", ["edited"], ["position"]),
        ("coalitions", "yes", ["added"], []),
        ("scenarios", "law", ["edited"], ["dropped"]),
    ]


def test_stance_history_added_and_removed():
    old, new = base(), base()
    first = StanceChange.model_validate({"at": "2026-11-20", "stakeholder": "shops", "claim": "motion", "to": -1})
    second = StanceChange.model_validate(
        {"at": "2026-11-26", "stakeholder": "shops", "claim": "motion", "from": -1, "to": 1}
    )
    old.stance_changes = [first]
    new.stance_changes = [second, second]
    result = diff_debates(old, new)
    assert [(h["at"], h["to"]) for h in result.history_removed] == [("2026-11-20", -1)]
    assert [(h["at"], h["to"]) for h in result.history_added] == [("2026-11-26", 1)] * 2


words = st.lists(st.sampled_from(["a", "b", "c", " ", "  ", "\n", "é", "x\x1b"]), max_size=30).map("".join)


@given(words, words)
def test_word_diff_rebuilds_both_texts(old, new):
    ops = word_diff(old, new)
    assert "".join(t for op, t in ops if op != "+") == old
    assert "".join(t for op, t in ops if op != "-") == new


def run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "300"}
    return subprocess.run(
        [sys.executable, "-m", "tui", "diff", *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60
    )


def files(tmp_path, old: Debate, new: Debate) -> tuple[str, str]:  # noqa: ANN001
    a, b = tmp_path / "old.toml", tmp_path / "new.toml"
    a.write_text(dumps_debate(old))
    b.write_text(dumps_debate(new))
    return str(a), str(b)


def hostile() -> tuple[Debate, Debate]:
    old, new = base(), base()
    claim(new, "cost").text = "Too dear\n# Not a heading\n- nor an item \x1b[2J [bold]x[/bold] <script>"
    new.claims.append(Claim(id="jobs", text="[r]: http://x.org\n```", parent="motion", relation="supports"))
    return old, new


def test_command_exit_zero_whether_or_not_they_differ(tmp_path):
    old, new = files(tmp_path, base(), base())
    same = run(old, new, "--format", "json")
    assert same.returncode == 0 and json.loads(same.stdout)["same"] is True
    old, new = files(tmp_path, *hostile())
    differ = run(old, new, "--format", "json")
    assert differ.returncode == 0
    data = json.loads(differ.stdout)
    assert [(r["key"], r["kinds"]) for r in data["records"]] == [("cost", ["edited"]), ("jobs", ["added"])]


def test_command_rich_output_is_inert(tmp_path):
    done = run(*files(tmp_path, *hostile()))
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout
    assert "\\x1b[2J" in done.stdout and "[bold]x[/bold]" in done.stdout


def test_command_markdown_structure_survives_hostile_text(tmp_path):
    done = run(*files(tmp_path, *hostile()), "--format", "markdown")
    assert done.returncode == 0, done.stderr
    tokens = MarkdownIt("commonmark").parse(done.stdout)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings == ["What changed: Small debate", "Claims"]
    items = [t for t in tokens if t.type == "list_item_open"]
    assert len(items) == 2
    assert not any(t.type in ("fence", "html_block") for t in tokens)
    assert "<script>" not in MarkdownIt("commonmark").render(done.stdout)


def test_command_errors(tmp_path):
    old, _ = files(tmp_path, base(), base())
    missing = run(old, str(tmp_path / "nope.toml"))
    assert missing.returncode == 1 and "nope.toml: no such file" in missing.stderr
    usage = run(old, old, "--format", "html")
    assert usage.returncode == 2


def test_repeated_links_are_matched_by_their_order():
    old, new = base(), base()
    link = {"from": "grants", "to": "traffic", "relation": "supports"}
    old.links = [Link.model_validate(link)]
    new.links = [Link.model_validate(link), Link.model_validate({**link, "relation": "opposes"})]
    result = diff_debates(old, new)
    assert summary(result) == [("links", "grants->traffic#2", ["added"], [])]


def test_word_diff_of_long_unlike_texts_shows_the_middle_whole():
    old = " ".join(f"a{i % 997}" for i in range(15_000))
    new = "Same start " + " ".join(f"b{i % 991}" for i in range(15_000))
    ops = word_diff("Same start " + old, new)
    assert [op for op, _ in ops] == ["=", "-", "+"]
    assert ops[0][1] == "Same start "


def test_evidence_and_links_move_and_flip_too():
    old, new = base(), base()
    for debate in (old, new):
        debate.links.append(Link.model_validate({"from": "grants", "to": "traffic", "relation": "supports"}))
    new.links[0].relation = "opposes"
    new.evidence[0].claim = "cost"
    new.evidence[0].relation = "undermines"
    assert summary(diff_debates(old, new)) == [
        ("links", "grants->traffic", ["flipped"], ["relation"]),
        ("evidence", "ev-count", ["moved", "flipped"], ["claim", "relation"]),
    ]
