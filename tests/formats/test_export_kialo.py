"""The Kialo export, read by the grammar of Kialo's own exports (the shape of the real ones
in ../shared/corpus/kialo/): numbered lines, `Pro:`/`Con:` labels, `-> See` references,
Markdown escapes. Every claim one numbered entry, in its place, its text intact."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from arguments.model import Debate
from export import ExportOptions, claims_in_scope, clean, render
from tests.conftest import require_shared
from tests.formats.test_export_samples import SAMPLES

ENTRY = re.compile(r"^(\d+(?:\.\d+)*)\.(?:[ \t]+(.*))?$")
LABEL = re.compile(r"^(Pro|Con|Thesis): (.*)$", re.DOTALL)
SEE = re.compile(r"^-> See (\d+(?:\.\d+)*)\.$")
UNESCAPE = re.compile(r"\\([\\()\[\].-])")


def read_kialo(text: str) -> tuple[str, list[tuple[str, str | None, str]]]:
    """The title and the entries (number, label, text with escapes undone)."""
    lines = text.split("\n")
    assert lines[0].startswith("Discussion Title: ") and lines[1] == "" and lines[-1] == ""
    entries: list[list] = []
    for line in lines[2:-1]:
        match = ENTRY.match(line)
        if match:
            number = match.group(1)
            assert number == "1" if not entries else number.rsplit(".", 1)[0] in {e[0] for e in entries}
            entries.append([number, match.group(2) or ""])
        else:
            entries[-1][1] += "\n" + line
    out = []
    for number, body in entries:
        label = LABEL.match(body)
        out.append((number, label.group(1) if label else None, label.group(2) if label else body))
    return UNESCAPE.sub(r"\1", lines[0].removeprefix("Discussion Title: ")), out


def _tree_entries(entries: list) -> list:
    return [e for e in entries if not SEE.match(e[2])]


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_one_entry_per_claim_and_one_reference_per_link(name: str) -> None:
    debate = SAMPLES[name]()
    title, entries = read_kialo(render("kialo", debate))
    assert title == " ".join(clean(debate.title).split())
    roots = [c for c in debate.claims if c.parent is None]
    synthetic = 1 if len(roots) > 1 else 0
    tree = _tree_entries(entries)
    assert len(tree) == len(debate.claims) + synthetic
    references = [e for e in entries if SEE.match(e[2])]
    assert len(references) == len(debate.links)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_entries_sit_in_their_place_with_their_text(name: str) -> None:
    debate = SAMPLES[name]()
    _, entries = read_kialo(render("kialo", debate))
    tree = _tree_entries(entries)
    if len([c for c in debate.claims if c.parent is None]) > 1:
        assert tree[0][:2] == ("1", None)
        tree = tree[1:]
    number_of: dict[str, str] = {}
    by_id = {c.id: c for c in debate.claims}
    for (number, label, text), (claim, _depth) in zip(tree, claims_in_scope(debate, ExportOptions())):
        number_of[claim.id] = number
        assert UNESCAPE.sub(r"\1", text) == clean(claim.text).strip()
        if claim.parent:
            assert number.rsplit(".", 1)[0] == number_of[claim.parent]
            assert label == {"supports": "Pro", "opposes": "Con"}[claim.relation]
        else:
            assert label in (None, "Thesis")
    for number, label, text in entries:
        if see := SEE.match(text):
            source = next(cid for cid, n in number_of.items() if n == see.group(1))
            target = next(cid for cid, n in number_of.items() if n == number.rsplit(".", 1)[0])
            link = next(link for link in debate.links if link.from_ == source and link.to == target)
            assert label == {"supports": "Pro", "opposes": "Con"}[link.relation]
    assert set(number_of) == set(by_id)


def test_text_that_mimics_kialo_stays_text() -> None:
    debate = SAMPLES["hostile"]()
    text = render("kialo", debate)
    _, entries = read_kialo(text)
    assert not any(re.search(r"(?<!\\)\[\d+\]", body) for _, _, body in entries)  # no footnote
    assert sum(1 for e in entries if SEE.match(e[2])) == len(debate.links)


def test_our_export_has_the_shape_of_real_kialo_exports() -> None:
    corpus = require_shared("corpus", "kialo")
    for path in sorted(corpus.glob("*.txt")):
        title, entries = read_kialo(path.read_text("utf-8").rstrip("\n") + "\n")
        assert title and entries[0][0] == "1"
        assert all(label in ("Pro", "Con") for number, label, _ in entries if number != "1")


def test_depth_option() -> None:
    debate = SAMPLES["deep"]()
    _, entries = read_kialo(render("kialo", debate, ExportOptions(depth=3)))
    assert [number for number, _, _ in entries] == ["1", "1.1", "1.1.1", "1.1.1.1"]


def _imported_texts(debate: Debate) -> tuple[Counter, int]:
    from arguments.importers.kialo import parse

    result = parse(render("kialo", debate), "export.txt")
    return Counter(claim.text for claim in result.debate.claims), len(result.debate.links)


@pytest.mark.parametrize("name", sorted(set(SAMPLES) - {"empty"}))  # Kialo needs a thesis
def test_our_kialo_importer_reads_every_claim_and_link_back(name: str) -> None:
    debate = SAMPLES[name]()
    texts, links = _imported_texts(debate)
    expected = Counter(clean(c.text).strip() for c in debate.claims)
    if sum(1 for c in debate.claims if c.parent is None) > 1:
        expected[debate.question or debate.title] += 1
    assert texts == expected and links == len(debate.links)


def test_a_root_that_reads_like_a_label_keeps_its_words() -> None:
    debate = SAMPLES["small"]()
    debate.claims[0].text = "Pro: the bridge."
    texts, _ = _imported_texts(debate)
    assert texts["Pro: the bridge."] == 1


def test_a_claim_reading_like_a_reference_stays_a_claim() -> None:
    debate = SAMPLES["small"]()
    debate.claims[2].text = "-> See 1.1."
    texts, links = _imported_texts(debate)
    assert texts["-> See 1.1."] == 1 and links == 0
