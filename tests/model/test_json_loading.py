"""A JSON debate (or a hand-written TOML one) is validated a table at a time and its text
let go once parsed: every problem must still be found, in every table, at its line; and a
100,000-claim debate (87 MiB in JSON) is under the size limit."""

from __future__ import annotations

import json
import os

from arguments.file_limits import MAX_FILE_BYTES
from arguments.storage import read_debate
from tests.cli.test_cli import debatemap

DEBATE = {
    "title": "Bridge",
    "stakeholders": [{"id": "council", "name": "Town council"}],
    "claims": [
        {"id": "motion", "text": "Build the bridge.", "kind": "thesis"},
        {"id": "cost", "text": "It costs too much.", "parent": "motion", "relation": "opposes"},
    ],
    "evidence": [{"id": "ev", "claim": "cost", "text": "The budget is 2 M."}],
    "stances": [{"stakeholder": "council", "claim": "motion", "position": 2}],
}


def write_json(path, data) -> list[str]:
    text = json.dumps(data, indent=2)
    path.write_text(text, encoding="utf-8")
    return text.splitlines()


def line_of(lines: list[str], needle: str, after: int = 0) -> int:
    return next(i for i, line in enumerate(lines, 1) if i > after and needle in line)


def test_a_sound_json_debate_reads_as_its_toml_twin(tmp_path):
    write_json(tmp_path / "d.json", DEBATE)
    debate = read_debate(tmp_path / "d.json")
    assert [c.id for c in debate.claims] == ["motion", "cost"]
    assert debate.stances[0].position == 2 and debate.evidence[0].claim == "cost"


def test_problems_in_several_tables_are_all_found_at_their_lines(tmp_path):
    data = json.loads(json.dumps(DEBATE))
    data["claims"][1]["relation"] = "sideways"
    data["evidence"][0]["reliability"] = 9
    data["stances"][0]["position"] = 7
    path = tmp_path / "d.json"
    lines = write_json(path, data)
    done = debatemap("check", str(path), expect=1)
    for needle, where in [
        ('"sideways"', "claims[1].relation"),
        ('"reliability": 9', "evidence[0].reliability"),
        ('"position": 7', "stances[0].position"),
    ]:
        assert f"{path}:{line_of(lines, needle)}: {where}" in done.stdout


def test_a_reference_problem_is_found_at_its_line(tmp_path):
    data = json.loads(json.dumps(DEBATE))
    data["stances"][0]["claim"] = "nowhere"
    path = tmp_path / "d.json"
    lines = write_json(path, data)
    done = debatemap("check", str(path), expect=1)
    line = line_of(lines, '"nowhere"')
    assert f'{path}:{line}: stances[0].claim: no claim with id "nowhere"' in done.stdout


def test_a_file_of_100000_claims_is_under_the_limit(tmp_path):
    # 100,000 claims are 87 MiB in JSON (benchmarks/generate.py); the file's size is all
    # that is checked first, so a sparse file of that size gets past it to its content.
    path = tmp_path / "big.json"
    with open(path, "wb") as out:
        out.truncate(87 * 2**20)
    done = debatemap("check", str(path), expect=1)
    assert "NUL byte" in done.stdout and "larger than" not in done.stdout
    os.truncate(path, MAX_FILE_BYTES + 1)
    assert f"larger than {MAX_FILE_BYTES // 2**20} MiB" in debatemap("check", str(path), expect=1).stdout
