"""`-o` refuses to replace a TOML file with `[[claims]]` tables even when it no longer
parses; the header is found by its brackets, then checked to open its line."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from arguments.output_file import holds_debate

# The rule as a plain multiline pattern: a line opening, spaces and tabs, the header.
RULE = re.compile(r"(?m)^[ \t]*\[\[[ \t]*claims[ \t]*\]\]")
PARTS = st.sampled_from(["\n", " ", "\t", "x", "=", "[[claims]]", "[[ claims\t]]", "\r", "[[", "claims", "]]"])


@given(st.lists(PARTS, max_size=12))
def test_a_claims_header_is_found_exactly_where_a_line_opens_with_it(tmp_path_factory, parts):
    text = "broken = [\n" + "".join(parts)  # never valid TOML: the header rule decides
    path = tmp_path_factory.mktemp("o") / "out.toml"
    path.write_text(text, encoding="utf-8", newline="")
    assert holds_debate(path) == (RULE.search(text) is not None)
