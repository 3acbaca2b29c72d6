"""The `debatemap` command line as a user runs it: real subprocesses, exit codes, files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from arguments.storage import dumps_debate, parse_debate, read_debate
from tests.conftest import ROOT, SMALL_DEBATE

ENV = {**os.environ, "COLUMNS": "300", "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}


def debatemap(*args: str, cwd: Path | None = None, expect: int = 0) -> subprocess.CompletedProcess[str]:
    """Run `python -m tui ARGS`; assert the exit status and that no traceback got out."""
    done = subprocess.run(
        [sys.executable, "-m", "tui", *args],
        cwd=cwd or ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    assert done.returncode == expect, (done.returncode, done.stdout, done.stderr)
    return done


def list_items(markdown: str) -> int:
    return sum(1 for t in MarkdownIt("commonmark").parse(markdown) if t.type == "list_item_open")


@pytest.fixture
def hand_edited(tmp_path: Path) -> Path:
    """The small debate as someone might write it: comments, odd spacing, keys out of order."""
    text = "# written by hand\n" + SMALL_DEBATE.replace('id = "traffic"\n', 'id    =   "traffic"   # main pro\n')
    path = tmp_path / "hand.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_help_and_version_exit_0() -> None:
    assert "check" in debatemap("--help").stdout
    assert debatemap("--version").stdout.strip()


def test_check_ok(small_debate_file: Path) -> None:
    done = debatemap("check", str(small_debate_file))
    assert done.stdout.splitlines() == [f"{small_debate_file}: ok"]


def test_check_reports_each_problem_and_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(SMALL_DEBATE.replace('parent = "cost"', 'parent = "ghost"'), encoding="utf-8")
    done = debatemap("check", str(path), expect=1)
    line = SMALL_DEBATE.splitlines().index('parent = "cost"') + 1
    assert done.stdout.splitlines() == [f'{path}:{line}: claims[3].parent: no claim with id "ghost"']
    assert "1 of 1 file(s) have problems" in done.stderr


def test_check_several_files_reports_each(small_debate_file: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.toml"
    done = debatemap("check", str(small_debate_file), str(missing), str(tmp_path), expect=1)
    assert done.stdout.splitlines() == [
        f"{small_debate_file}: ok",
        f"{missing}: no such file",
        f"{tmp_path}: is a directory, not a debate file",
    ]


@pytest.mark.parametrize("args", [["check"], ["export"], ["check", "--bogus", "x.toml"], ["nosuchcommand-x", "y"]])
def test_usage_errors_exit_2(args: list[str]) -> None:
    debatemap(*args, expect=2)


def test_fmt_rewrites_in_place_and_a_second_run_changes_nothing(hand_edited: Path) -> None:
    debate = read_debate(hand_edited)
    done = debatemap("fmt", str(hand_edited))
    assert done.stdout.splitlines() == [f"formatted {hand_edited}"]
    first = hand_edited.read_bytes()
    assert first.decode("utf-8") == dumps_debate(debate)
    assert read_debate(hand_edited) == debate
    again = debatemap("fmt", str(hand_edited))
    assert again.stdout == ""
    assert hand_edited.read_bytes() == first
    debatemap("fmt", "--check", str(hand_edited))


def test_fmt_check_changes_nothing_and_exits_1(hand_edited: Path) -> None:
    before = hand_edited.read_bytes()
    done = debatemap("fmt", "--check", str(hand_edited), expect=1)
    assert done.stdout.splitlines() == [f"{hand_edited}: not in canonical form"]
    assert hand_edited.read_bytes() == before


def test_fmt_leaves_a_bad_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    text = "# keep me\n" + SMALL_DEBATE.replace("position = 2", "position = 9")
    path.write_text(text, encoding="utf-8")
    done = debatemap("fmt", str(path), expect=1)
    assert path.read_text(encoding="utf-8") == text
    assert "stances[0].position: Input should be less than or equal to 3 (got 9)" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.toml"]


def test_fmt_json_stays_json(tmp_path: Path) -> None:
    debate = parse_debate(SMALL_DEBATE)
    path = tmp_path / "small.json"
    path.write_text(json.dumps(json.loads(dumps_debate(debate, "json"))), encoding="utf-8")
    debatemap("fmt", str(path))
    assert path.read_text(encoding="utf-8") == dumps_debate(debate, "json")


def test_new_creates_a_valid_debate_and_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "fresh.toml"
    debatemap("new", str(path), "--title", "Bridge", "--question", "Should we build it?")
    debate = read_debate(path)
    assert (debate.title, debate.question) == ("Bridge", "Should we build it?")
    assert debate.motion is not None and debate.motion.text == "Should we build it?"
    before = path.read_bytes()
    debatemap("new", str(path), "--title", "Other", expect=1)
    assert path.read_bytes() == before
    debatemap("new", str(tmp_path / "x.toml"), expect=2)  # --title is required


def test_seed_copies_the_bundled_debate_with_its_sources(tmp_path: Path) -> None:
    if not (ROOT / "seeds" / "decentralization-peru.toml").exists():
        pytest.skip("the bundled debate is not there yet")
    debatemap("seed", "decentralization-peru", str(tmp_path))
    copied = tmp_path / "decentralization-peru.toml"
    assert read_debate(copied).title
    debatemap("check", str(copied))  # the quotes are found in the copied source files
    debatemap("seed", "decentralization-peru", str(tmp_path), expect=1)
    debatemap("seed", "no-such-debate", str(tmp_path), expect=2)


def test_show_prints_every_claim(small_debate_file: Path) -> None:
    done = debatemap("show", str(small_debate_file))
    for claim in read_debate(small_debate_file).claims:
        assert claim.text in done.stdout
    assert "Town council" in done.stdout


def test_show_keeps_hostile_text_inert(tmp_path: Path) -> None:
    path = tmp_path / "hostile.toml"
    text = SMALL_DEBATE.replace("The bridge costs too much.", "[/] [bold]x \\u001b[2J \\u001b]0;owned\\u0007")
    path.write_text(text, encoding="utf-8")
    done = debatemap("show", str(path))
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout
    assert "[/] [bold]x \\x1b[2J \\x1b]0;owned\\x07" in done.stdout


def test_export_markdown_to_stdout_and_to_a_file(small_debate_file: Path, tmp_path: Path) -> None:
    debate = read_debate(small_debate_file)
    done = debatemap("export", str(small_debate_file), "--format", "markdown")
    assert list_items(done.stdout) == len(debate.claims) + len(debate.evidence) + len(debate.sources)
    out = tmp_path / "handout.md"
    assert debatemap("export", str(small_debate_file), "-o", str(out)).stdout == ""
    assert out.read_text(encoding="utf-8") == done.stdout


def test_export_options_reach_the_exporter(small_debate_file: Path) -> None:
    done = debatemap("export", str(small_debate_file), "--depth", "0", "--no-evidence", "--no-stances")
    tokens = MarkdownIt("commonmark").enable("table").parse(done.stdout)
    assert list_items(done.stdout) == 1 + 1  # the motion and the one source
    assert not any(t.type == "table_open" for t in tokens)


def test_export_errors(small_debate_file: Path, tmp_path: Path) -> None:
    debatemap("export", str(tmp_path / "missing.toml"), expect=1)
    debatemap("export", str(small_debate_file), "--format", "no-such-format", expect=2)
    debatemap("export", str(small_debate_file), "--depth", "-1", expect=2)
    done = debatemap("export", str(small_debate_file), "-o", str(tmp_path / "no" / "dir" / "x.md"), expect=1)
    assert "cannot write" in done.stderr


def test_commands_load_without_textual_and_check_without_the_exporters(small_debate_file: Path) -> None:
    # speed, not layering (tests/test_layers.py checks the layers): a command that prints
    # must not pay for Textual's import, and `check` not for any exporter's
    script = f"""
import sys
from tui.cli import main
from tui.commands import COMMANDS
sys.argv = ["debatemap", "check", {str(small_debate_file)!r}]
try:
    main()
except SystemExit as exit:
    assert not exit.code, exit.code
loaded = sorted(m for m in sys.modules if m.split(".")[0] == "textual" or m.startswith("export."))
COMMANDS()  # every command module imported
textual = sorted(m for m in sys.modules if m.split(".")[0] == "textual")
print(loaded, textual, file=sys.stderr)
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == "[] []"
