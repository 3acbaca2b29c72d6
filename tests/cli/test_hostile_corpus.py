"""Hostile files through the real command line: `check`, `show` and every export.

Each run is a subprocess with a timeout: exit 0 or 1, never a traceback, never a hang.
Files the loader must refuse get one message naming the file and (where a line exists)
the right line. A debate full of display and export attacks loads, `show` sends no raw
control characters to the terminal, and the Markdown, HTML and JSON exports parse to the
same structure as for a plain twin of the same debate.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from arguments.display import is_hidden_control, one_line
from arguments.model import (
    Claim,
    Coalition,
    Debate,
    Evidence,
    Link,
    Scenario,
    Source,
    Stakeholder,
    Stance,
    StanceChange,
)
from arguments.problems import DebateError
from arguments.storage import MAX_FILE_BYTES, MAX_LISTED, dumps_debate, parse_debate, read_debate, write_debate
from export import EXPORTERS
from tests.strategies import HOSTILE

HERE = Path(__file__).parent / "hostile"
TIMEOUT = 120
FORMATS = sorted(EXPORTERS)

MORE_ATTACKS = [
    "[/bold]",
    "[link=https://x]y[/link]",
    "[Bold]x",
    "[$accent]x",
    "[ bold]x",
    "\x1b]52;c;ZXZpbA==\x07 clipboard",
    "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "\x1bc reset",
    "\x9b31m C1 CSI",
    "\x1b]0;title\x1b\\",
    "\u202eevil\u202c bidi \u2066isolate\u2069",
    "\x08backspace\x0bvt\x0cff",
    "x" + "\u0301" * 500,
    "long " * 20_000,
    '" onmouseover="alert(1)',
    "</td></tr></table><h1>x</h1>",
    "=1+2",
    "+cmd|' /C calc'!A0",
    "@SUM(A1)",
    "\t=tab",
    "\r=cr",
    "}} ]] -> --> <-- ;",
    '"; digraph x { a -> b }',
    "\\N \\G \\L",
    "<b>bold</b> & &amp; ]]> <![CDATA[x]]>",
    "graph TD; A-->B",
    "%% mermaid comment",
    "<tag> [argdown] #hashtag +> <- <+ -",
]
ATTACKS = [text for text in HOSTILE + MORE_ATTACKS if text.strip()]


# --------------------------------------------------------------------------- running


def run(*args: str | Path, timeout: float = TIMEOUT) -> subprocess.CompletedProcess[str]:
    """`debatemap ARGS` in a fresh process, as a user runs it from a pipe."""
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE", "CLICOLOR_FORCE")}
    env.update(COLUMNS="5000", LINES="50", PYTHONIOENCODING="utf-8", TERM="xterm-256color")
    try:
        result = subprocess.run(
            [sys.executable, "-m", "tui", *map(str, args)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
            timeout=timeout,
            env=env,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"debatemap {' '.join(map(str, args))} hung for {timeout} s")
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream, stream[-3000:]
        assert "internal error" not in stream, stream[-3000:]
    assert result.returncode in (0, 1), (result.returncode, result.stderr[-3000:])
    return result


def refusals(output: str, path: Path) -> list[tuple[int | None, str]]:
    """(line, message) of each problem line OUTPUT gives for PATH."""
    found = []
    prefix = f"{path}:"
    for line in output.splitlines():
        if not line.startswith(prefix):
            continue
        rest = line[len(prefix) :]
        number, _, message = rest.partition(":")
        found.append((int(number), message.strip()) if number.isdigit() else (None, rest.strip()))
    return found


# --------------------------------------------------------------------------- files the loader refuses

TOP = 'schema = 1\ntitle = "t"\n'
"""Two lines: every TOML case below counts its lines from 3."""


def toml_claims(*claims: str) -> str:
    return TOP + "".join(f"\n[[claims]]\n{c}\n" for c in claims)


MOTION = 'id = "m"\ntext = "Motion"\nkind = "thesis"'


def chain(depth: int) -> str:
    links = [MOTION] + [
        f'id = "c{i}"\ntext = "level {i}"\nparent = "{"m" if i == 1 else f"c{i - 1}"}"\nrelation = "supports"'
        for i in range(1, depth + 1)
    ]
    return toml_claims(*links)


REFUSED: dict[str, tuple[bytes | str | Callable[[Path], None], int | None]] = {
    # name: (content, or a function making the path; the line the message must name)
    "latin1.toml": (HERE / "latin1.toml", 2),
    "windows-1252.toml": (HERE / "windows-1252.toml", 2),
    "utf16-bom.toml": (HERE / "utf16-bom.toml", 1),
    "utf16-no-bom.toml": (HERE / "utf16-no-bom.toml", 1),
    "utf32-bom.toml": (HERE / "utf32-bom.toml", 1),
    "nul-byte.toml": (TOP + 'question = "a\x00b"\n', 3),
    "deep-arrays.toml": (TOP + "question = " + "[" * 600 + "]" * 600 + "\n", 3),
    "deep-inline-tables.toml": (TOP + "question = " + "{a = " * 600 + "1" + "}" * 600 + "\n", 3),
    "deep-arrays.json": ('{\n"title": "t",\n"question": ' + "[" * 600 + "]" * 600 + "\n}", 3),
    "very-deep-arrays.json": ('{\n"title": "t",\n"question": ' + "[" * 100_000 + "]" * 100_000 + "\n}", 3),
    "deep-under-claims.json": ('{"title": "t",\n"claims": ' + "[" * 700 + "]" * 700 + "}", 2),
    "huge-int.toml": (TOP + '\n[[stakeholders]]\nid = "s"\nname = "n"\npower = ' + "9" * 5000 + "\n", 7),
    "huge-int.json": ('{\n"title": "t",\n"schema": ' + "9" * 5000 + "\n}", 3),
    "nan.toml": (TOP + '\n[[stakeholders]]\nid = "s"\nname = "n"\npower = nan\n', 7),
    "inf.toml": (TOP + '\n[[stakeholders]]\nid = "s"\nname = "n"\ninterest = -inf\n', 7),
    "nan.json": ('{\n"title": "t",\n"schema": NaN\n}', 3),
    "infinity.json": ('{\n"title": "t",\n"schema": -Infinity\n}', 3),
    "1e999.json": ('{\n"title": "t",\n"schema": 1e999\n}', 3),
    "oversize.toml": (lambda p: os.truncate(_touch(p), 100 * 1024 * 1024), None),
    "just-over-the-limit.toml": (lambda p: os.truncate(_touch(p), MAX_FILE_BYTES + 1), None),
    "duplicate-ids.toml": (toml_claims(MOTION, 'id = "m"\ntext = "again"'), 10),
    "duplicate-id-across-tables.toml": (
        TOP + '\n[[sources]]\nid = "m"\ncitation = "c"\n' + f"\n[[claims]]\n{MOTION}\n",
        9,
    ),
    "own-parent.toml": (toml_claims(MOTION, 'id = "a"\ntext = "a"\nparent = "a"\nrelation = "supports"'), 12),
    "cycle.toml": (
        toml_claims(
            MOTION,
            'id = "a"\ntext = "a"\nparent = "b"\nrelation = "supports"',
            'id = "b"\ntext = "b"\nparent = "a"\nrelation = "opposes"',
        ),
        12,
    ),
    "missing-parent.toml": (toml_claims(MOTION, 'id = "a"\ntext = "a"\nparent = "nowhere"\nrelation = "supports"'), 12),
    "missing-refs.toml": (
        toml_claims(MOTION) + '\n[[evidence]]\nid = "e"\nclaim = "gone"\ntext = "t"\n'
        '\n[[stances]]\nstakeholder = "nobody"\nclaim = "m"\nposition = 1\n',
        11,
    ),
    "too-deep-tree.toml": (chain(202), 6 * 201 + 6),
    "unknown-key.toml": (toml_claims(MOTION + '\nbogus = "x"'), 8),
    "unknown-key-with-escapes.toml": (toml_claims(MOTION + '\n"\\u001b[2J\\u001b]0;pwned\\u0007" = 1'), 8),
    "unknown-key.json": ('{\n"title": "t",\n"claims": [\n{"id": "m", "text": "x",\n"bogus": 1}]\n}', 5),
    "duplicate-key.toml": (TOP + 'title = "again"\n', 3),
    "duplicate-key.json": ('{\n"title": "t",\n"claims": [{"id": "m",\n"text": "x",\n"text": "y"}]\n}', 5),
    "lone-surrogate.json": ('{\n"title": "t",\n"question": "a\\ud800b"\n}', 3),
    "lone-surrogate-key.json": ('{\n"title": "t",\n"\\udc00": 1\n}', 3),
    "surrogate-pair-then-lone.json": ('{\n"title": "\\ud83d\\ude00",\n"question": "\\udfff"\n}', 3),
    "claims-is-a-number.toml": (TOP + "claims = 3\n", 3),
    "claims-are-numbers.toml": (TOP + "claims = [1, 2]\n", 3),
    "claims-is-a-table.toml": (TOP + '\n[claims]\nid = "m"\n', 4),
    "claims-is-a-string.json": ('{\n"title": "t",\n"claims": "all of them"\n}', 3),
    "claims-is-an-object.json": ('{\n"title": "t",\n"claims": {"id": "m"}\n}', 3),
    "huge-string.toml": (TOP + 'question = "' + "a" * 20_000_000 + '"\n', 3),
    "huge-string.json": ('{\n"title": "t",\n"question": "' + "a" * 20_000_000 + '"\n}', 3),
    "empty.toml": ("", 1),
    "blank.toml": ("\n\n   \n", 1),
    "garbage.toml": (random.Random(1).randbytes(4096).replace(b"\x00", b"\x01"), None),
    "truncated.toml": (TOP + "\n[[claims\n", 4),
    "lone-cr.toml": ('schema = 1\rtitle = "t"\r', 1),
    "top-level-array.json": ("[1, 2, 3]", 1),
    "top-level-null.json": ("null", 1),
    "bad-id.toml": (toml_claims('id = "Not A Slug"\ntext = "x"'), 5),
    "long-id.toml": (toml_claims(f'id = "{"a" * 81}"\ntext = "x"'), 5),
    "future-schema.toml": ('schema = 2\ntitle = "t"\n', 1),
    "position-99.toml": (
        TOP + '\n[[stakeholders]]\nid = "s"\nname = "n"\n' + f"\n[[claims]]\n{MOTION}\n"
        '\n[[stances]]\nstakeholder = "s"\nclaim = "m"\nposition = 99\n',
        16,
    ),
    "title-is-a-number.toml": ("title = 5\n", 1),
    "quadratic-line.toml": (TOP + 'x = [\n"""\n[' + " " * 300_000 + 'x\n""",\n]\n', 3),
    "dotted-key.toml": (TOP + "a." * 3000 + "a = 1\n", 3),
    "many-problems.json": (
        '{"title": "t", "claims": [\n'
        + ",\n".join(f'{{"id": "c{i}", "text": "x", "bad": 1}}' for i in range(3000))
        + "\n]}",
        2,
    ),
    "300000-bad-items.toml": (TOP + "claims = [" + "1, " * 300_000 + "]\n", 3),
    "300000-unknown-keys.toml": (toml_claims(MOTION + "".join(f"\nk{i} = 1" for i in range(300_000))), 4),
    "a-directory.toml": (lambda p: p.mkdir(), None),
    "does-not-exist.toml": (lambda p: None, None),
    "below-a-file.toml": (lambda p: None, None),
    "fifo-without-writer.toml": (lambda p: os.mkfifo(p), 1),
}


def _touch(path: Path) -> Path:
    path.write_bytes(b"")
    return path


@pytest.fixture(scope="module")
def refused_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("refused")
    made = {}
    for name, (content, _line) in REFUSED.items():
        path = folder / name
        if name == "below-a-file.toml":
            (folder / "plain-file").write_text("x", encoding="utf-8")
            path = folder / "plain-file" / name
        if isinstance(content, Path):
            path.write_bytes(content.read_bytes())
        elif isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_bytes(content.encode("utf-8", "surrogatepass"))
        else:
            content(path)
        made[name] = path
    return made


def test_check_refuses_every_hostile_file_with_its_line(refused_files: dict[str, Path]) -> None:
    result = run("check", *refused_files.values())
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert not any(is_hidden_control(ch) for ch in output if ch != "\n")
    for name, path in refused_files.items():
        found = refusals(result.stdout, path)
        assert found, f"{name}: no problem reported"
        expected = REFUSED[name][1]
        if expected is not None:
            assert found[0][0] == expected, (name, found[:3])
        assert all(message for _line, message in found), name
        assert len(found) <= MAX_LISTED + 1, (name, len(found))


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_show_and_export_refuse_it_too(refused_files: dict[str, Path], name: str) -> None:
    path = refused_files[name]
    fmt = FORMATS[sorted(REFUSED).index(name) % len(FORMATS)]
    # A refused file stops at loading, before any format-specific code, so one format per
    # file (in turn) covers the command; the formats themselves meet the display corpus.
    for args in (("show", path), ("export", path, "--format", fmt)):
        result = run(*args)
        assert result.returncode == 1, (args, result.stdout[:500])
        assert result.stdout == ""
        assert refusals(result.stderr, path), (args, result.stderr[:500])


# --------------------------------------------------------------------------- files that load


def corpus_debate(text: Callable[[int], str]) -> Debate:
    """A debate with every kind of record, its strings drawn from TEXT(n), n = 0, 1, ..."""
    counter = iter(range(10**9))

    def t() -> str:
        return text(next(counter))

    sources = [
        Source(id="report", citation=t(), url="https://example.org/report?a=1&b=2", file=None),
        Source(id="sly", citation=t(), url="javascript:alert(1)"),
    ]
    stakeholders = [
        Stakeholder(id=f"s{i}", name=t(), short=t(), group=t(), interests=t(), notes=t(), level="local")
        for i in range(3)
    ]
    claims = [Claim(id="motion", text=t(), kind="thesis", notes=t())]
    for i in range(len(ATTACKS)):
        parent = "motion" if i % 3 == 0 else f"c{i - 1}"
        claims.append(
            Claim(
                id=f"c{i}",
                text=t(),
                parent=parent,
                relation="supports" if i % 2 else "opposes",
                kind="question" if i % 7 == 0 else "claim",
                notes=t(),
                tags=[t()[:200]],
            )
        )
    evidence = [
        Evidence(id=f"e{i}", claim=f"c{i}", text=t(), quote=t(), locator=t(), source="report", kind="case")
        for i in range(0, len(ATTACKS), 4)
    ]
    stances = [
        Stance(stakeholder=f"s{i % 3}", claim=f"c{i}", position=(i % 7) - 3, rationale=t(), evidence=[])
        for i in range(0, len(ATTACKS), 2)
    ]
    return Debate(
        title=t(),
        question=t(),
        description=t(),
        sources=sources,
        stakeholders=stakeholders,
        claims=claims,
        links=[Link(from_="c1", to="c4", relation="opposes", notes=t())],
        evidence=evidence,
        stances=stances,
        stance_changes=[StanceChange(at="2026-11-26", stakeholder="s0", claim="c0", from_=-1, to=2, note=t())],
        coalitions=[Coalition(id="allies", name=t(), members=["s0", "s1"], note=t())],
        scenarios=[Scenario(id="what-if", name=t(), note=t(), dropped=["c2"])],
    )


HOSTILE_DEBATE = corpus_debate(lambda n: ATTACKS[n % len(ATTACKS)])
PLAIN_DEBATE = corpus_debate(lambda n: f"Plain text number {n}")


@pytest.fixture(scope="module")
def loadable(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("loadable")
    files = {}
    for name, debate in (("hostile", HOSTILE_DEBATE), ("plain", PLAIN_DEBATE)):
        for fmt in ("toml", "json"):
            files[f"{name}.{fmt}"] = folder / f"{name}.{fmt}"
            write_debate(debate, files[f"{name}.{fmt}"])
    files["deep-chain-200.toml"] = folder / "deep-chain-200.toml"
    files["deep-chain-200.toml"].write_text(chain(200), encoding="utf-8")
    for name in ("utf8-bom.toml", "crlf.toml", "utf8-bom.json"):
        files[name] = folder / name
        files[name].write_bytes((HERE / name).read_bytes())
    return files


def test_check_accepts_what_is_merely_strange(loadable: dict[str, Path]) -> None:
    result = run("check", *loadable.values())
    assert result.returncode == 0, result.stdout[-2000:]


def test_the_hostile_debate_survives_a_save(loadable: dict[str, Path]) -> None:
    for fmt in ("toml", "json"):
        assert loadable[f"hostile.{fmt}"].read_text("utf-8") == dumps_debate(HOSTILE_DEBATE, fmt)


@pytest.mark.parametrize("name", ["hostile.toml", "hostile.json", "deep-chain-200.toml", "utf8-bom.toml", "crlf.toml"])
def test_show_sends_no_control_characters_to_the_terminal(loadable: dict[str, Path], name: str) -> None:
    result = run("show", loadable[name])
    assert result.returncode == 0, result.stderr[-2000:]
    hidden = sorted({f"U+{ord(ch):04X}" for ch in result.stdout if ch != "\n" and is_hidden_control(ch)})
    assert hidden == []
    if name.startswith("hostile"):
        # Every claim is shown literally (markup inert), its controls as visible escapes.
        shown = result.stdout
        for claim in HOSTILE_DEBATE.claims:
            assert one_line(claim.text, 300).strip() in shown, claim.text[:80]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", ["hostile.toml", "hostile.json", "deep-chain-200.toml", "utf8-bom.json"])
def test_every_export_of_a_loadable_file_succeeds(loadable: dict[str, Path], name: str, fmt: str) -> None:
    result = run("export", loadable[name], "--format", fmt)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout


def _markdown_shape(text: str) -> list[tuple]:
    """Block tokens and the non-text inline tokens of a CommonMark (+ tables) document.
    The exporter writes a newline in user text as `<br>`: that is text, not structure."""
    shape = []
    for token in MarkdownIt("commonmark").enable("table").parse(text):
        shape.append((token.type, token.tag, token.nesting, token.level))
        for child in token.children or []:
            if child.type == "html_inline" and child.content != "<br>":
                shape.append(("inline", "html", child.content.startswith("<!--")))
            elif child.type not in ("text", "softbreak", "html_inline"):
                shape.append(("inline", child.type, child.tag))
    return shape


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.shape: list[tuple] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.shape.append(("start", tag, tuple(sorted(name for name, _ in attrs))))
        self.hrefs += [value or "" for name, value in attrs if name in ("href", "src", "action")]

    def handle_endtag(self, tag: str) -> None:
        self.shape.append(("end", tag))


def _html_shape(text: str) -> tuple[list[tuple], list[str]]:
    parser = _Tags()
    parser.feed(text)
    parser.close()
    return parser.shape, parser.hrefs


def _json_shape(value: object) -> object:
    if isinstance(value, dict):
        return {key: _json_shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_shape(item) for item in value]
    return type(value).__name__


@pytest.mark.parametrize("fmt", [f for f in ("markdown", "html", "json") if f in EXPORTERS])
def test_attacks_leave_the_export_structure_unchanged(loadable: dict[str, Path], fmt: str) -> None:
    hostile = run("export", loadable["hostile.toml"], "--format", fmt).stdout
    plain = run("export", loadable["plain.toml"], "--format", fmt).stdout
    if fmt == "markdown":
        assert _markdown_shape(hostile) == _markdown_shape(plain)
    elif fmt == "html":
        hostile_shape, hrefs = _html_shape(hostile)
        assert hostile_shape == _html_shape(plain)[0]
        assert all(href.split(":", 1)[0].lower() in ("http", "https", "mailto") or ":" not in href for href in hrefs)
        assert "\x1b" not in hostile
    else:
        assert _json_shape(json.loads(hostile)) == _json_shape(json.loads(plain))


def test_a_source_file_that_never_ends_does_not_hang_check(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "source.txt")
    debate = PLAIN_DEBATE.model_copy(
        update={"sources": [Source(id="report", citation="c", file="source.txt"), PLAIN_DEBATE.sources[1]]}
    )
    path = tmp_path / "debate.toml"
    write_debate(debate, path)
    result = run("check", path, timeout=10)
    assert refusals(result.stdout, path)


def test_a_file_the_user_may_not_read_is_refused_plainly(
    small_debate_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests run as root, which reads anything; the kernel's answer to anyone else is this.
    import arguments.storage as storage

    real_open = os.open

    def denied(path, flags, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if Path(path) == small_debate_file:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(storage.os, "open", denied)
    with pytest.raises(DebateError) as raised:
        read_debate(small_debate_file)
    [problem] = raised.value.problems
    assert (problem.path, problem.line) == (str(small_debate_file), None)
    assert problem.message == "permission denied: the file cannot be read"


LINES_TRAP = '''schema = 1
title = "t"
notes = """
[[claims]]
id = "fake"
"""

[[stakeholders]]
id = "s"
name = "n"

[[claims]]
id = "m"
text = "x"
tags = [
  "a",
  ["not a table header"],
]

[[scenarios]]
id = "sc"
name = "n"

[[scenarios.positions]]
stakeholder = "s"
claim = "m"
position = 1

[[scenarios.positions]]
stakeholder = "ghost"
claim = "m"
position = 1

[["claims"]]
id = "q"
text = 'a \\\\ """ in a literal'
"bad key" = 1
'''


def test_lines_are_found_past_multiline_strings_arrays_and_nested_records() -> None:
    with pytest.raises(DebateError) as raised:
        parse_debate(LINES_TRAP, "trap.toml")
    assert sorted((str(p.loc), p.line) for p in raised.value.problems) == [
        ("('claims', 0, 'tags', 1)", 15),
        ("('claims', 1, 'bad key')", 37),
        ("('notes',)", 3),
    ]
    fixed = LINES_TRAP.replace('notes = """\n[[claims]]\nid = "fake"\n"""\n', "\n\n\n\n")
    fixed = fixed.replace('  ["not a table header"],\n', '  "b",\n').replace('"bad key" = 1\n', "\n")
    with pytest.raises(DebateError) as raised:
        parse_debate(fixed, "trap.toml")
    [problem] = raised.value.problems
    assert (problem.loc, problem.line) == (("scenarios", 0, "positions", 1, "stakeholder"), 30)
