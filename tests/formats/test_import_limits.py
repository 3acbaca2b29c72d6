"""Imports refuse early what the loader would refuse later (a debate file over its size
limit), write nothing then, and show progress on big inputs (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest

from arguments.importers.builder import DebateBuilder
from arguments.importers.limits import report_progress
from arguments.problems import DebateError
from arguments.storage import MAX_FILE_BYTES
from tests.cli.test_cli import debatemap
from tui.commands._import_progress import BIG_INPUT_BYTES, import_progress


def test_an_import_that_would_outgrow_the_loader_is_refused_early_and_writes_nothing(tmp_path: Path) -> None:
    # a small file whose long heading (95 kB) lands in every claim's notes: a debate over the limit
    src = tmp_path / "amplify.argdown"
    heading = "Long heading words " * 5000
    lines = ["# " + heading, "", "[Motion]: The town should build the bridge."]
    lines += [f"  + [S{i}]: Point {i}." for i in range(1, MAX_FILE_BYTES // len(heading) + 200)]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.toml"
    done = debatemap("import", str(src), "-o", str(out), expect=1)
    assert f"{src}:" in done.stderr
    assert "too big to import" in done.stderr and f"larger than {MAX_FILE_BYTES // 2**20} MiB" in done.stderr
    assert "Imported" not in done.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == [src]


def test_the_builder_stops_once_the_debate_would_be_too_big() -> None:
    builder = DebateBuilder("big.opml")
    notes = "n" * 90_000  # one string shared by every claim: the test itself stays small
    builder.add_claim("motion", "The motion.", kind="thesis")
    with pytest.raises(DebateError, match="too big to import") as caught:
        for i in range(MAX_FILE_BYTES // 90_000 + 100):
            builder.add_claim(f"c{i}", "A claim.", parent="motion", relation="supports", notes=notes)
    assert caught.value.problems[0].path == "big.opml"
    assert len(builder.claims) <= MAX_FILE_BYTES // 90_000 + 1  # stopped at the limit, not at the end


def test_a_normal_import_is_not_refused(tmp_path: Path) -> None:
    src = tmp_path / "fine.argdown"
    src.write_text("# Bridge\n\n[Motion]: Build it.\n" + "".join(f"  + [S{i}]: Point {i}.\n" for i in range(2000)))
    out = tmp_path / "fine.toml"
    assert "2001 claims" in debatemap("import", str(src), "-o", str(out)).stderr
    assert out.exists()


def test_big_inputs_show_progress_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    with import_progress(BIG_INPUT_BYTES):
        report_progress("lines", 4096, 8192)
        report_progress("claims", 4096)
    assert "Reading lines" in capsys.readouterr().err
    with import_progress(100):  # small input, stderr not a terminal: quiet
        report_progress("lines", 4096, 8192)
    assert capsys.readouterr().err == ""


def test_kialo_entries_too_big_for_the_loader_are_refused_before_any_claim_is_built() -> None:
    from arguments.importers import kialo

    text = "y" * 1600
    count = MAX_FILE_BYTES // len(text) + 10_000  # over the limit
    lines = ["1. The motion."] + [f"1.{i}. Pro: {text}" for i in range(1, count)]
    with pytest.raises(DebateError, match="too big to import") as caught:
        kialo._entries(lines, 0, "big.txt")
    assert caught.value.problems[0].path == "big.txt" and count // 2 < caught.value.problems[0].line < count


def test_opml_too_big_for_the_loader_is_refused_while_parsing(tmp_path: Path) -> None:
    from arguments.importers import opml

    text = "z" * 1600
    count = MAX_FILE_BYTES // len(text) + 10_000  # over the limit
    outlines = "".join(f'<outline text="Point {i} {text}"/>\n' for i in range(count))
    source = f'<opml version="2.0"><head><title>Big</title></head><body><outline text="Motion">\n{outlines}</outline></body></opml>'
    with pytest.raises(DebateError, match="too big to import") as caught:
        opml._read(source, "big.opml", DebateBuilder("big.opml"))
    assert caught.value.problems[0].path == "big.opml" and count // 2 < caught.value.problems[0].line < count
