"""Shared fixtures: the shared corpus, external tools, and a small hand-made debate."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from textual.pilot import Pilot

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
NODE_BIN = ROOT / "tests" / "node" / "node_modules" / ".bin"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


E2E = ROOT / "tests" / "e2e"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark everything under tests/e2e as `e2e`, so `pytest -m "not e2e"` is the fast loop."""
    for item in items:
        if item.path.is_relative_to(E2E):
            item.add_marker(pytest.mark.e2e)


def require_tool(name: str) -> str:
    """The path of external tool NAME (also looked up in tests/node); skip if missing,
    but fail under CI, where .ci/run must have installed it."""
    found = shutil.which(name) or (str(NODE_BIN / name) if (NODE_BIN / name).exists() else None)
    if found:
        return found
    message = f"{name} is not installed (bash .ci/run installs it)"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


async def press(pilot: Pilot, *keys: str) -> None:
    """Press KEYS, then let the app settle: a key that switches screens takes a frame or
    more since Textual 8, and the test asserts on what the key did."""
    await pilot.press(*keys)
    await pilot.pause()


def require_shared(*parts: str) -> Path:
    """A path under ../shared, or skip with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared corpus is not beside this checkout")
    return path


SMALL_DEBATE = """schema = 1
title = "Small debate"
question = "Should the town build the bridge?"

[[sources]]
id = "report"
citation = "Town Council (2024). Bridge report."

[[stakeholders]]
id = "council"
name = "Town council"
group = "local government"
level = "local"
power = 4
interest = 5

[[stakeholders]]
id = "shops"
name = "Shop owners"
group = "business"
level = "local"
power = 2
interest = 4

[[claims]]
id = "motion"
text = "The town should build the bridge."
kind = "thesis"

[[claims]]
id = "traffic"
text = "The bridge cuts traffic in the centre."
parent = "motion"
relation = "supports"

[[claims]]
id = "cost"
text = "The bridge costs too much."
parent = "motion"
relation = "opposes"

[[claims]]
id = "grants"
text = "Regional grants cover half the cost."
parent = "cost"
relation = "opposes"

[[evidence]]
id = "ev-count"
claim = "traffic"
text = "Traffic counts fall by a third in the model."
source = "report"
locator = "p. 4"
kind = "statistic"
reliability = 4

[[stances]]
stakeholder = "council"
claim = "motion"
position = 2
basis = "stated"
rationale = "Voted for the plan."

[[stances]]
stakeholder = "shops"
claim = "motion"
position = -1
rationale = "Fear the works."
"""


@pytest.fixture
def small_debate_file(tmp_path: Path) -> Path:
    """A small valid debate: motion, two pro/con claims, a rebuttal, evidence, stances."""
    path = tmp_path / "small.toml"
    path.write_text(SMALL_DEBATE, encoding="utf-8")
    return path
