"""Markdown import: our own outline export reads back to the same claims, evidence and stances."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings

from arguments.importers import markdown
from arguments.model import Debate
from arguments.problems import DebateError
from arguments.storage import dumps_debate, parse_debate
from export import ExportOptions, render
from tests.strategies import HOSTILE, debates


def carried(debate: Debate) -> dict:
    """What the Markdown export carries, in a form independent of record order."""
    return {
        "title": debate.title,
        "question": debate.question,
        "description": debate.description,
        "claims": sorted(c.model_copy(update={"notes": "", "tags": []}).model_dump_json() for c in debate.claims),
        "evidence": sorted(e.model_dump_json() for e in debate.evidence),
        "stances": sorted(s.model_dump_json() for s in debate.stances),
        "links": sorted(link.model_copy(update={"notes": ""}).model_dump_json() for link in debate.links),
        "sources": [s.model_dump_json() for s in debate.sources],
        "stakeholders": [
            s.model_copy(update={"short": None, "notes": ""}).model_dump_json() for s in debate.stakeholders
        ],
    }


def test_round_trip_of_the_small_debate(small_debate_file):
    original = parse_debate(small_debate_file.read_text(encoding="utf-8"), "small")
    result = markdown.parse(render("markdown", original, ExportOptions(ids=True)), "small.md")
    assert carried(result.debate) == carried(original)
    assert result.dropped == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(debate=debates())
def test_round_trip_of_generated_debates_full_of_hostile_text(debate):
    result = markdown.parse(render("markdown", debate, ExportOptions(ids=True)), "gen.md")
    assert carried(result.debate) == carried(debate)
    assert parse_debate(dumps_debate(result.debate), "again") == result.debate


def test_every_hostile_string_survives_in_every_field(small_debate_file):
    original = parse_debate(small_debate_file.read_text(encoding="utf-8"), "small")
    for i, bad in enumerate(HOSTILE):
        claim = original.claims[i % len(original.claims)]
        claim.text = f"{claim.text} {bad}"
        original.evidence[0].quote += bad
        original.evidence[0].locator += bad
        original.stakeholders[i % 2].name += bad
        original.stances[i % 2].rationale += bad
        original.sources[0].citation += bad
    back = markdown.parse(render("markdown", original, ExportOptions(ids=True)), "hostile.md").debate
    assert carried(back) == carried(original)


def test_analysis_sections_are_reported_as_not_read_back(small_debate_file):
    original = parse_debate(small_debate_file.read_text(encoding="utf-8"), "small")
    text = render("markdown", original, ExportOptions(analysis=True, ids=True))
    result = markdown.parse(text, "small.md")
    assert carried(result.debate) == carried(original)
    assert [d.reason for d in result.dropped] == ["sections not read back"]


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("# Just some notes\n- a list\n", 1, "not a debatemap Markdown export"),
        (
            "<!-- debatemap markdown export, format 1 -->\n# T\n\n## Claims\n\n"
            "- **Motion** A <!-- claim id=a kind=thesis -->\n- **Motion** B <!-- claim id=a kind=thesis -->\n",
            7,
            "used twice",
        ),
        (
            "<!-- debatemap markdown export, format 1 -->\n# T\n\n## Claims\n\n"
            "- **Motion** A <!-- claim id=a kind=thesis -->\n\n## Stakeholders\n\n"
            "| S <!-- stakeholder id=s level=local power=9 interest=1 --> | g | local | 9/5 | 1/5 | — |  |\n",
            10,
            "power",
        ),
        (
            "<!-- debatemap markdown export, format 1 -->\n# T\n\n## Claims\n\n"
            "- **Motion** A <!-- claim id=a kind=thesis -->\n- **Pro** B <!-- claim id=b kind=claim parent=a relation=loves -->\n",
            7,
            "unknown relation",
        ),
    ],
)
def test_malformed_files_name_the_line(text, line, reason):
    with pytest.raises(DebateError) as caught:
        markdown.parse(text, "bad.md")
    [problem] = caught.value.problems
    assert (problem.path, problem.line) == ("bad.md", line)
    assert reason in problem.message


def debatemap(*args: str):
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, cwd=ROOT, env=env)


def test_with_ids_the_bundled_debate_round_trips_with_no_change_in_diff(tmp_path):
    from seeds import seed_path

    exported, back = tmp_path / "handout.md", tmp_path / "back.toml"
    assert debatemap("export", str(seed_path()), "--with-ids", "-o", str(exported)).returncode == 0
    done = debatemap("import", str(exported), "-o", str(back))
    assert done.returncode == 0, done.stderr
    diff = debatemap("diff", str(seed_path()), str(back), "--format", "json")
    records = json.loads(diff.stdout)["records"]
    # notes and tags are documented as not carried; everything else must come back unchanged
    changed = [
        (r["table"], r["key"], r["change"], [f["field"] for f in r["fields"] if f["field"] not in ("notes", "tags")])
        for r in records
        if r["table"] in ("claims", "links", "evidence", "stances", "sources")
    ]
    assert [c for c in changed if c[2] != "changed" or c[3]] == []


def test_without_ids_the_tree_comes_back_and_the_report_says_no_ids_found(tmp_path):
    from arguments.storage import read_debate
    from arguments.tree import ClaimTree
    from seeds import seed_path

    original = read_debate(seed_path())
    result = markdown.parse(render("markdown", original, ExportOptions()), "handout.md")
    assert any(d.reason.startswith("no ids found") for d in result.dropped)

    def shape(debate):
        tree = ClaimTree.of(debate)
        texts = {c.id: c.text for c in debate.claims}
        return [
            (
                level,
                texts[cid],
                texts.get(tree.by_id[cid].parent),
                tree.by_id[cid].relation if tree.by_id[cid].kind != "question" else None,
                tree.by_id[cid].kind,
            )
            for cid, level in tree.walk()
        ]

    assert shape(result.debate) == [
        (lv, text, parent, rel, "thesis" if kind == "thesis" else kind)
        for lv, text, parent, rel, kind in shape(original)
    ]
    assert result.debate.title == original.title and result.debate.question == original.question
    exported = tmp_path / "handout.md"
    exported.write_text(render("markdown", original, ExportOptions()), encoding="utf-8")
    done = debatemap("import", str(exported), "-o", str(tmp_path / "back.toml"))
    assert done.returncode == 0, done.stderr
    assert "no ids found" in done.stdout + done.stderr
