"""The Argdown export, read back by the real Argdown CLI (`argdown json`).

One CLI run reads every sample (Node is slow to start); each test then checks one
sample's statements, relations, texts, tags and data.
"""

from __future__ import annotations

import json
import random
import re
import subprocess

import pytest

from arguments.model import Debate
from export import ExportOptions, clean, render
from tests.conftest import require_tool
from tests.formats.test_export_samples import SAMPLES, _debate

ARGDOWN_SPECIAL = "\\@#*_[]<>{}.:/=+-()!,;\"' \n\tabc1"


def fuzz_debate(count: int = 300, seed: int = 4) -> Debate:
    """A motion with COUNT children whose texts are random runs of Argdown's own syntax."""
    rng = random.Random(seed)
    claims = [{"id": "root", "text": "Root.", "kind": "thesis"}]
    for i in range(count):
        text = "".join(rng.choice(ARGDOWN_SPECIAL) for _ in range(rng.randint(1, 24)))
        claims.append(
            {"id": f"f{i}", "text": f"x{text}", "parent": "root", "relation": rng.choice(["supports", "opposes"])}
        )
    return _debate({"schema": 1, "title": "Fuzz === {x} ===", "claims": claims})


CASES = {name: build for name, build in SAMPLES.items()} | {"fuzz": fuzz_debate}
OPTIONS = {"trimmed": ExportOptions(depth=1, stances=False, evidence=False)}
"""Cases rendered with options other than the defaults (on the linked debate)."""


@pytest.fixture(scope="module")
def parsed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Debate, dict]]:
    """Each case's debate and what `argdown json` made of its export."""
    argdown = require_tool("argdown")
    work = tmp_path_factory.mktemp("argdown")
    debates = {name: build() for name, build in CASES.items()}
    debates |= {name: SAMPLES["linked"]() for name in OPTIONS}
    for name, debate in debates.items():
        text = render("argdown", debate, OPTIONS.get(name, ExportOptions()))
        (work / f"{name}.argdown").write_text(text, encoding="utf-8")
    out = work / "out"
    run = subprocess.run(
        [argdown, "json", str(work / "*.argdown"), str(out)], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return {name: (debate, json.loads((out / f"{name}.json").read_text("utf-8"))) for name, debate in debates.items()}


def _definition(statement: dict) -> dict:
    (member,) = [m for m in statement["members"] if not m.get("isReference")]
    return member


@pytest.mark.parametrize("name", sorted(CASES))
def test_one_statement_per_claim_and_one_relation_per_edge(parsed, name: str) -> None:
    debate, result = parsed[name]
    assert sorted(result["statements"]) == sorted(c.id for c in debate.claims)
    assert result["arguments"] == {}
    kind = {"supports": "support", "opposes": "attack"}
    expected = [(c.id, c.parent, kind[c.relation]) for c in debate.claims if c.parent and c.relation]
    expected += [(link.from_, link.to, kind[link.relation]) for link in debate.links]
    found = [(r["from"], r["to"], r["relationType"]) for r in result["relations"]]
    assert sorted(found) == sorted(expected)


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_text_arrives_whole_on_one_line(parsed, name: str) -> None:
    debate, result = parsed[name]
    for claim in debate.claims:
        member = _definition(result["statements"][claim.id])
        expected = re.sub(r"[ \t\n]+", " ", clean(claim.text))
        assert member["text"].strip() == expected.strip(), claim.id


@pytest.mark.parametrize("name", ["linked", "hostile"])
def test_kinds_are_tags_and_stances_data(parsed, name: str) -> None:
    debate, result = parsed[name]
    positions: dict[str, dict[str, int]] = {}
    for stance in debate.stances:
        positions.setdefault(stance.claim, {})[stance.stakeholder] = stance.position
    for claim in debate.claims:
        statement = result["statements"][claim.id]
        assert statement["tags"][0] == claim.kind
        data = statement.get("data", {})
        assert data.get("stances", {}) == positions.get(claim.id, {})
        assert data.get("tags", []) == [clean(t) for t in claim.tags]
        assert data.get("closed", False) == (claim.kind == "question" and claim.closed)
        evidence = [e for e in debate.evidence if e.claim == claim.id]
        assert [e["text"] for e in data.get("evidence", [])] == [clean(e.text) for e in evidence]


def test_options_leave_out_stances_evidence_and_deep_claims(parsed) -> None:
    _debate, result = parsed["trimmed"]
    assert sorted(result["statements"]) == [
        "accountability",
        "capacity",
        "merge-cost",
        "motion",
        "second-root",
        "speed",
    ]
    for statement in result["statements"].values():
        assert "stances" not in statement.get("data", {}) and "evidence" not in statement.get("data", {})
    assert len(result["relations"]) == 4 + 1  # tree edges within depth 1, and one link
