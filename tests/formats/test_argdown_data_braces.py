"""A statement's data is one `{...}` token to Argdown: a brace inside any of its strings
must not show as one, however many objects (stances, evidence items) the data holds."""

from __future__ import annotations

import json

import pytest

from arguments.model import Claim, Debate, Evidence, Source, Stakeholder, Stance
from export import ExportOptions, render


def _debate(evidence_count: int, with_stances: bool) -> Debate:
    items = [
        Evidence(id=f"e{i}", claim="c0", text=f"text {{{i}", relation="supports", source="s", locator="p. }")
        for i in range(evidence_count)
    ]
    stances = [Stance(stakeholder="p", claim="c0", position=1)] if with_stances else []
    return Debate(
        title="T",
        claims=[Claim(id="c0", text="Motion", kind="thesis", notes="a } note", tags=["x{y"])],
        sources=[Source(id="s", citation="Cite {")],
        stakeholders=[Stakeholder(id="p", name="P")],
        evidence=items,
        stances=stances,
    )


@pytest.mark.parametrize("evidence_count", [0, 1, 3])
@pytest.mark.parametrize("with_stances", [False, True])
def test_braces_in_data_strings_are_escaped(evidence_count: int, with_stances: bool) -> None:
    text = render("argdown", _debate(evidence_count, with_stances), ExportOptions())
    line = next(line for line in text.splitlines() if line.startswith("[c0]: "))
    data = line[line.index(" {") + 1 :]
    # only the objects' own braces show; the strings' braces are \u escapes
    assert data.count("{") == data.count("}") == 1 + with_stances + evidence_count
    value = json.loads(data)
    assert value["notes"] == "a } note" and value["tags"] == ["x{y"]
    assert [e["text"] for e in value.get("evidence", [])] == [f"text {{{i}" for i in range(evidence_count)]
