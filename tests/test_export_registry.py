"""Every format is registered with an extension, renders through `debatemap export`, and
its module imports without Textual (exporters are pure: model in, text out)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from arguments.storage import read_debate
from export import EXPORTERS, EXTENSIONS, ExportOptions, render
from tui.cli import cli

MINE = ["argdown", "json", "dot", "mermaid", "opml", "html", "csv", "kialo", "aif"]


def test_every_format_has_an_extension() -> None:
    assert set(EXPORTERS) == set(EXTENSIONS)
    assert set(MINE) <= set(EXPORTERS)
    assert all(ext.startswith(".") for ext in EXTENSIONS.values())


@pytest.mark.parametrize("fmt", MINE)
def test_export_command_writes_each_format(fmt: str, small_debate_file: Path, tmp_path: Path) -> None:
    out = tmp_path / f"out{EXTENSIONS[fmt]}"
    result = CliRunner().invoke(cli, ["export", str(small_debate_file), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    expected = render(fmt, read_debate(small_debate_file), ExportOptions())
    assert out.read_bytes() == expected.encode("utf-8")


def test_exporters_and_the_schema_command_do_not_import_textual() -> None:
    modules = [EXPORTERS[fmt] for fmt in MINE] + ["tui.commands.schema"]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "from click.testing import CliRunner\n"
        "from tui.commands.schema import command\n"
        "assert CliRunner().invoke(command, []).exit_code == 0\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=Path(__file__).parent.parent)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
