"""Every integrity rule, as `debatemap check` reports it: file, line, field and message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from arguments.storage import parse_debate, to_data
from tests.conftest import SMALL_DEBATE
from tui.cli import cli

PATTERN = "^[a-z0-9][a-z0-9_-]{0,79}$"


def run_check(path: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout.splitlines()


HEADER = "header above: "
"""Needle prefix: the problem is on the record's `[[table]]` header, as the key is absent."""


def line_of(text: str, needle: str) -> int:
    """The number of the one line of TEXT that contains NEEDLE (see HEADER)."""
    if needle.startswith(HEADER):
        return line_of(text, needle[len(HEADER) :]) - 1
    found = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(found) == 1, f"{needle!r} is on lines {found}"
    return found[0]


def claim(cid: str, *lines: str) -> str:
    return f'\n[[claims]]\nid = "{cid}"\n' + "".join(f"{line}\n" for line in lines)


STANCE_EV = '\n[[stances]]\nstakeholder = "shops"\nclaim = "cost"\nposition = -2\nevidence = ["ev-count", "ev-gone"]\n'
CASES = [
    # name, text added to the small debate, the line's needle, field, message
    (
        "duplicate id across tables",
        '\n[[claims]]\nid = "council"  # again\ntext = "dup"\n',
        'id = "council"  # again',
        "claims[4].id",
        'id "council" is already used by stakeholders[0]',
    ),
    (
        "id not a slug",
        claim("Bad Id", 'text = "x"'),
        'id = "Bad Id"',
        "claims[4].id",
        f"String should match pattern '{PATTERN}' (got 'Bad Id')",
    ),
    (
        "missing parent",
        claim("orphan", 'text = "x"', 'parent = "nowhere"', 'relation = "supports"'),
        'parent = "nowhere"',
        "claims[4].parent",
        'no claim with id "nowhere"',
    ),
    (
        "self parent",
        claim("loop", 'text = "x"', 'parent = "loop"', 'relation = "supports"'),
        'parent = "loop"',
        "claims[4].parent",
        'claim "loop" is its own parent',
    ),
    (
        "relation without parent",
        claim("root2", 'text = "x"', 'relation = "opposes"  # here'),
        'relation = "opposes"  # here',
        "claims[4].relation",
        "a relation needs a parent (roots have neither)",
    ),
    (
        "parent without relation",
        claim("kid", 'text = "x"', 'parent = "cost"  # here'),
        'parent = "cost"  # here',
        "claims[4].parent",
        "a claim with a parent needs a relation: supports or opposes",
    ),
    ("blank claim text", claim("blank", 'text = "   "'), 'text = "   "', "claims[4].text", "the text is blank"),
    (
        "empty claim text",
        claim("empty", 'text = ""'),
        'text = ""',
        "claims[4].text",
        "String should have at least 1 character (got '')",
    ),
    (
        "claim without text",
        claim("no-text", 'kind = "claim"'),
        HEADER + 'id = "no-text"',
        "claims[4].text",
        "missing required key",
    ),
    (
        "unknown claim kind",
        claim("odd", 'text = "x"', 'kind = "rumour"'),
        'kind = "rumour"',
        "claims[4].kind",
        "Input should be 'thesis', 'claim' or 'question' (got 'rumour')",
    ),
    (
        "unknown key",
        claim("extra", 'text = "x"', 'colour = "red"'),
        'colour = "red"',
        "claims[4].colour",
        "unknown key",
    ),
    (
        "link from missing",
        '\n[[links]]\nfrom = "ghost"\nto = "cost"\nrelation = "supports"\n',
        'from = "ghost"',
        "links[0].from",
        'no claim with id "ghost"',
    ),
    (
        "link to missing",
        '\n[[links]]\nfrom = "traffic"\nto = "ghost"\nrelation = "supports"\n',
        'to = "ghost"',
        "links[0].to",
        'no claim with id "ghost"',
    ),
    (
        "evidence claim missing",
        '\n[[evidence]]\nid = "ev-2"\nclaim = "ghost"\ntext = "x"\n',
        'claim = "ghost"',
        "evidence[1].claim",
        'no claim with id "ghost"',
    ),
    (
        "evidence source missing",
        '\n[[evidence]]\nid = "ev-2"\nclaim = "cost"\ntext = "x"\nsource = "ghost"\n',
        'source = "ghost"',
        "evidence[1].source",
        'no source with id "ghost"',
    ),
    (
        "blank evidence text",
        '\n[[evidence]]\nid = "ev-2"\nclaim = "cost"\ntext = " \\t "\n',
        'text = " \\t "',
        "evidence[1].text",
        "the text is blank",
    ),
    (
        "reliability below range",
        '\n[[evidence]]\nid = "ev-2"\nclaim = "cost"\ntext = "x"\nreliability = 0\n',
        "reliability = 0",
        "evidence[1].reliability",
        "Input should be greater than or equal to 1 (got 0)",
    ),
    (
        "stance stakeholder missing",
        '\n[[stances]]\nstakeholder = "ghost"\nclaim = "cost"\nposition = 1\n',
        'stakeholder = "ghost"',
        "stances[2].stakeholder",
        'no stakeholder with id "ghost"',
    ),
    (
        "stance claim missing",
        '\n[[stances]]\nstakeholder = "shops"\nclaim = "ghost"\nposition = 1\n',
        'claim = "ghost"',
        "stances[2].claim",
        'no claim with id "ghost"',
    ),
    (
        "stance evidence missing",
        STANCE_EV,
        'evidence = ["ev-count", "ev-gone"]',
        "stances[2].evidence[1]",
        'no evidence with id "ev-gone"',
    ),
    (
        "position above range",
        '\n[[stances]]\nstakeholder = "shops"\nclaim = "cost"\nposition = 4\n',
        "position = 4",
        "stances[2].position",
        "Input should be less than or equal to 3 (got 4)",
    ),
    (
        "duplicate stance",
        '\n[[stances]]\nstakeholder = "council"\nclaim = "motion"  # again\nposition = 1\n',
        'claim = "motion"  # again',
        "stances[2].claim",
        '"council" already has a stance on "motion" (stances[0])',
    ),
    (
        "power above range",
        '\n[[stakeholders]]\nid = "army"\nname = "Army"\npower = 6\n',
        "power = 6",
        "stakeholders[2].power",
        "Input should be less than or equal to 5 (got 6)",
    ),
    (
        "power not finite",
        '\n[[stakeholders]]\nid = "army"\nname = "Army"\npower = nan\n',
        "power = nan",
        "stakeholders[2].power",
        "Input should be a finite number (got nan)",
    ),
    (
        "interest not a number",
        '\n[[stakeholders]]\nid = "army"\nname = "Army"\ninterest = "high"\n',
        'interest = "high"',
        "stakeholders[2].interest",
        "Input should be a valid integer, unable to parse string as an integer (got 'high')",
    ),
    (
        "stance change stakeholder missing",
        '\n[[stance_changes]]\nat = "2026-01-01"\nstakeholder = "ghost"\nclaim = "cost"\nto = 1\n',
        'stakeholder = "ghost"',
        "stance_changes[0].stakeholder",
        'no stakeholder with id "ghost"',
    ),
    (
        "coalition member missing",
        '\n[[coalitions]]\nid = "allies"\nname = "Allies"\nmembers = ["council", "ghost"]\n',
        'members = ["council", "ghost"]',
        "coalitions[0].members[1]",
        'no stakeholder with id "ghost"',
    ),
    (
        "scenario dropped claim missing",
        '\n[[scenarios]]\nid = "what-if"\nname = "What if"\ndropped = ["ghost"]\n',
        'dropped = ["ghost"]',
        "scenarios[0].dropped[0]",
        'no claim with id "ghost"',
    ),
    (
        "scenario position stakeholder missing",
        '\n[[scenarios]]\nid = "what-if"\nname = "What if"\n\n[[scenarios.positions]]\nstakeholder = "ghost"\nclaim = "cost"\nposition = 1\n',
        'stakeholder = "ghost"',
        "scenarios[0].positions[0].stakeholder",
        'no stakeholder with id "ghost"',
    ),
    (
        "scenario power stakeholder missing",
        '\n[[scenarios]]\nid = "what-if"\nname = "What if"\n\n[[scenarios.powers]]\nstakeholder = "ghost"\npower = 2\n',
        'stakeholder = "ghost"',
        "scenarios[0].powers[0].stakeholder",
        'no stakeholder with id "ghost"',
    ),
]


