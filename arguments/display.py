"""The one way user text is made fit to show: control characters made visible, length bounded.

Stored data is never changed; this is applied at every display and export boundary that
cannot escape them itself. Newline and tab are kept (callers that need one line use
`one_line`), and so is the zero-width joiner, which emoji sequences need.
"""

from __future__ import annotations

import unicodedata

MAX_SHOWN = 2_000
"""Characters of one field shown in a view; the rest is cut with a marker."""

_KEEP = {"\n", "\t", "\u200d"}
_NAMES = {"\x1b": "\\x1b", "\x00": "\\x00", "\x7f": "\\x7f", "\r": "\\r"}


def _visible(ch: str) -> str:
    if ch in _NAMES:
        return _NAMES[ch]
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def is_hidden_control(ch: str) -> bool:
    """Characters a terminal acts on or hides (categories Cc and Cf, bar newline, tab and
    ZWJ), and the noncharacters U+FFFE and U+FFFF, which break XML and SVG tools."""
    return ch not in _KEEP and (unicodedata.category(ch) in ("Cc", "Cf") or ch in "\ufffe\uffff")


def safe_text(text: str, limit: int | None = MAX_SHOWN) -> str:
    """TEXT with control characters shown as escapes (`\\x1b`), cut to LIMIT characters."""
    if limit is not None and len(text) > limit:
        text = text[:limit]
        cut = True
    else:
        cut = False
    if text.isprintable():  # the common case: nothing to scan character by character
        return text + " …[cut]" if cut else text
    if any(is_hidden_control(ch) for ch in text):
        text = "".join(_visible(ch) if is_hidden_control(ch) else ch for ch in text)
    return text + " …[cut]" if cut else text


def one_line(text: str, limit: int | None = MAX_SHOWN) -> str:
    """`safe_text` on one line: newlines and tabs become spaces."""
    return safe_text(text.replace("\r\n", " ").replace("\n", " ").replace("\t", " "), limit)
