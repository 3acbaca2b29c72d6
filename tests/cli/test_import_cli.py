"""`debatemap import` through a real subprocess: files written, exit codes, the dropped report."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from arguments.storage import parse_debate, read_debate
from tests.conftest import ROOT, require_shared

KIALO = "Discussion Title: Bridge?\n\n1. Build it.\n1.1. Pro: Cheaper trips.\n1.2. Con: Costs a lot.\n"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", "import", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )


def test_imports_a_real_kialo_export_into_a_new_debate_file(tmp_path):
    source = require_shared("corpus", "kialo", "should-hate-speech-be-illegal-6148.txt")
    done = run(str(source), "-o", "out.toml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    debate = read_debate(tmp_path / "out.toml")
    assert len(debate.claims) == 105 and len(debate.links) == 1


def test_refuses_to_overwrite_without_force(tmp_path):
    (tmp_path / "bridge.txt").write_text(KIALO, encoding="utf-8")
    (tmp_path / "out.toml").write_text("keep me", encoding="utf-8")
    done = run("bridge.txt", "-o", "out.toml", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.strip() == "out.toml: already exists (use --force to overwrite)"
    assert (tmp_path / "out.toml").read_text(encoding="utf-8") == "keep me"
    assert run("bridge.txt", "-o", "out.toml", "--force", cwd=tmp_path).returncode == 0
    assert [c.id for c in read_debate(tmp_path / "out.toml").claims] == ["k1", "k1-1", "k1-2"]


def test_malformed_file_exits_1_with_file_line_and_reason(tmp_path):
    (tmp_path / "bad.txt").write_text("Discussion Title: T\n\n1. Root\n1.4.1. Con: orphan\n", encoding="utf-8")
    done = run("bad.txt", "-o", "out.toml", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.strip() == "bad.txt:4: claim 1.4.1 has no parent claim 1.4 before it"
    assert not (tmp_path / "out.toml").exists()


def test_bad_bytes_and_missing_files_exit_1(tmp_path):
    (tmp_path / "latin.txt").write_bytes("Discussion Title: Caf\xe9\n\n1. x\n".encode("latin-1"))
    done = run("latin.txt", "-o", "out.toml", cwd=tmp_path)
    assert (done.returncode, done.stderr.split(":")[:2]) == (1, ["latin.txt", "1"])
    assert run("missing.txt", "-o", "out.toml", cwd=tmp_path).returncode == 1
    assert "Traceback" not in done.stderr


def test_usage_errors_exit_2(tmp_path):
    (tmp_path / "notes.xyz").write_text(KIALO, encoding="utf-8")
    (tmp_path / "m.csv").write_text("claim,council\n", encoding="utf-8")
    assert run("notes.xyz", "-o", "out.toml", cwd=tmp_path).returncode == 2
    assert run("notes.xyz", "--from", "kialo", cwd=tmp_path).returncode == 2  # no -o
    assert run("m.csv", "-o", "out.toml", cwd=tmp_path).returncode == 2  # csv needs --into
    assert run("notes.xyz", "--from", "kialo", "--into", "d.toml", cwd=tmp_path).returncode == 2
    assert run("notes.xyz", "--from", "kialo", "-o", "out.toml", cwd=tmp_path).returncode == 0


def test_prints_what_it_could_not_carry_over_with_at_most_five_examples(tmp_path):
    refs = "".join(f"1.{i}. Pro: -> See 9.{i}.\n" for i in range(1, 8))
    (tmp_path / "refs.txt").write_text(f"Discussion Title: T\n\n1. Root\n{refs}", encoding="utf-8")
    done = run("refs.txt", "-o", "out.toml", cwd=tmp_path)
    assert done.returncode == 0
    lines = done.stderr.splitlines()
    assert "Could not carry over 7:" in lines
    assert "  7 '-> See' references to claims not in the file" in lines
    assert [line for line in lines if line.startswith("  e.g. ")] == [
        f"  e.g. '-> See' references to claims not in the file: 1.{i} -> See 9.{i}" for i in range(1, 6)
    ]


def test_csv_merges_into_the_debate_in_place(tmp_path, small_debate_file):
    (tmp_path / "m.csv").write_text("claim,council,mayor\nmotion,-3,1\n", encoding="utf-8")
    done = run("m.csv", "--into", str(small_debate_file), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    merged = read_debate(small_debate_file)
    assert {(s.stakeholder, s.claim): s.position for s in merged.stances}[("council", "motion")] == -3
    assert "mayor" in done.stderr
    assert not [p for p in small_debate_file.parent.iterdir() if "debatemap-tmp" in p.name]


def test_stdout_output_and_hostile_text_never_reaches_the_terminal_raw(tmp_path):
    (tmp_path / "h.txt").write_text("Discussion Title: \x1b]0;owned\x07\n\n1. \x1b[2J x\n", encoding="utf-8")
    done = run("h.txt", "-o", "-", cwd=tmp_path)
    assert done.returncode == 0
    assert parse_debate(done.stdout, "stdout").claims[0].text == "\x1b[2J x"
    assert "\x1b" not in done.stderr
