"""Reading debate files (TOML, or JSON by extension), with located errors.

Loading never raises anything but `DebateError`, whose problems name the file, the line
and the field. A sound file in the canonical form is read by a fast path; anything else
goes through the general parser, which finds and words every problem.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import re
import stat
from collections.abc import Callable, Iterator
from operator import attrgetter
from typing import Any

import tomli
from pydantic import BaseModel, ValidationError

from . import load_progress, toml_writer
from .display import one_line
from .file_limits import MAX_FILE_BYTES, PRESTART_FROM
from .integrity import check_integrity
from .locate import CanonicalLines, JsonLines, TomlLines, first_duplicate_key, lone_surrogate_line
from .model import RECORD_TYPES, TABLES, Debate
from .problems import DebateError, Loc, Problem
from .read_worker import identity


def format_of(path: str | os.PathLike[str]) -> str:
    """`json` for a .json file, else `toml`."""
    return "json" if str(path).lower().endswith(".json") else "toml"


def read_debate(path: str | os.PathLike[str]) -> Debate:
    """Load and check a debate file; raise `DebateError` with every problem found. What
    it loads is kept out of the garbage collector's scans (see `settled`)."""
    with paused_gc():
        debate = _read_canonical_file(path)
        if debate is None:
            debate = _parse_debate(read_text(path), str(path), format_of(path), lambda: read_text(path))
    return settled(debate)


def settled(debate: Debate) -> Debate:
    """DEBATE, with every object alive now moved out of the cyclic garbage collector's
    generations (`gc.freeze`): a command's one load, or the app's (`WorkFile.load`).

    Loading runs with the collector paused, so every model it made waits in the youngest
    generation, and the first collection after it walked them all: 0.38 s at 100,000
    claims, paid by whatever ran next (an export's rendering, the app's first frame), and
    the app's later collections walked them again. Frozen objects are still freed by
    their reference counts (a debate is a tree, with no cycles); only a cycle made of
    objects alive now would never be collected, so only the process's first load is
    settled. (Keys once seemed to go unanswered with the app's load frozen: that was the
    terminal benchmark timing keys against frames half written.)
    """
    global _settled_once
    if not _settled_once:
        _settled_once = True
        gc.freeze()
    return debate


_settled_once = False


def _read_canonical_file(path: str | os.PathLike[str]) -> Debate | None:
    """A sound TOML debate in the canonical form, read a piece at a time so that its text
    is never all in memory beside its models (at 50,000 claims, 37 MB of a check's peak);
    None for anything else, which `parse_debate` then reads and words every problem of."""
    if format_of(path) != "toml":
        return None
    try:
        fd = os.open(path, os.O_RDONLY | _O_NONBLOCK | _O_CLOEXEC)
    except (OSError, ValueError):
        return None
    first: list[str] = []
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
            return None
        os.set_blocking(fd, True)
        tables = _canonical_tables(path, fd, info, first)
        debate = None if tables is None else Debate.model_validate(tables)
    except (OSError, RecursionError, ValueError, TypeError):  # a decoding error is a ValueError
        return None
    finally:
        os.close(fd)
    if debate is None:
        return None
    found = check_integrity(debate)
    if found:
        _refuse_located(path, info, found)  # or None, to be read again the general way
        return None
    debate._editor_schema = _editor_schema(first[0] if first else "", {}, "toml")
    return debate


def _canonical_tables(
    path: str | os.PathLike[str], fd: int, info: os.stat_result, first: list[str]
) -> dict[str, Any] | None:
    """The tables of the canonical file open as FD, their records validated: on two cores
    when it is big enough (see `parallel_read.loads_canonical_file`), else a piece at a
    time here."""
    if info.st_size >= PRESTART_FROM:  # smaller: no second process was started on it
        from . import parallel_read  # only for a big file: its imports start processes

        try:
            return parallel_read.loads_canonical_file(path, fd, info, _validated_records, _validated_json, first)
        except parallel_read.ReadHere:
            os.lseek(fd, 0, os.SEEK_SET)
            first.clear()
    return toml_writer.loads_canonical_chunks(_file_pieces(fd, first), _validated_records, _validated_json)


