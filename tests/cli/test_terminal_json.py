"""JSON outputs that may reach a terminal escape every control and format character
(categories Cc and Cf) and still parse back to exactly the same strings."""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

import pytest

from arguments.model import Scenario, StanceChange
from arguments.storage import dumps_debate, parse_debate
from arguments.terminal_json import UNSAFE, json_dumps_terminal_safe
from tests.cli.test_cli import debatemap
from tests.conftest import SMALL_DEBATE

NASTY = "a\u009b31mb\u202ec\u001b[2Jd\u2066e\u2069f\u200eg\u200fh\x7fi\u00adj\U000e0041k\u200dl"


def raw_controls(text: str) -> list[str]:
    """The characters of TEXT a terminal might act on (newline, the JSON indentation, aside)."""
    return sorted({c for c in text if c != "\n" and unicodedata.category(c) in ("Cc", "Cf")})


@pytest.fixture
def nasty_file(tmp_path: Path) -> Path:
    debate = parse_debate(SMALL_DEBATE)
    debate.claims[1].text = NASTY
    debate.stakeholders[1].name = NASTY
    debate.stance_changes = [
        StanceChange.model_validate(
            {"at": "2026-11-20", "stakeholder": "shops", "claim": "traffic", "from": None, "to": -1, "note": NASTY}
        )
    ]
    debate.scenarios = [
        Scenario.model_validate({"id": "odd", "name": NASTY, "powers": [{"stakeholder": "council", "power": 2}]})
    ]
    path = tmp_path / "nasty.toml"
    path.write_text(dumps_debate(debate), encoding="utf-8")
    return path


def test_every_control_and_format_character_is_escaped() -> None:
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if char != "\n" and unicodedata.category(char) in ("Cc", "Cf"):
            assert UNSAFE.fullmatch(char), f"U+{code:04X} is not escaped"
    every = "".join(chr(c) for c in range(0x2FFFF) if unicodedata.category(chr(c)) in ("Cc", "Cf"))
    text = json_dumps_terminal_safe({"k": [every, NASTY]})
    assert raw_controls(text) == [] and json.loads(text) == {"k": [every, NASTY]}


def test_export_json_escapes_controls(nasty_file: Path) -> None:
    out = debatemap("export", str(nasty_file), "-f", "json").stdout
    assert raw_controls(out) == []
    data = json.loads(out)
    assert data["claims"][1]["text"] == NASTY and data["stakeholders"][1]["name"] == NASTY
    assert parse_debate(out, fmt="json") == parse_debate(nasty_file.read_text(encoding="utf-8"))


def test_diff_json_escapes_controls(nasty_file: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.toml"
    old.write_text(SMALL_DEBATE, encoding="utf-8")
    out = debatemap("diff", str(old), str(nasty_file), "--format", "json").stdout
    assert raw_controls(out) == []
    assert NASTY in strings(json.loads(out))


def strings(data: object) -> list[str]:
    """Every string value in DATA, however deep."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        data = list(data.values())
    return [s for item in data for s in strings(item)] if isinstance(data, list) else []


def test_shifts_json_escapes_controls(nasty_file: Path) -> None:
    out = debatemap("shifts", str(nasty_file), "--json").stdout
    assert raw_controls(out) == []
    [shift] = json.loads(out)
    assert shift["notes"] == [NASTY] and shift["claim_text"] == NASTY and shift["stakeholder_name"] == NASTY


def test_analyze_json_escapes_controls(nasty_file: Path) -> None:
    out = debatemap("analyze", str(nasty_file), "--json", "--scenario", "odd").stdout
    assert raw_controls(out) == []
    assert NASTY in strings(json.loads(out))
