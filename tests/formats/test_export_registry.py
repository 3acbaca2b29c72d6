"""One registry of formats (`export.formats.FORMATS`): every format renders through
`debatemap export`, every reader through `debatemap import`, and the CLI's choices, the
app's export dialog and the README's Formats table all come from it."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from arguments.storage import read_debate
from export import EXPORTERS, EXTENSIONS, ExportOptions, render
from export.formats import BY_NAME, FORMATS, MERGING, guess_reader, readable, writable
from export.formats_doc import END, START, replace_section
from tests.conftest import ROOT
from tui.cli import cli

MINE = ["argdown", "json", "dot", "mermaid", "opml", "html", "csv", "tsv", "kialo", "aif"]
README = ROOT / "README.md"


def test_every_format_has_an_extension_and_a_module_that_exists() -> None:
    assert set(EXPORTERS) == set(EXTENSIONS) == set(writable())
    assert set(MINE) <= set(EXPORTERS)
    for fmt in FORMATS:
        assert fmt.extensions and all(ext.startswith(".") and ext == ext.lower() for ext in fmt.extensions)
        assert fmt.writer or fmt.reader
        if fmt.writer:
            assert fmt.writer.startswith("export.") and callable(importlib.import_module(fmt.writer).render)
        if fmt.reader:
            assert fmt.reader.startswith("arguments.importers.")
            module = importlib.import_module(fmt.reader)
            assert callable(module.parse_into if fmt.merges else module.parse)
    assert set(readable()) == {"argdown", "csv", "kialo", "markdown", "opml"}
    assert set(MERGING) == {"csv"}


@pytest.mark.parametrize(
    ("path", "fmt"),
    [
        ("a.md", "markdown"),
        ("A.MARKDOWN", "markdown"),
        ("x.argdown", "argdown"),
        ("x.ad", "argdown"),
        ("d.txt", "kialo"),
        ("o.opml", "opml"),
        ("s.csv", "csv"),
        ("d.json", None),
        ("d.tsv", None),
        ("noext", None),
    ],
)
def test_the_import_guesses_a_readable_format_from_the_extension(path: str, fmt: str | None) -> None:
    assert guess_reader(path) == fmt


@pytest.mark.parametrize("fmt", MINE)
def test_export_command_writes_each_format(fmt: str, small_debate_file: Path, tmp_path: Path) -> None:
    out = tmp_path / f"out{EXTENSIONS[fmt]}"
    result = CliRunner().invoke(cli, ["export", str(small_debate_file), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    expected = render(fmt, read_debate(small_debate_file), ExportOptions())
    assert out.read_bytes() == expected.encode("utf-8")


def test_the_cli_offers_exactly_the_registered_formats() -> None:
    export_help = CliRunner().invoke(cli, ["export", "--help"]).output
    import_help = CliRunner().invoke(cli, ["import", "--help"]).output
    assert "[" + "|".join(writable()) + "]" in " ".join(export_help.split())
    assert "[" + "|".join(readable()) + "]" in " ".join(import_help.split())
    refused = CliRunner().invoke(cli, ["import", "x.json", "--from", "json", "-o", "y.toml"])
    assert refused.exit_code == 2 and "json" in refused.output


def test_readme_formats_table_is_generated_from_the_registry() -> None:
    text = README.read_text(encoding="utf-8")
    assert START in text and END in text
    assert replace_section(text) == text, "run: python -m export.formats_doc README.md"
    table = text[text.index(START) : text.index(END)]
    for fmt in FORMATS:
        assert f"| `{fmt.name}` |" in table
    assert "`debatemap export d.toml -f tsv -o d.tsv`" in table


def test_extensions_of_exports_are_those_of_the_registry() -> None:
    assert EXTENSIONS["kialo"] == ".txt" and EXTENSIONS["aif"] == ".aif.json" and EXTENSIONS["tsv"] == ".tsv"
    assert all(EXTENSIONS[name] == BY_NAME[name].extension for name in EXPORTERS)