def _refuse_located(path: str | os.PathLike[str], read: os.stat_result, found: list[Problem]) -> None:
    """Raise `DebateError` with FOUND (the cross-record problems of the canonical file at
    PATH, READ being what `fstat` said of it) at their lines, found in its text without
    reading the file again as a debate: at 100,000 claims that was 2 s of 4 before a
    broken reference was shown. Returns when the file has changed since (a save, an
    edit): its problems are then those of the general read."""
    try:
        text = read_text(path)
        unchanged = identity(os.stat(path)) == identity(read)
    except (DebateError, OSError):
        return
    if unchanged:
        lines = CanonicalLines(text)
        raise DebateError(_located(found, str(path), lines))


def _file_pieces(fd: int, first: list[str]) -> Iterator[str]:
    """FD's text in pieces cut, as `toml_writer.chunks` cuts, just before top-level
    headers (FIRST gets the first); a file over `MAX_FILE_BYTES` or bytes that are not
    UTF-8 raise ValueError (a BOM, like anything else outside the canonical form, fails
    the grammar)."""
    buffer = b""
    size = 0
    while True:
        block = os.read(fd, toml_writer.CHUNK)
        size += len(block)
        if size > MAX_FILE_BYTES:
            raise ValueError("too large")
        buffer += block
        cut = _last_cut(buffer) if block else len(buffer)
        if cut > 0:
            piece = buffer[:cut].decode("utf-8")
            buffer = buffer[cut:]
            if not first:
                first.append(piece)
            yield piece
        if not block:
            return


def _last_cut(data: bytes) -> int:
    """The last place in DATA before a top-level `[[` header line seen whole (0: none)."""
    end = len(data)
    while True:
        cut = data.rfind(b"\n\n[[", 0, end)
        if cut <= 0:
            return 0
        close = data.find(b"]]", cut)
        if close >= 0 and b"." not in data[cut + 4 : close] and b"\n" not in data[cut + 4 : close]:
            return cut
        end = cut


def read_text(path: str | os.PathLike[str]) -> str:
    """The file's text as UTF-8 (a BOM tolerated), or a `DebateError` saying why not."""
    return decode(read_bytes(path), str(path))


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The file's bytes, or a `DebateError` saying why they cannot be read.

    Directories, devices and files over `MAX_FILE_BYTES` are refused before reading, and a
    FIFO with no writer gives an empty file rather than a hang.
    """
    name = str(path)

    def refused(message: str) -> DebateError:
        return DebateError([Problem(message, path=name)])

    try:
        fd = os.open(path, os.O_RDONLY | _O_NONBLOCK | _O_CLOEXEC)
    except FileNotFoundError:
        raise refused("no such file") from None
    except PermissionError:
        raise refused("permission denied: the file cannot be read") from None
    except OSError as exc:
        raise refused(f"cannot be read: {exc.strerror or exc}") from None
    except ValueError:
        raise refused("cannot be read: the name holds a NUL character") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise refused("is a directory, not a debate file")
        if not (stat.S_ISREG(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
            raise refused("is not a regular file (a device or a socket)")
        if info.st_size > MAX_FILE_BYTES:
            raise refused(_TOO_BIG)
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        size = 0
        # A regular file in one read (a byte more than its size, to see it end): joining
        # a MiB at a time copied the whole file again, 0.04 s at 100,000 claims.
        block = max(1 << 20, info.st_size + 1)
        while size <= MAX_FILE_BYTES:
            chunk = os.read(fd, min(block, MAX_FILE_BYTES + 1 - size))
            block = 1 << 20
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise refused(f"cannot be read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if size > MAX_FILE_BYTES:
        raise refused(_TOO_BIG)
    return b"".join(chunks)


_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_TOO_BIG = f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB, the most a debate file may be"


def decode(data: bytes, name: str) -> str:
    """DATA as UTF-8 text without its BOM, or a `DebateError` naming the line of the first bad byte."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise DebateError([Problem("is UTF-32; save it as UTF-8", path=name, line=1)])
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DebateError([Problem("is UTF-16; save it as UTF-8", path=name, line=1)])
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        message = "holds a NUL byte: it is UTF-16 or not a text file; save it as UTF-8"
        raise DebateError([Problem(message, path=name, line=line)])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        message = f"is not UTF-8 (byte 0x{data[exc.start]:02x}; Latin-1 or Windows-1252?); save it as UTF-8"
        raise DebateError([Problem(message, path=name, line=line)]) from None


