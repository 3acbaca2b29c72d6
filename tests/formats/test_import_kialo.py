"""Kialo import: real exports arrive whole and in place, both header variants, bad files located."""

from __future__ import annotations

import re

import pytest

from arguments.importers import kialo
from arguments.problems import DebateError
from arguments.storage import dumps_debate, parse_debate
from arguments.tree import MAX_DEPTH
from tests.conftest import require_shared

NUMBERED_LINE = re.compile(r"^\d+(?:\.\d+)*\. ", re.MULTILINE)
CORPUS = ["should-hate-speech-be-illegal-6148.txt", "should-hate-speech-be-legally-protected-10134.txt"]


def corpus_file(name: str) -> tuple[str, str]:
    path = require_shared("corpus", "kialo", name)
    return path.read_text(encoding="utf-8"), str(path)


def by_id(debate):
    return {c.id: c for c in debate.claims}


@pytest.mark.parametrize("name", CORPUS)
def test_every_numbered_claim_arrives_as_a_claim_or_a_link(name):
    text, path = corpus_file(name)
    result = kialo.parse(text, path)
    numbered = len(NUMBERED_LINE.findall(text))
    references = [link for link in result.debate.links if link.notes.startswith("Kialo ")]
    assert len(result.debate.claims) + len(references) == numbered
    assert result.dropped == []
    # ids carry the Kialo number, so every number in the file maps to a claim or a link
    numbers = {m.group(0)[:-2] for m in NUMBERED_LINE.finditer(text)}
    from_ids = {c.id[1:].replace("-", ".") for c in result.debate.claims}
    from_links = {link.notes.split()[1] for link in references}
    assert from_ids | from_links == numbers
    assert parse_debate(dumps_debate(result.debate), "re-read") == result.debate


def test_claims_sit_under_their_numbered_parent_with_their_relation():
    text, path = corpus_file(CORPUS[0])
    claims = by_id(kialo.parse(text, path).debate)
    assert claims["k1"].parent is None and claims["k1"].kind == "thesis"
    assert (claims["k1-1"].parent, claims["k1-1"].relation) == ("k1", "opposes")
    assert (claims["k1-1-2-1-1"].parent, claims["k1-1-2-1-1"].relation) == ("k1-1-2-1", "opposes")
    assert (claims["k1-1-2-1-1-1"].parent, claims["k1-1-2-1-1-1"].relation) == ("k1-1-2-1-1", "supports")
    assert claims["k1-1"].text == "It is better to challenge bad ideas than to simply ban the enunciation of them."


def test_escapes_are_undone():
    text, path = corpus_file(CORPUS[0])
    claims = by_id(kialo.parse(text, path).debate)
    assert '("Trolls")' in claims["k1-1-10"].text
    assert "\\" not in claims["k1-1-10"].text


def test_see_reference_becomes_a_link_to_the_named_claim_not_a_copy():
    text, path = corpus_file(CORPUS[0])
    debate = kialo.parse(text, path).debate
    assert "k1-6-4" not in by_id(debate)  # `1.6.4. Pro: -> See 1.2.2.`
    [link] = debate.links
    assert (link.from_, link.to, link.relation) == ("k1-2-2", "k1-6", "supports")
    text, path = corpus_file(CORPUS[1])
    links = {(link.from_, link.to): link.relation for link in kialo.parse(text, path).debate.links}
    assert links[("k1-2-11-2-1-6", "k1-2-11-2")] == "opposes"  # 1.2.11.2.5. Con: -> See 1.2.11.2.1.6.
    assert links[("k1-14-3", "k1")] == "opposes"  # 1.22. Con: -> See 1.14.3.


NAME_VARIANT = """Discussion Name:
Should the town build a bridge?

1. Thesis:
The town should build the bridge \\(soon\\). [1]

1.1. Pro:
It cuts traffic.
Counts fall by a third. [2]

1.1.1. Con: Counts are \\*modelled\\*, not measured.

1.2. Con:
It costs too much.

1.2.1. Pro: -> See 1.1.1.

Sources:
[1] Town Council (2024). Bridge plan. https://example.org/plan
[2] Traffic model, p. 4.
"""


