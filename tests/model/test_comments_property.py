"""Over generated debates with comments put anywhere between lines or after them: `fmt`
keeps every comment and the content, and formatting again changes nothing."""

from __future__ import annotations

import tomli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arguments.model import Debate
from arguments.storage import dumps_debate, parse_debate
from tests.strategies import debates

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Comment text: anything printable, `#`, quotes and brackets included (TOML allows no
# control character but tab in a comment).
BODIES = st.text(
    st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\u2028\u2029\x85")
    | st.sampled_from("#\"'[]= \t"),
    max_size=20,
)
PLACES = st.lists(st.tuples(st.floats(0, 1), st.sampled_from(["line", "trailing", "blank"]), BODIES), max_size=10)


def with_comments(text: str, places: list[tuple[float, str, str]]) -> tuple[str, list[str]]:
    """TEXT with a comment line, a trailing comment or a blank line put at each place; and
    the comments put."""
    lines = text.split("\n")[:-1]
    put: list[str] = []
    for n, (where, kind, body) in enumerate(places):
        comment = f"# c{n}:{body}".rstrip()
        at = int(where * len(lines))
        if kind == "blank":
            lines.insert(at, "")
        elif kind == "line":
            lines.insert(at, comment)
            put.append(comment)
        else:
            statements = [
                i for i, line in enumerate(lines) if line and not line.startswith("#") and "  # c" not in line
            ]
            if statements:
                i = min(statements, key=lambda i: abs(i - at))
                lines[i] += "  " + comment
                put.append(comment)
    return "\n".join(lines) + "\n", put


@SETTINGS
@given(debates(max_claims=6), PLACES)
def test_fmt_keeps_every_comment_and_is_stable(debate: Debate, places) -> None:
    text, put = with_comments(dumps_debate(debate), places)
    loaded = parse_debate(text)
    assert loaded == debate == Debate.model_validate(tomli.loads(text))
    once = dumps_debate(loaded)
    assert parse_debate(once) == debate
    assert dumps_debate(parse_debate(once)) == once
    for comment in put:  # each is marked `# cN:`, N unique
        assert comment in once