def _canonical_debate(text: str) -> Debate | None:
    """The debate in TEXT read by the canonical-form reader, its records validated a chunk
    at a time so that all of the raw tables never exist at once; None when TEXT is not in
    that form or holds any problem: the general path then finds and words every one."""
    try:
        convert, convert_json = load_progress.counting(text, _validated_records, _validated_json)
        from . import parallel_read  # here: commands that read files a piece at a time never start processes

        tables = parallel_read.loads_canonical(text, convert, convert_json)
        return None if tables is None else Debate.model_validate(tables)
    except (RecursionError, ValueError, TypeError):  # ValidationError is a ValueError
        return None


def _validated_records(table: str, records: list[dict[str, Any]]) -> list[Any]:
    # Through the Debate's own validator, so each record is checked exactly as in a whole
    # file; the models it returns pass through the final Debate.model_validate unchanged.
    validated: list[Any] = getattr(Debate.model_validate({"title": "-", table: records}), table)
    return validated


def _validated_by_table(raw: dict[str, Any]) -> Debate:
    """`Debate.model_validate(RAW)`, its tables first validated one at a time, each table's
    raw records freed as its models are made (at 100,000 claims in JSON, the raw records
    beside the models were a third of check's peak memory). At the first table with a
    problem it stops: the whole debate's validation then finds and words every problem,
    the tables before it passing through as the models they now are."""
    for table in TABLES:
        records = raw.get(table)
        if isinstance(records, list) and records:
            try:
                raw[table] = _validated_records(table, records)
            except ValidationError:
                break
            finally:
                del records
    return Debate.model_validate(raw)


def _validated_json(table: str, records: str) -> tuple[list[Any], int] | None:
    """`_validated_records` of the JSON array RECORDS, read by pydantic straight from the
    text (a quarter faster than parsing it first), and the number of keys they set; None
    when anything is amiss, and the records are then read the general way. For the values
    the canonical form holds (strings, integers, booleans and lists of them) the JSON mode
    accepts and makes what the Python mode does."""
    try:
        validated: list[Any] = getattr(Debate.model_validate_json(f'{{"title":"-","{table}":{records}}}'), table)
    except ValueError:
        return None
    return validated, sum(map(len, map(_FIELDS_SET, validated)))


_FIELDS_SET = attrgetter("__pydantic_fields_set__")


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Hold the cyclic garbage collector while building or dumping a large, acyclic tree.

    Parsing a debate of 10,000 claims makes hundreds of thousands of dicts and models that
    refcounting frees; the collector would rescan them all many times over (a tenth of the
    load time) and find nothing.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse_debate(text: str, name: str = "<debate>", fmt: str = "toml") -> Debate:
    """Parse, validate and check a debate from text; raise `DebateError` on any problem."""
    with paused_gc():
        return _parse_debate(text, name, fmt)


def _parse_debate(text: str, name: str, fmt: str, reread: Callable[[], str] | None = None) -> Debate:
    """`parse_debate`; with REREAD (how to read the text again), a JSON text is let go once
    parsed, and read again only to find the line of a problem: beside the models it made,
    it was 90 MiB of the peak memory of `check` on 100,000 claims."""
    if text.startswith("\ufeff"):
        text = text[1:]
    # Finding lines costs as much as parsing: only a file with problems pays for it.
    lines = _LazyLines(text, fmt)
    debate = _canonical_debate(text) if fmt == "toml" else None
    canonical = debate is not None
    if debate is None and fmt == "toml" and "#" in text:
        # A file `fmt` wrote, with comments, is read fast too (the reader is imported only
        # when needed: most files hold no comment).
        from . import comment_reader

        uncommented = comment_reader.without(text)
        debate = _canonical_debate(uncommented) if uncommented else None
    if debate is not None:
        editor_schema = _editor_schema(text, {}, fmt)
    else:
        raw = _canonical_raw(text) if fmt == "toml" else None
        # In the canonical form but refused by the model: its problems' lines are found as
        # a sound file's are (at 100,000 claims a scan of the whole text took 6 s).
        lines.canonical = raw is not None
        if raw is None:
            raw = _parse_raw(text, name, fmt)
        if not isinstance(raw, dict):
            raise DebateError([Problem("the top level must be a table of keys", path=name, line=1)])
        editor_schema = _editor_schema(text, raw, fmt)
        if reread is not None and fmt == "json":
            text = ""
            lines = _LazyLines(reread, fmt)
        try:
            debate = _validated_by_table(raw)
        except ValidationError as exc:
            raise DebateError(_validation_problems(raw, exc, name, lines)) from None
        except (RecursionError, ValueError, TypeError) as exc:
            raise DebateError([Problem(f"cannot be read: {_shown(str(exc), 200)}", path=name, line=1)]) from None
    found = check_integrity(debate)
    if canonical:  # the text itself was read so (not with its comments left out)
        lines.canonical = True
    if found:
        raise DebateError(_located(found, name, lines))
    debate._editor_schema = editor_schema
    if fmt == "toml" and not canonical and "#" in text:  # the canonical form holds no comments
        from . import comment_reader

        debate._comments = comment_reader.collect(text, debate)
    return debate


