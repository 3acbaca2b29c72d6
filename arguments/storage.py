"""Reading and writing debate files (TOML, or JSON by extension), with located errors.

Loading never raises anything but `DebateError`, whose problems name the file, the line
and the field. Saving is deterministic: the same debate always gives the same bytes.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import tomli
from pydantic import ValidationError

from . import toml_writer
from .integrity import check_integrity
from .locate import JsonLines, TomlLines
from .model import TABLES, Debate
from .problems import DebateError, Loc, Problem

MAX_FILE_BYTES = 50 * 1024 * 1024
"""Largest debate file we read (50 MiB, about 150,000 claims); larger ones are refused."""

_LONG_NUMBER = re.compile(r"[0-9_]{300,}")


def format_of(path: str | os.PathLike[str]) -> str:
    """`json` for a .json file, else `toml`."""
    return "json" if str(path).lower().endswith(".json") else "toml"


def read_debate(path: str | os.PathLike[str]) -> Debate:
    """Load and check a debate file; raise `DebateError` with every problem found."""
    return parse_debate(read_text(path), str(path), format_of(path))


def read_text(path: str | os.PathLike[str]) -> str:
    """The file's text as UTF-8 (a BOM tolerated), or a `DebateError` saying why not."""
    name = str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except IsADirectoryError:
        raise DebateError([Problem("is a directory, not a debate file", path=name)]) from None
    except FileNotFoundError:
        raise DebateError([Problem("no such file", path=name)]) from None
    except PermissionError:
        raise DebateError([Problem("permission denied: the file cannot be read", path=name)]) from None
    except OSError as exc:
        raise DebateError([Problem(f"cannot be read: {exc.strerror or exc}", path=name)]) from None
    if len(data) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        raise DebateError([Problem(f"is larger than {limit} MiB, the most a debate file may be", path=name)])
    return decode(data, name)


def decode(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DebateError([Problem("is UTF-16; save it as UTF-8", path=name, line=1)])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DebateError(
            [Problem(f"is not UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8", path=name, line=line)]
        ) from None


def parse_debate(text: str, name: str = "<debate>", fmt: str = "toml") -> Debate:
    """Parse, validate and check a debate from text; raise `DebateError` on any problem."""
    if text.startswith("\ufeff"):
        text = text[1:]
    raw = _parse_raw(text, name, fmt)
    # Finding lines costs as much as parsing: only a file with problems pays for it.
    lines = _LazyLines(text, fmt)
    if not isinstance(raw, dict):
        raise DebateError([Problem("the top level must be a table of keys", path=name, line=1)])
    try:
        debate = Debate.model_validate(raw)
    except ValidationError as exc:
        problems = [_from_pydantic(err, name, lines) for err in exc.errors(include_url=False)]
        raise DebateError(problems) from None
    except (RecursionError, ValueError, TypeError) as exc:
        raise DebateError([Problem(f"cannot be read: {exc}", path=name, line=1)]) from None
    found = check_integrity(debate)
    if found:
        raise DebateError(
            [Problem(p.message, p.loc, path=name, line=lines.line_of(p.loc)) for p in found]
        )
    return debate


def _parse_raw(text: str, name: str, fmt: str) -> Any:
    try:
        if fmt == "json":
            return json.loads(text, parse_constant=_reject_constant)
        return tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise DebateError([Problem(f"not valid TOML: {exc.msg}", path=name, line=exc.lineno)]) from None
    except json.JSONDecodeError as exc:
        raise DebateError([Problem(f"not valid JSON: {exc.msg}", path=name, line=exc.lineno)]) from None
    except RecursionError:
        raise DebateError([Problem("nested too deeply to read", path=name, line=1)]) from None
    except ValueError as exc:
        # Python refuses integers of more than 4,300 digits; say where the number is.
        match = _LONG_NUMBER.search(text)
        line = text.count("\n", 0, match.start()) + 1 if match else 1
        raise DebateError([Problem(f"cannot be read: {exc}", path=name, line=line)]) from None


class _LazyLines:
    """Line lookup built on first use."""

    def __init__(self, text: str, fmt: str):
        self.text, self.fmt = text, fmt
        self._lines: TomlLines | JsonLines | None = None

    def line_of(self, loc: Loc) -> int:
        if self._lines is None:
            self._lines = JsonLines(self.text) if self.fmt == "json" else TomlLines(self.text)
        return self._lines.line_of(loc)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a debate may hold")


_MESSAGES = {
    "extra_forbidden": "unknown key",
    "missing": "missing required key",
}


def _from_pydantic(err: Any, name: str, lines: _LazyLines) -> Problem:
    loc = tuple(err["loc"])
    message = _MESSAGES.get(err["type"], err["msg"])
    if err["type"] not in _MESSAGES and "input" in err and not isinstance(err["input"], (dict, list)):
        shown = repr(err["input"])
        if len(shown) > 60:
            shown = shown[:57] + "..."
        message += f" (got {shown})"
    return Problem(message, loc, path=name, line=lines.line_of(loc))


def to_data(debate: Debate) -> dict[str, Any]:
    """The debate as plain data in file order, empty values left out so files stay small."""
    out: dict[str, Any] = {"schema": debate.schema_, "title": debate.title}
    if debate.question:
        out["question"] = debate.question
    if debate.description:
        out["description"] = debate.description
    for table in TABLES:
        records = getattr(debate, table)
        if records:
            out[table] = [_compact(r.model_dump(by_alias=True)) for r in records]
    return out


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in data.items():
        if value is None or value == "" or value == [] or value is False:
            continue
        if isinstance(value, list) and value and isinstance(value[0], dict):
            value = [_compact(v) for v in value]
        out[key] = value
    return out


def dumps_debate(debate: Debate, fmt: str = "toml") -> str:
    """The canonical text of a debate: deterministic, and loads back to an equal debate."""
    data = to_data(debate)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return toml_writer.dumps(data)


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Replace the file's content all at once: temp file beside it, fsync, rename.

    A symlink is saved through (its target is replaced, the link stays), and the file's
    permission bits are carried over.
    """
    target = Path(os.path.realpath(path))
    directory = target.parent
    tmp = directory / f".{target.name}.debatemap-tmp{os.getpid()}"
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    try:
        with open(tmp, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_debate(debate: Debate, path: str | os.PathLike[str]) -> None:
    """Save the debate in its canonical form (TOML, or JSON by extension), atomically."""
    write_text_atomic(path, dumps_debate(debate, format_of(path)))