@pytest.mark.parametrize("added, needle, field, message", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_rule_names_line_field_and_reason(
    tmp_path: Path, added: str, needle: str, field: str, message: str
) -> None:
    text = SMALL_DEBATE + added
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    status, lines = run_check(path)
    assert status == 1
    assert lines == [f"{path}:{line_of(text, needle)}: {field}: {message}"]


def test_blank_title(tmp_path: Path) -> None:
    text = SMALL_DEBATE.replace('title = "Small debate"', 'title = "  "')
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    assert run_check(path) == (1, [f"{path}:2: title: the title is blank"])


def test_unknown_top_level_key(tmp_path: Path) -> None:
    text = SMALL_DEBATE.replace("schema = 1\n", "schema = 1\nversion = 3\n")
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    assert run_check(path) == (1, [f"{path}:2: version: unknown key"])


def test_a_parent_cycle_is_reported_once_with_its_path(tmp_path: Path) -> None:
    added = (
        claim("a", 'text = "A"', 'parent = "c"', 'relation = "supports"')
        + claim("b", 'text = "B"', 'parent = "a"', 'relation = "supports"')
        + claim("c", 'text = "C"', 'parent = "b"  # closes the loop', 'relation = "opposes"')
    )
    text = SMALL_DEBATE + added
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    status, lines = run_check(path)
    assert status == 1
    where = line_of(text, 'parent = "c"')
    assert lines == [f"{path}:{where}: claims[4].parent: the parents form a cycle: a -> c -> b -> a"]


def test_a_tree_deeper_than_200_levels_is_refused_at_the_first_claim_too_deep(tmp_path: Path) -> None:
    chain = "".join(
        claim(
            f"d{i}",
            f'text = "level {i}"',
            "parent = " + (f'"d{i - 1}"' if i > 1 else '"motion"'),
            'relation = "supports"',
        )
        for i in range(1, 203)
    )
    text = SMALL_DEBATE + chain
    path = tmp_path / "deep.toml"
    path.write_text(text, encoding="utf-8")
    status, lines = run_check(path)
    assert status == 1
    where = line_of(text, 'parent = "d200"')
    assert lines == [f"{path}:{where}: claims[204].parent: the claim sits 201 levels deep; at most 200 are allowed"]


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path) -> None:
    added = CASES[2][1] + CASES[17][1] + CASES[11][1]
    text = SMALL_DEBATE + added
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    status, lines = run_check(path)
    assert status == 1
    parent, stakeholder, link = (
        line_of(text, n) for n in ('parent = "nowhere"', 'stakeholder = "ghost"', 'from = "ghost"')
    )
    assert lines == [
        f'{path}:{parent}: claims[4].parent: no claim with id "nowhere"',
        f'{path}:{link}: links[0].from: no claim with id "ghost"',
        f'{path}:{stakeholder}: stances[2].stakeholder: no stakeholder with id "ghost"',
    ]