_SCHEMA_DIRECTIVE = re.compile(r"#:schema[ \t]+(\S[^\r\n]*?)[ \t]*(?:\r?\n|$)")


def _editor_schema(text: str, raw: dict[str, Any], fmt: str) -> str | None:
    """The editor's schema pointer (`#:schema X` opening a TOML file, `$schema` in JSON),
    taken out of the raw data: it points at `debatemap schema`, it is not debate content."""
    if fmt == "json":
        value = raw.get("$schema")
        if isinstance(value, str):
            del raw["$schema"]
            return value
        return None
    match = _SCHEMA_DIRECTIVE.match(text)
    return match.group(1) if match else None


class _Refused(ValueError):
    """A value the parser met that no debate may hold; `line_in(text)` finds it."""

    def __init__(self, message: str, pattern: str):
        super().__init__(message)
        self.pattern = pattern

    def line_in(self, text: str) -> int:
        match = re.search(self.pattern, text)
        return text.count("\n", 0, match.start()) + 1 if match else 1


def _canonical_raw(text: str) -> dict[str, Any] | None:
    """TEXT's tables read by the canonical-form reader, unvalidated; None when TEXT is not
    in that form."""
    try:
        return toml_writer.loads_canonical(text)
    except (RecursionError, ValueError, TypeError):
        return None


def _parse_raw(text: str, name: str, fmt: str) -> Any:
    try:
        if fmt == "json":
            raw = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
        else:
            raw = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise DebateError([Problem(f"not valid TOML: {exc.msg}", path=name, line=exc.lineno)]) from None
    except json.JSONDecodeError as exc:
        raise DebateError([Problem(f"not valid JSON: {exc.msg}", path=name, line=exc.lineno)]) from None
    except RecursionError:
        line = _Refused("", _DEEP).line_in(text)
        raise DebateError([Problem("nested too deeply to read", path=name, line=line)]) from None
    except _DuplicateKey:
        key, line = first_duplicate_key(text) or ("?", 1)
        message = f'the key "{_shown(key)}" appears twice in one object'
        raise DebateError([Problem(message, path=name, line=line)]) from None
    except _Refused as exc:
        raise DebateError([Problem(str(exc), path=name, line=exc.line_in(text))]) from None
    except ValueError:
        # Python refuses integers of more than 4,300 digits.
        message = "a number has more than 4,300 digits; no debate field holds such a number"
        line = _Refused(message, _LONG_NUMBER).line_in(text)
        raise DebateError([Problem(message, path=name, line=line)]) from None
    if fmt == "json":
        surrogate = lone_surrogate_line(text)
        if surrogate is not None:
            message = "holds a lone surrogate escape (\\ud800-\\udfff), which no UTF-8 file can store"
            raise DebateError([Problem(message, path=name, line=surrogate)])
    return raw


# Where the parser gave up, found afterwards; each pattern starts only at a run's first
# character, so a long run of digits or letters costs one pass, not one per position.
_LONG_NUMBER = r"(?<![0-9_])[0-9][0-9_]{4299,}"
_DEEP = r"(?:[\[{][^\[\]{}\n]{0,16}){32}|(?<![\w\"'-])(?:[\w\"'-]++\s*+\.\s*+){32}"


