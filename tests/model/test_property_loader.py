"""Whatever text, bytes or values a file holds, the loader answers with a debate or a
`DebateError` whose problems are one safe line each, pointing at a line of the file."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arguments import toml_writer
from arguments.display import is_hidden_control
from arguments.model import RECORD_TYPES, Debate
from arguments.problems import DebateError
from arguments.storage import backup_path, decode, dumps_debate, parse_debate, read_text
from arguments.workfile import WorkFile
from tests.strategies import debates

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ON_DISK = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

KEYS = sorted(
    {"schema", "title", "question", "description", *RECORD_TYPES}
    | {name for model in RECORD_TYPES.values() for name in (*model.model_fields, "from")}
)
"""Keys the model knows, so that generated input reaches validation, not just the parser."""


def loads_or_refuses(text: str, fmt: str) -> Debate | None:
    """Parse TEXT; a refusal must be a `DebateError` of well-formed problems."""
    try:
        return parse_debate(text, f"fuzz.{fmt}", fmt)
    except DebateError as exc:
        assert exc.problems
        last_line = text.count("\n") + text.count("\r") + 1
        for problem in exc.problems:
            shown = str(problem)
            assert "\n" not in shown and "\r" not in shown
            assert not any(is_hidden_control(ch) for ch in shown)
            assert problem.line is None or 1 <= problem.line <= last_line, (problem, last_line)
        return None


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(),
    st.text(st.characters(categories=["Cs"]), min_size=1, max_size=3),
)
keys = st.one_of(st.sampled_from(KEYS), st.text(max_size=12))
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=5)),
    max_leaves=30,
)


@FUZZ
@given(text=st.text())
def test_any_text_as_toml(text: str) -> None:
    loads_or_refuses(text, "toml")


@FUZZ
@given(text=st.text())
def test_any_text_as_json(text: str) -> None:
    loads_or_refuses(text, "json")


@FUZZ
@given(value=json_values, ascii_only=st.booleans(), indent=st.sampled_from([None, 1]))
def test_any_json_value(value: object, ascii_only: bool, indent: int | None) -> None:
    text = json.dumps(value, ensure_ascii=ascii_only, indent=indent, allow_nan=True)
    if not ascii_only:
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return  # a lone surrogate written raw cannot be in a file; escaped, it is tested
    loads_or_refuses(text, "json")


toml_scalars = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(),
    st.text(st.characters(exclude_categories=["Cs"])),
)
toml_fields = st.dictionaries(keys, st.one_of(toml_scalars, st.lists(toml_scalars, max_size=3)), max_size=6)
toml_records = st.lists(
    st.one_of(
        toml_fields,
        st.builds(lambda f, subs: {**f, "positions": subs}, toml_fields, st.lists(toml_fields, min_size=1, max_size=2)),
    ),
    min_size=1,
    max_size=3,
)
toml_documents = st.dictionaries(
    keys, st.one_of(toml_scalars, st.lists(toml_scalars, max_size=3), toml_records), max_size=8
)


@FUZZ
@given(document=toml_documents)
def test_any_toml_document(document: dict) -> None:
    loads_or_refuses(toml_writer.dumps(document), "toml")


@FUZZ
@given(data=st.binary(max_size=300), fmt=st.sampled_from(["toml", "json"]))
def test_any_bytes(data: bytes, fmt: str) -> None:
    try:
        text = decode(data, f"fuzz.{fmt}")
    except DebateError as exc:
        assert all(p.line is not None and p.line >= 1 for p in exc.problems)
        return
    loads_or_refuses(text, fmt)


@ON_DISK
@given(data=st.binary(max_size=300), bom=st.booleans())
def test_any_bytes_read_from_a_file(data: bytes, bom: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "fuzz.toml")
        raw = (b"\xef\xbb\xbf" if bom else b"") + data
        path.write_bytes(raw)
        try:
            text = read_text(path)
        except DebateError:
            return
        assert text == raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
        loads_or_refuses(text, "toml")


@ON_DISK
@given(first=debates(max_claims=6), second=debates(max_claims=6), fmt=st.sampled_from(["toml", "json"]))
def test_saving_through_a_workfile_is_lossless_and_keeps_the_previous_version(
    first: Debate, second: Debate, fmt: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, f"debate.{fmt}")
        path.write_text(dumps_debate(first, fmt), encoding="utf-8")
        work = WorkFile(path)
        assert work.load() == first
        work.save(second)
        saved = path.read_bytes()
        assert WorkFile(path).load() == second
        assert saved == dumps_debate(second, fmt).encode("utf-8")
        if first != second:
            assert parse_debate(backup_path(path).read_text("utf-8"), "backup", fmt) == first
        work.save(WorkFile(path).load())
        assert path.read_bytes() == saved
        assert sorted(os.listdir(folder)) in ([f".debate.{fmt}.bak", f"debate.{fmt}"], [f"debate.{fmt}"])
