"""The one registry of file formats: what each is called, its file extensions, the module
that writes it, the module that reads it, and which tools read it.

The CLI's `--format` / `--from` choices, the app's export dialog, the import command's
guess by extension and the README's Formats table all come from `FORMATS`. Adding a
format is one module (a writer in `export/`, `render(debate, options) -> str`, or a reader
in `arguments/importers/`, `parse(text, name) -> ImportResult`) and one line here.

Modules are named, not imported: a command imports only the one it runs, and the domain
(`arguments/`) never imports this package. `python -m export.formats_doc README.md`
rewrites the README's table from it; a test fails while they differ.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType


@dataclass(frozen=True)
class Format:
    """One file format debatemap writes, reads, or both."""

    name: str
    """What `--format` and `--from` call it."""
    extensions: tuple[str, ...]
    """File extensions, lower case with the dot; an export's default is the first, an
    import guesses the format from any of them."""
    read_by: str
    """Which tools read it, for the README (Markdown)."""
    writer: str | None = None
    """The module in `export/` that renders it; None when debatemap does not write it."""
    reader: str | None = None
    """The module in `arguments/importers/` that reads it; None when it does not."""
    merges: bool = False
    """The reader merges into an existing debate (`--into`) instead of making a new one."""
    export_example: str = ""
    """The README's export example, when not the plain `-f NAME -o d.EXT` (Markdown)."""
    import_example: str = ""
    """The README's import example, when not the plain one (Markdown)."""

    @property
    def extension(self) -> str:
        """The extension an export of this format is saved with."""
        return self.extensions[0]


_SHOW = "(`--depth N`, `--no-evidence`, `--no-stances`, `--with-analysis`, `--with-shifts`"

FORMATS: tuple[Format, ...] = (
    Format(
        "markdown",
        (".md", ".markdown"),
        "any Markdown viewer: GitHub Flavored Markdown (CommonMark plus tables; `--with-ids` adds footnotes)",
        writer="export.markdown",
        reader="arguments.importers.markdown",
        export_example=(
            f"`debatemap export d.toml -o handout.md` {_SHOW}, `--with-ids`, `--with-plan`, `--with-briefs`)"
        ),
        import_example="`debatemap import handout.md -o d.toml`",
    ),
    Format(
        "argdown",
        (".argdown", ".ad"),
        "the Argdown CLI and editors",
        writer="export.argdown",
        reader="arguments.importers.argdown",
    ),
    Format(
        "kialo",
        (".txt",),
        "Kialo's discussion import",
        writer="export.kialo",
        reader="arguments.importers.kialo",
        import_example="`debatemap import discussion.txt --from kialo -o d.toml`",
    ),
    Format(
        "opml",
        (".opml",),
        "Workflowy, Dynalist, Logseq, OmniOutliner",
        writer="export.opml",
        reader="arguments.importers.opml",
    ),
    Format(
        "html",
        (".html",),
        "any browser, offline, no JavaScript; prints whole",
        writer="export.html",
        export_example=f"`debatemap export d.toml -f html -o d.html` {_SHOW})",
    ),
    Format(
        "dot",
        (".dot",),
        "Graphviz",
        writer="export.dot",
        export_example="`debatemap export d.toml -f dot \\| dot -Tsvg -o map.svg`",
    ),
    Format("mermaid", (".mmd",), "Mermaid (GitHub, GitLab, Obsidian)", writer="export.mermaid"),
    Format(
        "csv",
        (".csv",),
        "spreadsheets, discourse-network tools",
        writer="export.csv_export",
        reader="arguments.importers.csv_import",
        merges=True,
    ),
    Format(
        "tsv",
        (".tsv",),
        "spreadsheets, `cut`, `awk`: the csv table with tabs, no tab or line break in a cell",
        writer="export.tsv",
    ),
    Format(
        "json",
        (".json",),
        "`jsonschema` with `debatemap schema`",
        writer="export.json_export",
        import_example="a `.json` debate opens directly",
    ),
    Format("aif", (".aif.json",), "argument-mining tools (AIFdb)", writer="export.aif"),
)
"""Every format, in the order the README lists them."""

BY_NAME: dict[str, Format] = {f.name: f for f in FORMATS}

MERGING: frozenset[str] = frozenset(f.name for f in FORMATS if f.merges)
"""Formats whose import merges into an existing debate instead of making a new one."""


def writable() -> list[str]:
    """The names of the formats debatemap exports, sorted (the CLI's and the app's choices)."""
    return sorted(f.name for f in FORMATS if f.writer)


def readable() -> list[str]:
    """The names of the formats debatemap imports, sorted."""
    return sorted(f.name for f in FORMATS if f.reader)


def writer(name: str) -> ModuleType:
    """The module that renders format NAME (imported now, not before)."""
    module = BY_NAME[name].writer
    if module is None:
        raise KeyError(name)
    return importlib.import_module(module)


def reader(name: str) -> ModuleType:
    """The module that reads format NAME (imported now, not before)."""
    module = BY_NAME[name].reader
    if module is None:
        raise KeyError(name)
    return importlib.import_module(module)


def guess_reader(path: str) -> str | None:
    """The readable format PATH's extension names (the longest one matching wins), or None."""
    lower = Path(path).name.lower()
    found = [(len(ext), f.name) for f in FORMATS if f.reader for ext in f.extensions if lower.endswith(ext)]
    return max(found)[1] if found else None
