"""`-o` never destroys a debate: no command writes onto its input or a debate without --force,
and whatever it replaces is kept as `.NAME.bak`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from arguments.output_file import holds_debate
from arguments.storage import backup_path, dumps_debate, read_debate
from tests.conftest import ROOT, SMALL_DEBATE


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120, check=False
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "d.toml").write_text(SMALL_DEBATE, encoding="utf-8")
    other = SMALL_DEBATE.replace("Small debate", "Another debate")
    (tmp_path / "other.toml").write_text(other, encoding="utf-8")
    (tmp_path / "other.json").write_text(dumps_debate(read_debate(tmp_path / "other.toml"), "json"), encoding="utf-8")
    return tmp_path


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def assert_refused(done: subprocess.CompletedProcess[str], folder: Path, before: dict[str, bytes], *words: str) -> None:
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "Nothing was written" in done.stderr and "--force" in done.stderr
    for word in words:
        assert word in done.stderr
    assert listing(folder) == before  # nothing written, not even a backup or a temp file


@pytest.mark.parametrize(
    ("args", "out", "why"),
    [
        (["export", "d.toml", "-o", "d.toml"], "d.toml", "that is the input d.toml"),
        (["export", "d.toml", "-f", "json", "-o", "./d.toml"], "./d.toml", "that is the input d.toml"),
        (["export", "d.toml", "-o", "other.toml"], "other.toml", "holds a debate"),
        (["export", "d.toml", "-f", "json", "-o", "other.json"], "other.json", "holds a debate"),
        (
            ["diff", "d.toml", "other.toml", "-f", "markdown", "-o", "other.toml"],
            "other.toml",
            "that is the input other.toml",
        ),
        (["diff", "d.toml", "other.toml", "-f", "json", "-o", "other.json"], "other.json", "holds a debate"),
        (["schema", "-o", "other.json"], "other.json", "holds a debate"),
        (["merge", "d.toml", "other.toml", "d.toml", "-o", "d.toml"], "d.toml", "that is the input d.toml"),
        (["merge", "d.toml", "d.toml", "other.toml", "-o", "other.toml"], "other.toml", "that is the input other.toml"),
        (["merge", "d.toml", "d.toml", "d.toml", "-o", "other.json"], "other.json", "holds a debate"),
    ],
)
def test_writing_onto_an_input_or_a_debate_is_refused(folder: Path, args: list[str], out: str, why: str) -> None:
    before = listing(folder)
    assert_refused(run(*args, cwd=folder), folder, before, out, why)


def test_a_symlink_to_a_debate_is_refused_and_force_keeps_a_backup(folder: Path) -> None:
    (folder / "handout.md").symlink_to(folder / "other.toml")
    before = listing(folder)
    done = run("export", "d.toml", "-o", "handout.md", cwd=folder)
    assert_refused(done, folder, before, "handout.md", "a link to", "holds a debate")
    assert (folder / "handout.md").is_symlink()

    forced = run("export", "d.toml", "-o", "handout.md", "--force", cwd=folder)
    assert forced.returncode == 0, forced.stderr
    assert (folder / "handout.md").is_symlink()  # written through, the link stays
    assert (folder / "other.toml").read_text(encoding="utf-8").count("# Small debate") == 1
    assert backup_path(folder / "other.toml").read_text(encoding="utf-8") == before["other.toml"].decode()


def test_force_onto_the_input_writes_and_keeps_the_old_one(folder: Path) -> None:
    original = (folder / "d.toml").read_bytes()
    done = run("export", "d.toml", "-f", "json", "-o", "d.toml", "--force", cwd=folder)
    assert done.returncode == 0, done.stderr
    assert json.loads((folder / "d.toml").read_text(encoding="utf-8"))["title"] == "Small debate"
    assert backup_path(folder / "d.toml").read_bytes() == original


def test_overwriting_a_file_that_is_no_debate_keeps_a_backup(folder: Path) -> None:
    notes = folder / "handout.md"
    notes.write_text("my own notes\n", encoding="utf-8")
    done = run("export", "d.toml", "-o", "handout.md", cwd=folder)
    assert done.returncode == 0, done.stderr
    assert notes.read_text(encoding="utf-8").count("# Small debate") == 1
    assert backup_path(notes).read_text(encoding="utf-8") == "my own notes\n"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["d.toml", "other.toml", "other.json", "handout.md", backup_path(notes).name]
    )  # no lock or temp file left


def test_merge_writes_onto_ours_as_git_runs_it_keeping_a_backup(folder: Path) -> None:
    ours = folder / "ours.toml"
    ours.write_text(SMALL_DEBATE.replace("The bridge costs too much.", "Costs A."), encoding="utf-8")
    mine = ours.read_bytes()
    done = run("merge", "d.toml", "ours.toml", "other.toml", "-o", "ours.toml", cwd=folder)
    assert done.returncode == 0, done.stderr
    merged = read_debate(ours)
    assert merged.title == "Another debate" and "Costs A." in [c.text for c in merged.claims]
    assert backup_path(ours).read_bytes() == mine


def test_merge_onto_git_s_temporary_file_leaves_no_backup_in_the_work_tree(folder: Path) -> None:
    ours = folder / ".merge_file_AbC123"  # how git names %A, in the top of the work tree
    ours.write_text(SMALL_DEBATE.replace("The bridge costs too much.", "Costs A."), encoding="utf-8")
    done = run("merge", "d.toml", ours.name, "other.toml", "-o", ours.name, cwd=folder)
    assert done.returncode == 0, done.stderr
    assert not backup_path(ours).exists()


def test_import_into_a_debate_in_place_keeps_a_backup(folder: Path) -> None:
    (folder / "stances.csv").write_text("claim,council\nmotion,3\n", encoding="utf-8")
    original = (folder / "d.toml").read_bytes()
    done = run("import", "stances.csv", "--into", "d.toml", cwd=folder)
    assert done.returncode == 0, done.stderr
    assert backup_path(folder / "d.toml").read_bytes() == original


def test_import_refuses_its_own_source_even_when_it_is_new(folder: Path) -> None:
    before = listing(folder)
    done = run("import", "d.toml", "--from", "markdown", "-o", "d.toml", cwd=folder)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert listing(folder) == before


def test_what_counts_as_a_debate(tmp_path: Path) -> None:
    cases = {
        "debate.toml": SMALL_DEBATE,
        "conflicted.toml": SMALL_DEBATE.replace('id = "cost"', '<<<<<<< ours\nid = "cost"\n=======\n>>>>>>> theirs'),
        "named-oddly.txt": SMALL_DEBATE,
        "debate.json": json.dumps({"title": "x", "claims": []}),
        "pyproject.toml": '[project]\nname = "x"\n',
        "list.json": "[1, 2]",
        "notes.md": "# claims\n",
        "empty.toml": "",
    }
    for name, text in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    found = {name for name in cases if holds_debate(tmp_path / name)}
    assert found == {"debate.toml", "conflicted.toml", "named-oddly.txt", "debate.json"}
    assert not holds_debate(tmp_path)  # a folder
    assert not holds_debate(tmp_path / "missing.toml")
