"""The whole-table check that lets a sound debate skip the record-by-record pass never
lets a problem through: whenever it says sound, the full pass finds nothing, and
`check_integrity` reports the same problems as the full pass on debates broken in every
way the rules know."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arguments.integrity import _record_problems, _sound, check_integrity
from arguments.model import Debate, Evidence, Link, Stance
from tests.strategies import debates

_WORDS = st.sampled_from(["c0", "c1", "x", "nobody", "s0"])


def _pools(debate: Debate) -> tuple[set[str], set[str], set[str], set[str]]:
    return (
        {c.id for c in debate.claims},
        {s.id for s in debate.stakeholders},
        {s.id for s in debate.sources},
        {e.id for e in debate.evidence},
    )


@st.composite
def broken_debates(draw: st.DrawFn) -> Debate:
    """A valid debate, then a few edits that may break any cross-record rule."""
    debate = draw(debates(max_claims=8))
    ids = [c.id for c in debate.claims] or ["c0"]
    holders = [s.id for s in debate.stakeholders] or ["nobody"]
    for _ in range(draw(st.integers(0, 3))):
        what = draw(st.sampled_from(["parent", "blank", "link", "evidence", "stance", "dup-stance", "relation"]))
        if what in ("parent", "blank", "relation") and debate.claims:
            claim = draw(st.sampled_from(debate.claims))
            if what == "parent":
                claim.parent = draw(st.one_of(st.sampled_from(ids), _WORDS))
                claim.relation = "supports"
            elif what == "blank":
                claim.text = " "
            else:
                claim.relation = None if claim.relation else "opposes"
        elif what == "link":
            debate.links.append(
                Link(
                    from_=draw(st.sampled_from(ids)),
                    to=draw(st.one_of(st.sampled_from(ids), _WORDS)),
                    relation="supports",
                )
            )
        elif what == "evidence":
            debate.evidence.append(
                Evidence(
                    id=f"new-e{len(debate.evidence)}",
                    claim=draw(st.one_of(st.sampled_from(ids), _WORDS)),
                    text=draw(st.sampled_from(["t", " "])),
                    source=draw(st.one_of(st.none(), _WORDS)),
                )
            )
        elif what in ("stance", "dup-stance"):
            stance = Stance(
                stakeholder=draw(st.one_of(st.sampled_from(holders), _WORDS)),
                claim=draw(st.sampled_from(ids)),
                position=1,
                evidence=draw(st.lists(_WORDS, max_size=1)),
            )
            debate.stances.append(stance)
            if what == "dup-stance":
                debate.stances.append(stance.model_copy())
    return debate


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(broken_debates())
def test_sound_only_when_the_full_pass_finds_nothing(debate: Debate) -> None:
    full = _record_problems(debate, *_pools(debate))
    if _sound(debate, *_pools(debate)):
        assert full == []
    shown = [str(p) for p in check_integrity(debate)]
    assert all(str(p) in shown for p in full)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(debates(max_claims=10))
def test_a_valid_debate_is_sound_when_parents_come_first(debate: Debate) -> None:
    position = {c.id: i for i, c in enumerate(debate.claims)}
    parents_first = all(c.parent is None or position[c.parent] < position[c.id] for c in debate.claims)
    assert _sound(debate, *_pools(debate)) == parents_first
    assert check_integrity(debate) == []


def _base() -> Debate:
    from arguments.model import Claim, Source, Stakeholder

    return Debate(
        title="T",
        claims=[
            Claim(id="c0", text="Motion", kind="thesis"),
            Claim(id="c1", text="Pro", parent="c0", relation="supports"),
        ],
        sources=[Source(id="s0", citation="Cite")],
        stakeholders=[Stakeholder(id="p", name="P")],
        evidence=[Evidence(id="e0", claim="c1", text="Fact", source="s0")],
        stances=[Stance(stakeholder="p", claim="c0", position=1, evidence=["e0"])],
        links=[Link(from_="c1", to="c0", relation="opposes")],
    )


def _break(debate: Debate, how: str) -> None:
    c0, c1 = debate.claims
    if how == "blank claim":
        c1.text = "  "
    elif how == "relation without parent":
        c0.relation = "supports"
    elif how == "own parent":
        c1.parent = "c1"
    elif how == "unknown parent":
        c1.parent = "nowhere"
    elif how == "cycle":
        c0.parent, c0.relation = "c1", "supports"
    elif how == "child before parent":  # sound, but only the full pass can tell
        debate.claims.reverse()
    elif how == "self link":
        debate.links[0].to = "c1"
    elif how == "unknown link end":
        debate.links[0].from_ = "nowhere"
    elif how == "blank evidence":
        debate.evidence[0].text = " "
    elif how == "unknown evidence claim":
        debate.evidence[0].claim = "nowhere"
    elif how == "unknown source":
        debate.evidence[0].source = "nowhere"
    elif how == "unknown stakeholder":
        debate.stances[0].stakeholder = "nobody"
    elif how == "unknown stance claim":
        debate.stances[0].claim = "nowhere"
    elif how == "unknown stance evidence":
        debate.stances[0].evidence = ["nowhere"]
    elif how == "two stances on one claim":
        debate.stances.append(Stance(stakeholder="p", claim="c0", position=-1))


BREAKS = [
    "blank claim",
    "relation without parent",
    "own parent",
    "unknown parent",
    "cycle",
    "child before parent",
    "self link",
    "unknown link end",
    "blank evidence",
    "unknown evidence claim",
    "unknown source",
    "unknown stakeholder",
    "unknown stance claim",
    "unknown stance evidence",
    "two stances on one claim",
]


def test_each_broken_rule_sends_the_debate_through_the_full_pass() -> None:
    assert _sound(_base(), *_pools(_base())) and check_integrity(_base()) == []
    for how in BREAKS:
        debate = _base()
        _break(debate, how)
        assert not _sound(debate, *_pools(debate)), how
        assert (check_integrity(debate) == []) == (how == "child before parent"), how
