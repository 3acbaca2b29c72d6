"""Stance history: shifts per stakeholder and claim, `debatemap shifts`, the Markdown section."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime

from markdown_it import MarkdownIt

from arguments.history import describe, parse_when, shifts
from arguments.model import Debate, Stakeholder, StanceChange
from arguments.storage import dumps_debate, parse_debate
from export.markdown_shifts import section
from tests.conftest import ROOT, SMALL_DEBATE


def change(at: str, who: str, claim: str, before: int | None, after: int | None, note: str = "") -> StanceChange:
    return StanceChange.model_validate(
        {"at": at, "stakeholder": who, "claim": claim, "from": before, "to": after, "note": note}
    )


def workshop() -> Debate:
    debate = parse_debate(SMALL_DEBATE)
    debate.stakeholders.append(Stakeholder(id="amresam", name="Network of municipalities", short="AMRESAM"))
    debate.stance_changes = [
        change("2026-11-26T10:15", "amresam", "motion", 1, 2, "after the San Martin evidence"),
        change("2026-11-20", "shops", "cost", None, -1),
        change("2026-11-26T11:40", "amresam", "motion", 2, 3, "after the San Martin evidence"),
        change("2026-11-26T12:00+05:00", "council", "motion", 2, None, "withdrew"),
    ]
    return debate


def test_changes_group_per_stakeholder_and_claim_in_time_order():
    found = shifts(workshop())
    assert [(s.stakeholder, s.claim, s.path) for s in found] == [
        ("shops", "cost", [None, -1]),
        ("amresam", "motion", [1, 2, 3]),
        ("council", "motion", [2, None]),
    ]
    amresam = found[1]
    assert (amresam.before, amresam.after, amresam.notes) == (1, 3, ["after the San Martin evidence"])


def test_describe_reads_like_the_room():
    found = shifts(workshop())
    assert describe(workshop(), found[1]) == "AMRESAM: motion +1 → +2 → +3, after the San Martin evidence"
    assert describe(workshop(), found[2]) == "Town council: motion +2 → none, withdrew"


def test_since_keeps_changes_at_or_after_the_date_ignoring_time_zones():
    debate = workshop()
    debate.stance_changes.append(change("sometime in the afternoon", "shops", "motion", -1, 0))
    found = shifts(debate, parse_when("2026-11-26T11:40"))
    assert [(s.stakeholder, s.path) for s in found] == [
        ("amresam", [2, 3]),
        ("council", [2, None]),  # 12:00 as written; the +05:00 zone is ignored
        ("shops", [-1, 0]),  # unreadable time: kept, we cannot tell it is older
    ]
    assert parse_when("2026-11-26") == datetime(2026, 11, 26)
    assert parse_when("26/11/2026") is None


def run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "300"}  # wide enough that no cell wraps
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60
    )


def test_shifts_command_json_and_since(tmp_path):
    path = tmp_path / "w.toml"
    path.write_text(dumps_debate(workshop()))
    done = run("shifts", str(path), "--json", "--since", "2026-11-26")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert [(d["stakeholder_name"], d["claim"], d["from"], d["to"]) for d in data] == [
        ("AMRESAM", "motion", 1, 3),
        ("Town council", "motion", 2, None),
    ]
    assert data[0]["summary"] == "AMRESAM: motion +1 → +2 → +3, after the San Martin evidence"
    assert [c["at"] for c in data[0]["changes"]] == ["2026-11-26T10:15", "2026-11-26T11:40"]


def test_shifts_command_table_shows_control_characters_as_escapes(tmp_path):
    debate = workshop()
    debate.stance_changes[0].note = "\x1b]0;pwned\x07 [bold]loud[/bold]"
    path = tmp_path / "w.toml"
    path.write_text(dumps_debate(debate))
    done = run("shifts", str(path))
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout
    assert "\\x1b" in done.stdout and "[bold]loud[/bold]" in done.stdout


def test_shifts_command_errors(tmp_path):
    path = tmp_path / "w.toml"
    path.write_text(dumps_debate(workshop()))
    bad_date = run("shifts", str(path), "--since", "yesterday")
    assert bad_date.returncode == 2 and "--since" in bad_date.stderr
    broken = tmp_path / "broken.toml"
    broken.write_text('title = "t"\n[[stance_changes]]\nat = "x"\nstakeholder = "nobody"\nclaim = "c"\n')
    done = run("shifts", str(broken))
    assert done.returncode == 1 and "broken.toml:4" in done.stderr and "Traceback" not in done.stderr


def blocks(markdown: str) -> list[str]:
    """The block-level token types, in order: the document's structure."""
    return [t.type for t in MarkdownIt("commonmark").parse(markdown) if t.type.endswith("_open")]


def test_markdown_section_structure_survives_hostile_text():
    debate = workshop()
    plain = blocks(section(debate))
    assert plain == ["heading_open"] + ["bullet_list_open"] + ["list_item_open", "paragraph_open"] * 3
    debate.stakeholders[-1].short = "A\n# Heading\n- item"
    debate.stance_changes[0].note = "x\r\n```\n[r]: http://x.org\n<script>alert(1)</script> a | b"
    claim = next(c for c in debate.claims if c.id == "motion")
    claim.text = "*  ![i](http://x.org/i.png) **bold"
    text = section(debate)
    assert blocks(text) == plain
    tokens = MarkdownIt("commonmark").parse(text)
    inline = [t for t in tokens if t.type == "inline"]
    kinds = {c.type for t in inline for c in t.children}
    assert not kinds & {"image", "link", "strong_open"} - {"strong_open"}
    assert [c.type for t in inline for c in t.children].count("em_open") == 3  # ours: one per claim
    rendered = MarkdownIt("commonmark").render(text)
    assert "<script>" not in rendered


def test_markdown_section_without_history_says_so():
    debate = parse_debate(SMALL_DEBATE)
    tokens = MarkdownIt("commonmark").parse(section(debate))
    assert [t.content for t in tokens if t.type == "inline"] == ["Stance shifts", "No stance changes recorded."]


def test_export_with_shifts_appends_the_section(tmp_path):
    path = tmp_path / "w.toml"
    path.write_text(dumps_debate(workshop()))
    done = run("export", str(path), "--format", "markdown", "--with-shifts")
    assert done.returncode == 0, done.stderr
    tokens = MarkdownIt("commonmark").parse(done.stdout)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[-1] == "Stance shifts"


def test_shifts_at_80_columns_split_no_word_and_no_timestamp(tmp_path):
    debate = workshop()
    debate.claims[0].text = "Peru should decentralize power and resources to its regions and municipalities."
    debate.stance_changes[0].note = "after the San Martin evidence on intergovernmental coordination"
    path = tmp_path / "w.toml"
    path.write_text(dumps_debate(debate))
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "shifts", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "COLUMNS": "80", "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    words = {w.strip("“”,.;") for line in lines for w in line.split()}
    for change_ in debate.stance_changes:
        assert any(change_.at in line for line in lines), change_.at
    for text in (debate.claims[0].text, debate.stance_changes[0].note, "Shop owners"):
        assert {w.strip("“”,.;") for w in text.split()} <= words, text
