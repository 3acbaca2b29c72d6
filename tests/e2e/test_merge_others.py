"""The merge driver never drops a change silently: files that are not debates go to git's
own merge, a conflicted JSON debate keeps theirs' other changes, and siblings reordered
differently on both sides are a conflict (issue 11, "Files from others")."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from arguments.model import Claim, Debate, Source
from arguments.storage import dumps_debate, parse_debate
from tests.cli.test_cli import debatemap
from tests.conftest import require_tool
from tests.model.test_merge import base, children, claim, git

PYPROJECT = """[project]
name = "bridge"
version = "1.0"
dependencies = [
    "click",
]

[tool.pytest.ini_options]
addopts = "-q"
"""


def repo(tmp_path: Path, pattern: str, name: str, base_text: str, ours: str, theirs: str) -> Path:
    """A repository with the driver on PATTERN whose main changed NAME to OURS, `other` to THEIRS."""
    require_tool("git")
    path = tmp_path / "repo"
    path.mkdir()
    git(path, "init", "-q", "-b", "main")
    git(path, "config", "user.name", "Test")
    git(path, "config", "user.email", "test@example.org")
    git(path, "config", "merge.debatemap.driver", f'"{sys.executable}" -m tui merge %O %A %B -o %A --marker-size %L')
    (path / ".gitattributes").write_text(f"{pattern} merge=debatemap\n")
    for branch, text in (("base", base_text), ("other", theirs), ("main", ours)):
        if branch == "other":
            git(path, "checkout", "-q", "-b", "other")
        elif branch == "main":
            git(path, "checkout", "-q", "main")
        (path / name).write_text(text, encoding="utf-8")
        git(path, "add", ".")
        git(path, "commit", "-q", "-m", branch)
    return path


def test_a_file_that_is_not_a_debate_is_merged_by_git(tmp_path: Path) -> None:
    ours = PYPROJECT.replace('version = "1.0"', 'version = "1.1"')
    theirs = PYPROJECT.replace('    "click",\n', '    "click",\n    "rich",\n').replace('"-q"', '"-q -x"')
    path = repo(tmp_path, "*.toml", "pyproject.toml", PYPROJECT, ours, theirs)
    done = git(path, "merge", "--no-edit", "other", check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "is not a debate; merged line by line by git merge-file" in done.stdout + done.stderr
    merged = (path / "pyproject.toml").read_text()
    assert merged == PYPROJECT.replace('version = "1.0"', 'version = "1.1"').replace(
        '    "click",\n', '    "click",\n    "rich",\n'
    ).replace('"-q"', '"-q -x"')


def test_a_file_that_is_not_a_debate_keeps_both_sides_in_a_conflict(tmp_path: Path) -> None:
    ours = PYPROJECT.replace('version = "1.0"', 'version = "1.1"')
    theirs = PYPROJECT.replace('version = "1.0"', 'version = "2.0"').replace('"-q"', '"-q -x"')
    path = repo(tmp_path, "*.toml", "pyproject.toml", PYPROJECT, ours, theirs)
    assert git(path, "merge", "--no-edit", "other", check=False).returncode != 0
    merged = (path / "pyproject.toml").read_text()
    assert 'version = "1.1"' in merged and 'version = "2.0"' in merged and "<<<<<<< ours" in merged
    assert 'addopts = "-q -x"' in merged  # theirs' change elsewhere merged


def test_a_json_debate_with_one_conflict_keeps_theirs_other_changes(tmp_path: Path) -> None:
    ours, theirs = base(), base()
    claim(ours, "cost").text = "Costs A."
    claim(theirs, "cost").text = "Costs B."
    claim(theirs, "traffic").text = "Less traffic."
    theirs.sources.append(Source(id="survey", citation="Shop survey (2025)."))
    path = repo(tmp_path, "*.json", "bridge.json", *(dumps_debate(d, "json") for d in (base(), ours, theirs)))
    done = git(path, "merge", "--no-edit", "other", check=False)
    assert done.returncode != 0
    assert 'claims "cost" field text' in done.stdout + done.stderr
    data = json.loads((path / "bridge.json").read_text())
    assert data.pop("merge_conflicts") == [
        {
            "conflict": 'claims "cost" field text: both sides changed it to different values',
            "ours": "Costs A.",
            "base": "The bridge costs too much.",
            "theirs": "Costs B.",
        }
    ]
    merged = Debate.model_validate(data)
    assert (claim(merged, "cost").text, claim(merged, "traffic").text) == ("Costs A.", "Less traffic.")
    assert [s.id for s in merged.sources] == ["report", "survey"]
    # until the conflicts are resolved and the key deleted, the file does not pass check
    check = debatemap("check", str(path / "bridge.json"), expect=1)
    assert "merge_conflicts" in check.stdout


def test_both_reordering_the_same_siblings_is_a_conflict_through_git(tmp_path: Path) -> None:
    b = base()
    b.claims.insert(3, Claim(id="jobs", text="Jobs.", parent="motion", relation="supports"))
    ours = parse_debate(dumps_debate(b))
    theirs = parse_debate(dumps_debate(b))
    ours.claims = [ours.claims[i] for i in (0, 2, 1, 3, 4)]  # cost, traffic, jobs
    theirs.claims = [theirs.claims[i] for i in (0, 3, 1, 2, 4)]  # jobs, traffic, cost
    assert children(ours, "motion") != children(theirs, "motion")
    path = repo(tmp_path, "*.toml", "bridge.toml", *(dumps_debate(d) for d in (b, ours, theirs)))
    done = git(path, "merge", "--no-edit", "other", check=False)
    assert done.returncode != 0
    assert 'both sides reordered the claims under "motion" differently' in done.stdout + done.stderr
    text = (path / "bridge.toml").read_text()
    assert "# ours' order: cost, traffic, jobs" in text and "# theirs' order: jobs, traffic, cost" in text
    assert (
        subprocess.run(
            [sys.executable, "-m", "tui", "check", str(path / "bridge.toml")], capture_output=True
        ).returncode
        == 1
    )


def test_a_file_that_is_not_utf8_is_merged_by_git(tmp_path: Path) -> None:
    base_text = PYPROJECT.replace("bridge", "br\u00fccke")
    ours = base_text.replace('version = "1.0"', 'version = "1.1"')
    theirs = base_text.replace('"-q"', '"-q -x"')
    require_tool("git")
    for name, text in (("b", base_text), ("o", ours), ("t", theirs)):
        (tmp_path / name).write_bytes(text.encode("latin-1"))
    paths = [str(tmp_path / n) for n in "bot"]
    done = debatemap("merge", *paths, "-o", paths[1])
    assert "merged line by line by git merge-file" in done.stderr
    merged = ours.replace('"-q"', '"-q -x"')
    assert (tmp_path / "o").read_bytes() == merged.encode("latin-1")
