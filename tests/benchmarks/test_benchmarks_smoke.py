"""The benchmark generator makes valid debates and an equivalent Argdown map (no timing)."""

import json
import subprocess

from arguments.storage import read_debate
from benchmarks.generate import write_all
from tests.conftest import require_tool


def test_generated_debate_loads_in_every_form(tmp_path):
    paths = write_all(100, tmp_path)
    debate = read_debate(paths["toml"])
    assert len(debate.claims) == 100
    assert read_debate(paths["json"]) == debate
    kialo_claims = [ln for ln in paths["kialo"].read_text().splitlines() if ln[:1].isdigit()]
    assert len(kialo_claims) == 100


def test_generated_argdown_has_one_statement_per_claim(tmp_path):
    argdown = require_tool("argdown")
    paths = write_all(100, tmp_path)
    subprocess.run(
        [argdown, "json", str(paths["argdown"]), str(tmp_path)], check=True, capture_output=True, timeout=120
    )
    data = json.loads((tmp_path / "debate-100.json").read_text())
    assert len(data["statements"]) == 100
