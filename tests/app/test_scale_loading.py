"""A big debate shows how far its load has got: the reader reports, the terminal shows a bar."""

from __future__ import annotations

import sys
from pathlib import Path

from arguments import toml_writer
from arguments.load_progress import reporting
from arguments.storage import parse_debate, read_debate
from benchmarks.generate import generate
from benchmarks.terminal_bench import Terminal
from tests.conftest import require_tool


def big_debate(tmp_path: Path, claims: int = 2000) -> Path:
    path = tmp_path / "big.toml"
    path.write_text(toml_writer.dumps(generate(claims), skip_empty=True), encoding="utf-8")
    return path


def test_loading_reports_its_progress_in_steps_up_to_the_whole(tmp_path: Path) -> None:
    path = big_debate(tmp_path)
    seen: list[float] = []
    with reporting(seen.append):
        debate = parse_debate(path.read_text(encoding="utf-8"), str(path))
    assert debate == read_debate(path)
    assert len(seen) > 3 and seen == sorted(seen) and seen[-1] == 1.0 and seen[0] < 0.5
    seen.clear()
    parse_debate(path.read_text(encoding="utf-8"), str(path))  # outside the block: nobody hears
    assert seen == []


def test_a_big_file_opens_with_a_progress_bar_in_a_real_terminal(tmp_path: Path) -> None:
    require_tool("tmux")
    path = big_debate(tmp_path)
    assert path.stat().st_size > 1 << 20
    term = Terminal(["sh", "-c", f"{sys.executable} -m tui open big.toml; echo exited $?; sleep 60"], tmp_path)
    try:
        term.wait(lambda shown: "Synthetic debate of 2000 claims" in shown, 60, "the app")
        term.send("C-q")
        _, shown = term.wait(lambda shown: "exited 0" in shown, 60, "the end")
        # The bar stays above the app's screen as one finished line.
        assert "big.toml" in shown and "100%" in shown
    finally:
        term.close()
