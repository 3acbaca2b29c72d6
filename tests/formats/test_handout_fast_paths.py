"""The handout's shortcuts write exactly what the plain rules write: the escape that skips
plain text, and the sections made in file order and put in tree order."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arguments.handout_format import escape_light
from arguments.model import Claim, Debate, Stakeholder, Stance
from export import ExportOptions, render
from export.handout import escape

# Mostly the characters the shortcut tells apart (ASCII, the ones that need escapes,
# spaces, digits and `#` at the ends), some of any kind.
_TEXT = st.text(
    alphabet=st.one_of(st.sampled_from(string.printable + "#-+=:>`*_[]|~\\&<"), st.characters()),
    max_size=30,
)


@settings(max_examples=2000, deadline=None)
@given(_TEXT)
def test_escape_is_escape_light(text: str) -> None:
    assert escape(text) == escape_light(text)


def test_escape_of_the_texts_a_plain_check_would_miss() -> None:
    for text in ["a#", "a ", "1. a", "-a", "a_b", "a\\b", "a<b", "a&amp;", "A", "a\nb", "a\tb", "é", "a b#"]:
        assert escape(text) == escape_light(text), text


def _ordered_debate() -> Debate:
    """Children before parents in the file, stances listed against the tree order."""
    claims = [
        Claim(id="c2", text="Second child", parent="c0", relation="opposes"),
        Claim(id="c1b", text="Grandchild", parent="c1", relation="supports"),
        Claim(id="c1", text="First child", parent="c0", relation="supports"),
        Claim(id="c0", text="The motion", kind="thesis"),
    ]
    people = [Stakeholder(id="s1", name="One"), Stakeholder(id="s2", name="Two")]
    stances = [
        Stance(stakeholder="s2", claim="c2", position=-2, rationale="late"),
        Stance(stakeholder="s1", claim="c1b", position=1, rationale="deep"),
        Stance(stakeholder="s1", claim="c2", position=3, rationale="first on c2"),
        Stance(stakeholder="s2", claim="c0", position=0, rationale="top"),
    ]
    return Debate(title="Order", claims=claims, stakeholders=people, stances=stances)


def test_claims_and_stances_come_in_tree_order_whatever_the_file_order() -> None:
    text = render("markdown", _ordered_debate(), ExportOptions())
    claims = [line.strip() for line in text.split("## Claims")[1].split("##")[0].splitlines() if line.strip()]
    assert claims == [
        "- **1 Motion** The motion",
        "- **2 Con** Second child",
        "- **3 Pro** First child",
        "- **4 Pro** Grandchild",
    ]
    rows = [line for line in text.split("## Stances")[1].splitlines() if line.startswith("| ") and "---" not in line]
    # by claim number; two stances on one claim keep their file order
    assert [row.split(" | ")[0:2] for row in rows[1:]] == [
        ["| 1", "Two"],
        ["| 2", "Two"],
        ["| 2", "One"],
        ["| 4", "One"],
    ]
    assert text.endswith("|\n") and not text.endswith("\n\n")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["\n", "\n\n", "a", "a\n", "", "b\n\n"]), max_size=6))
def test_joined_ends_in_one_newline(pieces: list[str]) -> None:
    from export.handout import _joined

    assert _joined(list(pieces)) == "".join(pieces).rstrip("\n") + "\n"
