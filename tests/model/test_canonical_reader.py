"""The fast reader for canonical TOML must agree with tomli on every text it accepts.

`read_debate` takes a shortcut for files in the form `fmt` writes; anything else goes
through tomli. Whatever the path, the outcome must be the one tomli + the model give: the
same debate, or a refusal.
"""

from __future__ import annotations

from contextlib import contextmanager

import pytest
import tomli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arguments.integrity import check_integrity
from arguments.model import Debate
from arguments.problems import DebateError
from arguments.storage import dumps_debate, read_debate
from tests.strategies import debates

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


def reference(text: str) -> Debate | None:
    """What tomli and the model make of TEXT: a checked debate, or None for a refusal."""
    try:
        debate = Debate.model_validate(tomli.loads(text))
    except Exception:  # noqa: BLE001 - any refusal counts as one
        return None
    return None if check_integrity(debate) else debate


def read(tmp_path, text: str) -> Debate | None:
    path = tmp_path / "d.toml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        return read_debate(path)
    except DebateError:
        return None


@SETTINGS
@given(debates(), st.sampled_from([None, 1, 40, 300]))
def test_a_canonical_file_reads_as_tomli_reads_it(tmp_path_factory, debate, chunk):
    text = dumps_debate(debate)
    with small_pieces(chunk):
        assert read(tmp_path_factory.mktemp("c"), text) == reference(text) == debate


@contextmanager
def small_pieces(chunk: int | None):
    """Read in pieces of CHUNK characters, so that cutting a file is tested on small ones."""
    from arguments import toml_writer

    saved = toml_writer.CHUNK
    toml_writer.CHUNK = chunk or saved
    try:
        yield
    finally:
        toml_writer.CHUNK = saved


EDITS = st.sampled_from(
    [
        '"',
        "\\",
        "\n",
        " ",
        "=",
        "[",
        "]",
        "#",
        "\t",
        "'",
        "0",
        "-",
        "x",
        "\x7f",
        "\x00",
        "é",
        "\\u0000",
        "\\ud800",
        "[[claims]]\n",
        "\n[[claims.tags]]\n",
        'id = "dup"\n',
        "1e3",
        "true",
        "999999999999999999999",
    ]
)


@pytest.mark.slow
@SETTINGS
@given(
    debates(max_claims=5),
    st.lists(st.tuples(st.floats(0, 1), st.integers(0, 3), EDITS), min_size=1, max_size=3),
    st.sampled_from([None, 1, 40, 300]),
)
def test_an_edited_canonical_file_reads_as_tomli_reads_it(tmp_path_factory, debate, edits, chunk):
    text = dumps_debate(debate)
    for where, drop, insert in edits:
        at = int(where * len(text))
        text = text[:at] + insert + text[at + drop :]
    with small_pieces(chunk):
        assert read(tmp_path_factory.mktemp("e"), text) == reference(text)


def test_a_comment_opening_a_canonical_file_is_kept(tmp_path):
    from tests.conftest import SMALL_DEBATE

    path = tmp_path / "d.toml"
    path.write_text("# kept by the clerk\n" + SMALL_DEBATE, encoding="utf-8")
    assert dumps_debate(read_debate(path)).startswith("# kept by the clerk\n\nschema = 1\n")
    canonical = dumps_debate(read_debate(path)).split("\n\n", 1)[1]
    path.write_text("#:schema ./debate.schema.json\n" + canonical, encoding="utf-8")
    assert dumps_debate(read_debate(path)) == path.read_text()  # the editor's line is no comment
