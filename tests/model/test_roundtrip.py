"""Load -> save -> load is lossless and saving is byte-stable, over generated debates."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from arguments.model import Claim, Debate
from arguments.storage import dumps_debate, parse_debate, read_debate, write_debate
from tests.strategies import HOSTILE, debates

ROUND_TRIP = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("fmt", ["toml", "json"])
@ROUND_TRIP
@given(debate=debates())
def test_dump_then_parse_gives_the_same_debate(fmt: str, debate: Debate) -> None:
    text = dumps_debate(debate, fmt)
    assert parse_debate(text, f"gen.{fmt}", fmt) == debate


@pytest.mark.parametrize("fmt", ["toml", "json"])
@ROUND_TRIP
@given(debate=debates())
def test_saving_twice_gives_the_same_bytes(fmt: str, debate: Debate) -> None:
    first = dumps_debate(debate, fmt)
    second = dumps_debate(parse_debate(first, f"gen.{fmt}", fmt), fmt)
    assert second.encode("utf-8") == first.encode("utf-8")


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_every_hostile_string_survives_a_save_to_disk(tmp_path: Path, fmt: str) -> None:
    claims = [Claim(id="motion", text="Motion", kind="thesis")]
    claims += [
        Claim(id=f"c{i}", text=f"x{text}", parent="motion", relation="supports", notes=text)
        for i, text in enumerate(HOSTILE)
    ]
    debate = Debate(title="Hostile", description="".join(HOSTILE), claims=claims)
    path = tmp_path / f"hostile.{fmt}"
    write_debate(debate, path)
    first = path.read_bytes()
    assert read_debate(path) == debate
    write_debate(read_debate(path), path)
    assert path.read_bytes() == first


def test_the_bundled_debate_is_already_canonical() -> None:
    from seeds import seed_path

    path = seed_path()
    assert dumps_debate(read_debate(path)) == path.read_text(encoding="utf-8")