class _DuplicateKey(ValueError):
    """A JSON object names the same key twice (the JSON module would keep only the last)."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise _DuplicateKey
    return out


class _LazyLines:
    """Line lookup built on first use, from TEXT or what TEXT() reads (no line found, 1,
    when that fails)."""

    def __init__(self, text: str | Callable[[], str], fmt: str):
        self.text, self.fmt = text, fmt
        self._lines: TomlLines | JsonLines | CanonicalLines | None = None
        self.canonical = False
        """TEXT is in the canonical form (its records were read so): lines are found by
        `CanonicalLines`, without a scan of the whole text."""

    def line_of(self, loc: Loc) -> int:
        if self._lines is None:
            text = self.text
            if not isinstance(text, str):
                try:
                    text = text()
                except DebateError:
                    text = ""
                text = text[1:] if text.startswith("\ufeff") else text
            if self.fmt == "json":
                self._lines = JsonLines(text)
            else:
                self._lines = CanonicalLines(text) if self.canonical else TomlLines(text)
        return self._lines.line_of(loc)


def _reject_constant(name: str) -> Any:
    raise _Refused(f"{name} is not a number a debate may hold", rf"[\[:,]\s*{re.escape(name)}")


_MESSAGES = {
    "extra_forbidden": "unknown key",
    "missing": "missing required key",
}


def _shown(value: str, limit: int = 80) -> str:
    """VALUE fit for a one-line message: controls and lone surrogates made visible."""
    return one_line(value[: limit + 1].encode("utf-8", "backslashreplace").decode("utf-8"), limit)


MAX_LISTED = 1000
"""Validation problems listed at most; a file with more gets the first ones and a count."""


def _located(found: list[Problem], name: str, lines: CanonicalLines | _LazyLines) -> list[Problem]:
    """FOUND (cross-record problems) at their lines in file NAME: the first `MAX_LISTED`
    of them and a count, as for validation problems (one stakeholder's id changed at
    100,000 claims is 3,902 stances naming no one: a screenful of the first tells what is
    wrong, four thousand lines scroll it away)."""
    shown = [Problem(p.message, p.loc, path=name, line=lines.line_of(p.loc)) for p in found[:MAX_LISTED]]
    if len(found) > MAX_LISTED:
        shown.append(Problem(f"{len(found):,} problems in all; only the first are listed", path=name))
    return shown


def _validation_problems(raw: dict[str, Any], exc: ValidationError, name: str, lines: _LazyLines) -> list[Problem]:
    """The problems of EXC, or, when there are too many to list (a file of a million bad
    items), the first of them found record by record without ever listing them all."""
    total = exc.error_count()
    if total <= MAX_LISTED:
        return [_from_pydantic(err, name, lines) for err in exc.errors(include_url=False)]
    problems: list[Problem] = []
    pieces: list[tuple[Loc, type[BaseModel], Any]] = []
    tables = {t: v for t, v in raw.items() if t in TABLES and isinstance(v, list)}
    pieces.append(((), Debate, {**raw, **{t: [] for t in tables}}))
    pieces += [((t, i), RECORD_TYPES[t], item) for t, items in tables.items() for i, item in enumerate(items)]
    for prefix, model, value in pieces:
        try:
            model.model_validate(value)
        except ValidationError as err:
            if err.error_count() > MAX_LISTED - len(problems):
                count = f"{err.error_count():,} problems here, too many to list"
                problems.append(Problem(count, prefix, path=name, line=lines.line_of(prefix)))
                break
            for one in err.errors(include_url=False):
                one["loc"] = prefix + tuple(one["loc"])
                problems.append(_from_pydantic(one, name, lines))
        if len(problems) >= MAX_LISTED:
            break
    problems.append(Problem(f"{total:,} problems in all; only the first are listed", path=name))
    return problems


def _from_pydantic(err: Any, name: str, lines: _LazyLines) -> Problem:
    loc = tuple(err["loc"])
    message = _MESSAGES.get(err["type"], err["msg"])
    value = err.get("input")
    if err["type"] not in _MESSAGES and "input" in err and not isinstance(value, (dict, list)):
        if isinstance(value, str):
            value = value[:60]
        shown = repr(value)
        if len(shown) > 60:
            shown = shown[:57] + "..."
        message += f" (got {shown})"
    shown_loc = tuple(_shown(part) if isinstance(part, str) else part for part in loc)
    return Problem(_shown(message, 300), shown_loc, path=name, line=lines.line_of(loc))
