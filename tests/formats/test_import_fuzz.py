"""Any text at all gives each importer a checked debate or a located DebateError, nothing else."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arguments.importers import argdown, csv_import, kialo, markdown, opml
from arguments.integrity import check_integrity
from arguments.problems import DebateError
from arguments.storage import dumps_debate, parse_debate
from tests.conftest import SMALL_DEBATE
from tests.strategies import HOSTILE

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SYNTAX = [
    "\n",
    "  ",
    "1. ",
    "1.1. Pro: ",
    "1.1.1. Con: ",
    "-> See 1.1.",
    "Discussion Title: ",
    "Sources:\n[1] ",
    "[T]: ",
    "<A>: ",
    "  + ",
    "  - ",
    "  -> ",
    "  +> ",
    "(1) ",
    "----",
    "--\n",
    "# ",
    "#tag ",
    "{a: 1}",
    "<!--",
    "-->",
    "/*",
    "*/",
    "// ",
    "===\n",
    "<opml>",
    "<body>",
    "<outline text='x'>",
    "</outline>",
    "_note='n'",
    "&amp;",
    "<!DOCTYPE x>",
    ",",
    ";",
    '"',
    "claim,council\n",
    "motion,",
    "\\",
    "\r",
    "\n- **Pro** x <!-- claim id=b kind=claim parent=a relation=supports -->\n",
    "\n  - **Con** y <!-- claim id=c kind=question parent=b relation=opposes closed=true -->\n",
    "\n| S <!-- stakeholder id=s level=local power=2 interest=1 --> | g | local | 2/5 | 1/5 | — | w |\n",
    "\n| A <!-- stance stakeholder=s claim=b position=1 basis=stated evidence=e --> | S | +1 | stated | r |\n",
    "\n- “A” **opposes** “B” <!-- link from=b to=a relation=opposes -->\n",
    "\n- **Evidence for** (news, reliability 3/5): t *Quote:* “q” *Where:* p [^src] "
    "<!-- evidence id=e claim=b relation=supports kind=news reliability=3 source=src -->\n",
    "\n- Cit *URL:* http://x <!-- source id=src -->\n",
    "\n## Stakeholders\n",
    "\n## Stances\n",
    "\n## Links\n",
    "\n## Sources\n",
    "\n## Analysis\n",
]
MD_PREFIX = (
    "<!-- debatemap markdown export, format 1 -->\n# T\n\n## Claims\n\n- **Motion** A <!-- claim id=a kind=thesis -->\n"
)
documents = st.lists(st.sampled_from(SYNTAX + HOSTILE) | st.text(max_size=12), max_size=40).map("".join)


def outcome(parse, text: str) -> None:
    try:
        result = parse(text, "fuzz")
    except DebateError as exc:
        assert exc.problems and all(p.path == "fuzz" and p.line is not None and p.line >= 1 for p in exc.problems)
        return
    assert check_integrity(result.debate) == []
    assert parse_debate(dumps_debate(result.debate), "again") == result.debate


def outlines(depth: int = 3) -> st.SearchStrategy[str]:
    """OPML outline elements, nested, with any attribute text (escaped as XML requires)."""
    attribute = (st.sampled_from(SYNTAX + HOSTILE) | st.text(max_size=12)).map(
        lambda t: quoteattr(
            "".join(ch for ch in t if ch in "\t\n\r" or " " <= ch <= "\ud7ff" or "\ue000" <= ch <= "\ufffd")
        )
    )
    leaf = st.builds(lambda t, n: f"<outline text={t} _note={n}/>", attribute, attribute)
    return st.recursive(
        leaf,
        lambda kids: st.builds(
            lambda t, ks: f"<outline text={t}>{''.join(ks)}</outline>", attribute, st.lists(kids, max_size=4)
        ),
        max_leaves=12,
    )


PREFIXED = {
    "kialo": (kialo, "Discussion Title: T\n\n1. Root\n", documents),
    "argdown": (argdown, "", documents),
    "opml": (
        opml,
        "",
        st.lists(outlines(), max_size=4).map(lambda xs: "<opml><body>" + "".join(xs) + "</body></opml>"),
    ),
    "opml-raw": (opml, "<opml><body>", documents),
    "markdown": (markdown, MD_PREFIX, documents),
}


@pytest.mark.parametrize("fmt", sorted(PREFIXED))
@FUZZ
@given(data=st.data())
def test_any_text_gives_a_debate_or_a_located_error(fmt, data):
    module, prefix, strategy = PREFIXED[fmt]
    outcome(module.parse, prefix + data.draw(strategy))


@FUZZ
@given(text=documents)
def test_any_matrix_merges_or_gives_a_located_error(text):
    debate = parse_debate(SMALL_DEBATE, "small")
    outcome(lambda t, n: csv_import.parse_into(debate, t, n), text)