@pytest.mark.parametrize(
    "text, line, reason",
    [
        ('schema = 1\ntitle = "unterminated\n', 2, "Illegal character '\\n'"),
        ('schema = 1\ntitle = "x"\ntitle = "y"\n', 3, "Cannot overwrite a value"),
        ('schema = 1\ntitle = "x"\n\n[[claims]\nid = "a"\n', 4, "Expected ']]' at the end of an array declaration"),
    ],
    ids=["unterminated string", "duplicate key", "broken header"],
)
def test_toml_syntax_errors_name_their_line(tmp_path: Path, text: str, line: int, reason: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    assert run_check(path) == (1, [f"{path}:{line}: not valid TOML: {reason}"])


def small_json() -> dict:
    return to_data(parse_debate(SMALL_DEBATE, "small.toml"))


def write_json(tmp_path: Path, data: dict) -> tuple[Path, str]:
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    return path, text


def test_a_valid_json_debate_passes(tmp_path: Path) -> None:
    path, _ = write_json(tmp_path, small_json())
    assert run_check(path) == (0, [f"{path}: ok"])


def test_json_reference_errors_name_their_line(tmp_path: Path) -> None:
    data = small_json()
    data["claims"][3]["parent"] = "nowhere"
    data["stances"][1]["position"] = -5
    data["evidence"][0]["weight"] = 2
    path, text = write_json(tmp_path, data)
    status, lines = run_check(path)
    assert status == 1
    # Key and range errors come first; reference errors wait until the records are valid.
    assert lines == [
        f"{path}:{line_of(text, 'weight')}: evidence[0].weight: unknown key",
        f"{path}:{line_of(text, '-5')}: stances[1].position: Input should be greater than or equal to -3 (got -5)",
    ]


def test_json_integrity_errors_name_their_line(tmp_path: Path) -> None:
    data = small_json()
    data["claims"][3]["parent"] = "nowhere"
    data["claims"][2]["id"] = "council"
    data["claims"][2].pop("relation")
    path, text = write_json(tmp_path, data)
    status, lines = run_check(path)
    assert status == 1
    dup = text.count("\n", 0, text.index('"council"', text.index('"claims"'))) + 1
    parent_line = text.count("\n", 0, text.index('"parent"', text.index('"council"', text.index('"claims"')))) + 1
    assert lines == [
        f'{path}:{dup}: claims[2].id: id "council" is already used by stakeholders[0]',
        f"{path}:{parent_line}: claims[2].parent: a claim with a parent needs a relation: supports or opposes",
        f'{path}:{line_of(text, "nowhere")}: claims[3].parent: no claim with id "nowhere"',
    ]


@pytest.mark.parametrize(
    "text, line, reason",
    [
        ('{"schema": 1,\n "title": "x",\n}\n', 3, "Expecting property name enclosed in double quotes"),
        ('{"schema": 1,\n "title": "x"\n "question": "y"}\n', 3, "Expecting ',' delimiter"),
        ('{"schema": 1,\n "title": NaN}\n', 2, None),
    ],
    ids=["trailing comma", "missing comma", "NaN"],
)
def test_json_syntax_errors_name_their_line(tmp_path: Path, text: str, line: int, reason: str | None) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    message = f"not valid JSON: {reason}" if reason else "NaN is not a number a debate may hold"
    assert run_check(path) == (1, [f"{path}:{line}: {message}"])
