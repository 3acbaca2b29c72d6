"""The fast reader turns key lines into JSON by plain replacements when no string holds
` = `, and by a regex when one does: both ways must read what tomli reads, and refuse a key
given twice, in every piece of a file read a chunk at a time."""

from __future__ import annotations

import pytest
import tomli

from arguments import toml_writer
from arguments.model import Claim, Debate, Scenario
from arguments.problems import DebateError
from arguments.storage import dumps_debate, read_debate
from tests.model.test_canonical_reader import reference

# Texts that look like the syntax the replacements match: a key line's ` = `, a header's
# brackets, the JSON the lines become, escapes.
TRICKY = [
    "x = 1",
    "a = b = c",
    "]]",
    "[[claims]]",
    '"": 0',
    '},"claims",{"',
    '": ',
    ',"',
    "line\nbreak and\ttab",
    'quote " and \\ backslash',
    "ends with ]]",
]


def tricky_debate(texts: list[str]) -> Debate:
    claims = [Claim(id="motion", text="Motion", kind="thesis")]
    claims += [
        Claim(id=f"c{i}", text=t, parent="motion", relation="supports", notes=t, tags=[t]) for i, t in enumerate(texts)
    ]
    return Debate(title="Title = with equals", question=" = ", claims=claims)


@pytest.mark.parametrize("texts", [TRICKY, [t for t in TRICKY if " = " not in t]], ids=["with-equals", "without"])
@pytest.mark.parametrize("chunk", [None, 1, 60])
def test_texts_like_the_syntax_read_as_tomli_reads_them(tmp_path, monkeypatch, texts, chunk):
    debate = tricky_debate(texts)
    text = dumps_debate(debate)
    if chunk:
        monkeypatch.setattr(toml_writer, "CHUNK", chunk)
    assert toml_writer.loads_canonical(text) == tomli.loads(text)  # read by the fast reader, not refused
    path = tmp_path / "d.toml"
    path.write_text(text, encoding="utf-8")
    assert read_debate(path) == debate


@pytest.mark.parametrize("equals_in_a_string", [False, True])
@pytest.mark.parametrize("chunk", [None, 1])
def test_a_key_given_twice_is_refused_with_its_line(tmp_path, monkeypatch, equals_in_a_string, chunk):
    debate = tricky_debate(["a = b"] if equals_in_a_string else ["plain"])
    text = dumps_debate(debate).replace('id = "c0"\n', 'id = "c0"\nid = "c0"\n')
    if chunk:
        monkeypatch.setattr(toml_writer, "CHUNK", chunk)
    assert toml_writer.loads_canonical(text) is None
    path = tmp_path / "d.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DebateError) as caught:
        read_debate(path)
    line = text.splitlines().index('id = "c0"') + 2
    assert f"d.toml:{line}:" in str(caught.value)


def test_a_table_without_keys_reads_as_tomli_reads_it(tmp_path):
    text = dumps_debate(tricky_debate(["plain"])) + "\n[[links]]\n"
    assert toml_writer.loads_canonical(text) in (None, tomli.loads(text))
    path = tmp_path / "d.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DebateError, match="missing required key"):
        read_debate(path)


@pytest.mark.parametrize("texts", [["plain", "words"], ["a = b", "plain"]], ids=["json-path", "equals-in-a-string"])
def test_pieces_of_one_table_are_validated_from_json_as_from_dicts(monkeypatch, texts):
    from arguments import loading

    debate = tricky_debate(texts)
    debate.scenarios = [
        Scenario(id="s", name="What if", positions=[{"stakeholder": "x", "claim": "c0", "position": 1}])
    ]
    text = dumps_debate(debate)
    as_json: list[str] = []

    def spy(table: str, records: str):
        out = loading._validated_json(table, records)
        if out is not None:
            as_json.append(table)
        return out

    monkeypatch.setattr(toml_writer, "CHUNK", 1)
    tables = toml_writer.loads_canonical(text, loading._validated_records, spy)
    assert tables is not None and Debate.model_validate(tables) == debate == Debate.model_validate(tomli.loads(text))
    # Every claim (one a piece) came as JSON, but the one whose strings hold " = "; the
    # scenario, whose positions are nested tables, never does.
    assert as_json == ["claims"] * (1 + sum(" = " not in t for t in texts))


BASE = (
    'title = "t"\n\n[[stakeholders]]\nid = "s"\nname = "S"\n\n[[claims]]\nid = "m"\ntext = "M"\n\n'
    '[[claims]]\nid = "c"\ntext = "C"\nparent = "m"\nrelation = "supports"\n'
)
STANCE = '\n[[stances]]\nstakeholder = "s"\nclaim = "m"\n'
# Hand-edited values pydantic's lax mode might take differently from JSON and from dicts.
EDITED = {
    "bool from string": ('relation = "supports"\n', 'relation = "supports"\nclosed = "true"\n'),
    "bool from 1": ('relation = "supports"\n', 'relation = "supports"\nclosed = 1\n'),
    "bool from 2": ('relation = "supports"\n', 'relation = "supports"\nclosed = 2\n'),
    "escapes": ('text = "C"', 'text = "a\\u0000b\\b\\f\\t\\r\\n\\"\\\\ é 😀 \\u00e9 \\u007f"'),
    "ints as tags": ('relation = "supports"\n', 'relation = "supports"\ntags = [1, 2]\n'),
    "empty tag": ('relation = "supports"\n', 'relation = "supports"\ntags = [""]\n'),
    "int as a kind": ('relation = "supports"\n', 'relation = "supports"\nkind = 1\n'),
    "int as text": ('relation = "supports"\n', 'relation = "supports"\nnotes = 5\n'),
    "bool as text": ('relation = "supports"\n', 'relation = "supports"\nnotes = true\n'),
    "empty parent": ('parent = "m"', 'parent = ""'),
    "minus zero": ("", STANCE + "position = -0\n"),
    "int from string": ("", STANCE + 'position = "2"\n'),
    "int from bool": ("", STANCE + "position = true\n"),
    "int out of range": ("", STANCE + "position = 999999999999999999\n"),
    "empty optional": ("", '\n[[sources]]\nid = "src"\ncitation = "x"\nurl = ""\n'),
    "unknown table": ("", '\n[[foo]]\nid = "x"\n'),
}


@pytest.mark.parametrize("edit", EDITED.values(), ids=EDITED.keys())
def test_hand_edited_values_read_one_record_a_piece_as_tomli_and_the_model_read_them(tmp_path, monkeypatch, edit):
    old, new = edit
    text = BASE.replace(old, new, 1) if old else BASE + new
    monkeypatch.setattr(toml_writer, "CHUNK", 1)  # every record alone in its piece: read as JSON
    path = tmp_path / "d.toml"
    path.write_text(text, encoding="utf-8")
    try:
        got = read_debate(path)
    except DebateError:
        got = None
    assert got == reference(text)