def test_name_variant_text_on_next_line_multiline_and_sources():
    result = kialo.parse(NAME_VARIANT, "bridge.txt")
    debate = result.debate
    claims = by_id(debate)
    assert debate.title == "Should the town build a bridge?"
    assert set(claims) == {"k1", "k1-1", "k1-1-1", "k1-2"}
    assert claims["k1"].text == "The town should build the bridge (soon). [1]"
    assert claims["k1-1"].text == "It cuts traffic.\nCounts fall by a third. [2]"
    assert (claims["k1-1"].parent, claims["k1-1"].relation) == ("k1", "supports")
    assert claims["k1-1-1"].text == "Counts are *modelled*, not measured."
    assert (claims["k1-2"].parent, claims["k1-2"].relation) == ("k1", "opposes")
    assert [(link.from_, link.to, link.relation) for link in debate.links] == [("k1-1-1", "k1-2", "supports")]
    sources = {s.id: s for s in debate.sources}
    assert sources["kialo-source-1"].url == "https://example.org/plan"
    assert sources["kialo-source-2"].citation == "Traffic model, p. 4."
    assert {(e.claim, e.source) for e in debate.evidence} == {("k1", "kialo-source-1"), ("k1-1", "kialo-source-2")}
    assert result.dropped == []


def test_title_variant_same_line():
    text = "Discussion Title: Bridge?\n\n1. Build it.\n1.1. Con: Too dear.\n1.1.1. Pro: Really.\n"
    claims = by_id(kialo.parse(text, "t.txt").debate)
    assert [(c.id, c.parent, c.relation) for c in claims.values()] == [
        ("k1", None, None),
        ("k1-1", "k1", "opposes"),
        ("k1-1-1", "k1-1", "supports"),
    ]


def test_a_numbered_line_inside_a_claim_stays_text():
    text = "Discussion Title: T\n\n1. Build it.\n1.1. Pro: Two reasons:\n1. cheaper\n2. faster\n"
    claims = by_id(kialo.parse(text, "t.txt").debate)
    assert claims["k1-1"].text == "Two reasons:\n1. cheaper\n2. faster"


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("", 1, "empty"),
        ("\n\nHello there\n1. x\n", 3, "not a Kialo export"),
        ("Discussion Title: T\n\nno claims at all\n", 4, "no numbered claims"),
        ("Discussion Title: T\n\n1. Root\n1.1. Pro: a\n1.3.1. Con: orphan\n", 5, "no parent claim 1.3"),
    ],
)
def test_malformed_files_name_the_line(text, line, reason):
    with pytest.raises(DebateError) as caught:
        kialo.parse(text, "bad.txt")
    [problem] = caught.value.problems
    assert (problem.path, problem.line) == ("bad.txt", line)
    assert reason in problem.message


def test_branches_deeper_than_the_limit_are_cut_and_reported():
    lines = ["Discussion Title: Deep", ""]
    number = "1"
    lines.append("1. Root")
    for _ in range(MAX_DEPTH + 5):
        number += ".1"
        lines.append(f"{number}. Pro: deeper")
    result = kialo.parse("\n".join(lines), "deep.txt")
    assert len(result.debate.claims) == MAX_DEPTH + 1
    assert result.dropped_count == 5
    assert parse_debate(dumps_debate(result.debate), "deep") == result.debate


HOSTILE = ["[/]", "[@click=app.quit]x[/]", "\x1b[2J\x1b]52;c;aGk=\x07", "a\x00b\u202e\u200b", "👩\u200d👩\u200d👧"]


@pytest.mark.parametrize("bad", HOSTILE)
def test_hostile_text_arrives_unchanged(bad):
    text = f"Discussion Title: {bad}\n\n1. {bad}\n1.1. Con: {bad}\n"
    debate = kialo.parse(text, "hostile.txt").debate
    assert [c.text for c in debate.claims] == [bad, bad]
    assert debate.title == bad
    assert parse_debate(dumps_debate(debate), "again") == debate


def test_round_trip_through_our_kialo_export(small_debate_file):
    exporter = pytest.importorskip("export.kialo", reason="export/kialo.py is not written yet")
    from export import ExportOptions

    original = parse_debate(small_debate_file.read_text(encoding="utf-8"), str(small_debate_file))
    text = exporter.render(original, ExportOptions())
    back = kialo.parse(text, "exported.txt").debate

    def shape(debate):
        claims = {c.id: c for c in debate.claims}

        def path(c):
            out = [c.text]
            while c.parent:
                c = claims[c.parent]
                out.append(c.text)
            return tuple(out)

        return sorted((path(c), c.relation) for c in debate.claims)

    assert shape(back) == shape(original)


def test_several_theses_under_a_question():
    text = "Discussion Name: Which tax?\n\n1. Which tax should rise?\n1.1. Thesis: Income tax.\n1.1.1. Con: Hurts workers.\n1.2. Thesis: Land tax.\n"
    claims = by_id(kialo.parse(text, "q.txt").debate)
    assert [(c.id, c.kind, c.parent) for c in claims.values()] == [
        ("k1", "question", None),
        ("k1-1", "thesis", "k1"),
        ("k1-1-1", "claim", "k1-1"),
        ("k1-2", "thesis", "k1"),
    ]
