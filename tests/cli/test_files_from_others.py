"""Debates and names from others: source files confined to the debate's folder, and
`seed` taking only the names of bundled debates (issue 11, "Files from others")."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_cli import debatemap
from tests.conftest import SMALL_DEBATE

SECRET = "correct horse battery staple"


def debate_quoting(folder: Path, source_file: str, quote: str) -> Path:
    """A debate in FOLDER whose one source is SOURCE_FILE and whose evidence quotes QUOTE."""
    folder.mkdir(parents=True, exist_ok=True)
    text = SMALL_DEBATE.replace(
        'citation = "Town Council (2024). Bridge report."',
        f'citation = "Town Council (2024). Bridge report."\nfile = "{source_file}"',
    ).replace('locator = "p. 4"', f'locator = "p. 4"\nquote = "{quote}"')
    path = folder / "debate.toml"
    path.write_text(text, encoding="utf-8")
    return path


def file_line(path: Path) -> int:
    return (
        path.read_text(encoding="utf-8")
        .splitlines()
        .index(next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("file = ")))
        + 1
    )


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(f"the password is {SECRET}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("how", ["dotdot", "absolute", "symlink"])
def test_check_refuses_a_source_outside_the_folder_naming_it(tmp_path: Path, secret: Path, how: str) -> None:
    folder = tmp_path / "debate"
    if how == "symlink":
        folder.mkdir()
        (folder / "inside.txt").symlink_to(secret)
    name = {"dotdot": "../secret.txt", "absolute": str(secret), "symlink": "inside.txt"}[how]
    path = debate_quoting(folder, name, SECRET)
    done = debatemap("check", str(path), expect=1)
    assert done.stdout.splitlines() == [
        f'{path}:{file_line(path)}: sources[0].file: source "report": file "{name}" is outside the debate\'s folder; '
        "not read (pass --allow-outside-sources to read it)"
    ]


def test_check_is_no_oracle_for_other_files(tmp_path: Path, secret: Path) -> None:
    """Whether the quote occurs, and whether the file exists, the output is the same."""
    outputs = set()
    for name, quote in [
        ("/etc/passwd", "root:x:0:0"),
        ("/etc/passwd", "no such line in passwd"),
        ("../secret.txt", SECRET),
        ("../secret.txt", "not the password"),
        ("../no-such-file.txt", SECRET),
    ]:
        path = debate_quoting(tmp_path / "debate", name, quote)
        done = debatemap("check", str(path), expect=1)
        outputs.add((done.stdout.replace(name, "NAME"), done.stderr))
    assert len(outputs) == 1, outputs
    assert "quote" not in next(iter(outputs))[0].replace("--allow-outside-sources", "")


def test_check_allow_outside_sources_reads_them(tmp_path: Path, secret: Path) -> None:
    path = debate_quoting(tmp_path / "debate", "../secret.txt", SECRET)
    assert debatemap("check", "--allow-outside-sources", str(path)).stdout.strip() == f"{path}: ok"
    path = debate_quoting(tmp_path / "debate", "../secret.txt", "not the password")
    done = debatemap("check", "--allow-outside-sources", str(path), expect=1)
    assert "evidence[0].quote: the quote does not occur" in done.stdout


def test_check_reads_sources_inside_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "debate"
    (folder / "sources").mkdir(parents=True)
    (folder / "sources" / "report.txt").write_text(f"the password is {SECRET}\n", encoding="utf-8")
    path = debate_quoting(folder, "sources/../sources/report.txt", SECRET)
    assert debatemap("check", str(path)).stdout.strip() == f"{path}: ok"
    path = debate_quoting(folder, "sources/report.txt", "something else")
    assert "the quote does not occur" in debatemap("check", str(path), expect=1).stdout


@pytest.mark.parametrize("name", ["../x", "/etc", "unknown", "../seeds/decentralization-peru"])
def test_seed_takes_only_bundled_names(tmp_path: Path, name: str) -> None:
    done = debatemap("seed", name, str(tmp_path / "out"), expect=2)
    assert f'no bundled debate called "{name}"' in done.stderr
    assert "the bundled debates are: decentralization-peru" in done.stderr
    assert not (tmp_path / "out").exists()
