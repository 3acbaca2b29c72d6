"""`json_dumps_terminal_safe` writes with pydantic-core where it can: the text must be the
very one `json.dumps` writes, whatever the data."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from arguments.terminal_json import escape_json_text, json_dumps_terminal_safe

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from([1e-5, 1e16, 1e-7, 0.0001, 0.00012, -0.0, 123456789.123, 1.5e300])
    | st.text()
)
_KEYS = st.text() | st.sampled_from(["None", "null", "1e5"]) | st.integers(-5, 5) | st.none() | st.booleans()
_DATA = st.recursive(
    _SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4), max_leaves=30
)


@settings(max_examples=400, deadline=None)
@given(_DATA, st.sampled_from([None, 2, 4]))
def test_the_text_is_the_one_json_writes(data, indent):
    assert json_dumps_terminal_safe(data, indent) == escape_json_text(
        json.dumps(data, ensure_ascii=False, indent=indent)
    )
