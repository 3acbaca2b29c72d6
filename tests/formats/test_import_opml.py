"""OPML import: outlines from other tools and our own export, entities never expanded."""

from __future__ import annotations

import pytest

from arguments.importers import opml
from arguments.model import Link
from arguments.problems import DebateError
from arguments.storage import dumps_debate, parse_debate
from arguments.tree import MAX_DEPTH

WORKFLOWY = """<?xml version="1.0"?>
<opml version="2.0">
  <head><title>Four-day week</title><ownerEmail>x@example.org</ownerEmail></head>
  <body>
    <outline text="Adopt a four-day week" _note="From the March workshop">
      <outline text="Pro: Staff are happier" _complete="true">
        <outline text="against: Only at first"/>
      </outline>
      <outline text="CON: Service hours drop"/>
      <outline text="Customers adapt"/>
    </outline>
    <outline text="Keep five days"/>
  </body>
</opml>
"""


def shape(debate):
    """(text, parent text, relation, kind, tags) per claim: what survives a change of ids."""
    text = {c.id: c.text for c in debate.claims}
    return sorted((c.text, text.get(c.parent), c.relation, c.kind, tuple(c.tags)) for c in debate.claims)


def test_outline_from_another_tool():
    result = opml.parse(WORKFLOWY, "week.opml")
    debate = result.debate
    assert debate.title == "Four-day week"
    assert shape(debate) == sorted(
        [
            ("Adopt a four-day week", None, None, "thesis", ()),
            ("Staff are happier", "Adopt a four-day week", "supports", "claim", ()),
            ("Only at first", "Staff are happier", "opposes", "claim", ()),
            ("Service hours drop", "Adopt a four-day week", "opposes", "claim", ()),
            ("Customers adapt", "Adopt a four-day week", "supports", "claim", ()),
            ("Keep five days", None, None, "thesis", ()),
        ]
    )
    assert debate.claims[0].notes == "From the March workshop"
    assert [(d.reason, d.count, d.examples) for d in result.dropped] == [
        ("outline attributes left out", 1, ["_complete"])
    ]


def test_round_trip_through_our_opml_export(small_debate_file):
    from export import ExportOptions, render

    original = parse_debate(small_debate_file.read_text(encoding="utf-8"), "small")
    original.claims[1].tags = ["fiscal", "traffic"]
    original.links = [Link.model_validate({"from": "grants", "to": "traffic", "relation": "supports"})]
    back = opml.parse(render("opml", original, ExportOptions()), "small.opml").debate
    assert shape(back) == shape(original)
    text = {c.id: c.text for c in back.claims}
    assert [(text[link.from_], text[link.to], link.relation) for link in back.links] == [
        ("Regional grants cover half the cost.", "The bridge cuts traffic in the centre.", "supports")
    ]


BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
]>
<opml version="2.0"><body><outline text="&lol2;"/></body></opml>
"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE opml SYSTEM "file:///etc/passwd">
<opml version="2.0"><body><outline text="x"/></body></opml>
"""


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        (BOMB, 2, "DOCTYPE is not allowed"),
        (EXTERNAL, 2, "DOCTYPE is not allowed"),
        ("<opml><body>\n<outline text='a'>\n</body></opml>", 3, "not well-formed XML"),
        ("<html><body/></html>", 1, "not OPML"),
        ("<opml><head/><body>\n</body></opml>", 1, "no <outline>"),
        ("", 1, "not well-formed XML"),
    ],
)
def test_malformed_or_dangerous_files_are_refused_with_the_line(text, line, reason):
    with pytest.raises(DebateError) as caught:
        opml.parse(text, "bad.opml")
    [problem] = caught.value.problems
    assert (problem.path, problem.line) == ("bad.opml", line)
    assert reason in problem.message


def test_deep_outlines_are_cut_at_the_depth_limit_and_reported():
    depth = MAX_DEPTH + 4
    body = '<outline text="x">' * depth + "</outline>" * depth
    result = opml.parse(f"<opml><body>{body}</body></opml>", "deep.opml")
    assert len(result.debate.claims) == MAX_DEPTH + 1
    assert result.dropped_count == 3


@pytest.mark.parametrize(
    "bad", ["[/]", "[@click=app.quit]x[/]", "<script>&\"'", "a\u202eb\u200b", "👩\u200d👩\u200d👧"]
)
def test_hostile_text_arrives_unchanged(bad):
    from xml.sax.saxutils import quoteattr

    debate = opml.parse(
        f"<opml><body><outline text={quoteattr(bad)} _note={quoteattr(bad)}/></body></opml>", "h"
    ).debate
    assert (debate.claims[0].text, debate.claims[0].notes) == (bad, bad)
    assert parse_debate(dumps_debate(debate), "again") == debate
