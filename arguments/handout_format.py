"""The Markdown handout's line format, shared by the exporter and the importer: the
format line, and escaping user text for Markdown (GitHub Flavored Markdown: CommonMark
plus tables and footnotes), and undoing it.

`escape(s)` returns one line of inline Markdown that renders as S and cannot change the
document around it, wherever it is placed: after a list marker, in a heading, in a table
cell, or at the start of a line. The rules:

- Every ASCII character that starts inline syntax is backslash-escaped everywhere:
  ``\\ ` * _ [ ] < > # | ~ & $ { }``. So no emphasis, code span, link, image, footnote
  reference, autolink, raw HTML (or comment), entity, strikethrough, math, attribute block,
  table cell break or closing `#` sequence can come from user text.
- At the start of the text, `-`, `+`, `=`, `:` and a digit run's `.` or `)` are escaped too,
  so the text never opens a list, block quote, setext underline or thematic break.
- Leading and trailing whitespace (newlines included) becomes numeric references
  (`&#32;`), because Markdown strips it from paragraphs, headings and cells.
- Any other newline becomes `<br>` (an inline HTML line break), so the text stays on one
  line; it is never first, where `<br>` alone would open an HTML block.
- Control characters (`arguments.display.is_hidden_control`, plus lone surrogates) are
  shown as visible escapes that are NOT Markdown escapes: `\\r`, `\\xHH`, `\\uHHHH`,
  `\\UHHHHHHHH`. A literal backslash in user text is always written `\\\\`, so the two never
  collide in the source (both render as the same visible text).

`unescape(escape(s)) == s` for every string: importers read the source line, cut it at
the delimiters they know (`find_unescaped` skips escaped characters) and unescape the
pieces.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from arguments.display import is_hidden_control

FORMAT_LINE = "<!-- debatemap markdown export, format 1 -->"
"""First line of the export made `--with-ids`: it holds ids in markers the importer reads."""

ALWAYS_ESCAPED = "\\`*_[]<>#|~&${}"
"""Characters escaped wherever they occur in user text."""

_ALWAYS = re.compile("[" + re.escape(ALWAYS_ESCAPED) + "]")
_LEADING_DIGITS_MARK = re.compile(r"^([0-9]{1,9})([.)])")
_START_ESCAPED = "-+=:"
_UNESCAPE = re.compile(r"\\(?:x[0-9a-f]{2}|u[0-9a-f]{4}|U[0-9a-f]{8}|r|[!-/:-@\[-`{-~])|<br>|&#[0-9]{1,7};")


@lru_cache(maxsize=4096)
def _special(ch: str) -> str:
    """How a non-printable character is written: a visible escape, or itself."""
    if ch == "\r":
        return "\\r"
    if is_hidden_control(ch) or unicodedata.category(ch) == "Cs":
        code = ord(ch)
        if code < 0x100:
            return f"\\x{code:02x}"
        if code < 0x10000:
            return f"\\u{code:04x}"
        return f"\\U{code:08x}"
    return ch


def _one_visible_line(out: str) -> str:
    """What both escapes do alike: control characters visible, spaces at either end kept as
    character references (Markdown would drop them), newlines as `<br>`."""
    if not out.isprintable():
        out = "".join([ch if ch.isprintable() else _special(ch) for ch in out])
    if out[0].isspace() or out[-1].isspace():
        body = out.strip()
        start = out.index(body) if body else len(out)
        lead, tail = out[:start], out[start + len(body) :]
        out = _references(lead) + body + _references(tail)
    if "\n" in out:
        out = out.replace("\n", "<br>")
    return out


def escape(text: str) -> str:
    """TEXT as one line of inline Markdown that renders as TEXT and cannot alter structure."""
    if not text:
        return ""
    out = _ALWAYS.sub(r"\\\g<0>", text) if _ALWAYS.search(text) else text
    out = _one_visible_line(out)
    first = out[0]
    if first in _START_ESCAPED:
        out = "\\" + out
    elif first.isdigit():
        out = _LEADING_DIGITS_MARK.sub(r"\1\\\2", out, count=1)
    return out


_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")
_OPENS_TAG = re.compile(r"<(?=[A-Za-z/!?])")
_LIGHT_START = "-+=:>#"
_LIGHT_CANDIDATES = re.compile(r"[`*\[\]|~\\_&<]")


def _light_char(text: str, i: int, ch: str) -> str:
    """CH at I in TEXT, backslash-escaped only where it could start Markdown syntax."""
    if ch in "`*[]|~":
        return "\\" + ch
    if ch == "\\":
        after = text[i + 1 : i + 2]
        # kept single only before a letter or digit that cannot start one of our visible
        # escapes (x, u, U, r); before anything else it could read as an escape
        return ch if after.isalnum() and after.isprintable() and after not in "xuUr" else "\\\\"
    if ch == "_":
        before, after = text[i - 1 : i], text[i + 1 : i + 2]
        return ch if before.isalnum() and after.isalnum() else "\\_"  # inside a word it is a letter
    if ch == "&":
        return "\\&" if _ENTITY.match(text, i) else ch
    if ch == "<":
        return "\\<" if _OPENS_TAG.match(text, i) else ch
    return ch


def escape_light(text: str) -> str:
    """TEXT as one line of inline Markdown, like `escape`, but for people: a character is
    escaped only where it could change the structure (no `\\$`, no `\\-` mid-sentence, no
    `\\_` inside a word). `unescape` reverses it too."""
    if not text:
        return ""
    out = _LIGHT_CANDIDATES.sub(lambda m: _light_char(text, m.start(), m.group(0)), text)
    out = _one_visible_line(out)
    stripped = out.rstrip("#")
    if stripped != out and (not stripped or stripped[-1] == " " or stripped.endswith("&#32;")):
        out = stripped + "\\#" * (len(out) - len(stripped))  # a closing heading sequence
    first = out[0]
    if first in _LIGHT_START:
        out = "\\" + out
    elif first.isdigit():
        out = _LEADING_DIGITS_MARK.sub(r"\1\\\2", out, count=1)
    return out


def _references(spaces: str) -> str:
    return "".join(f"&#{ord(ch)};" for ch in spaces)


def _unescape_one(match: re.Match[str]) -> str:
    token = match.group(0)
    if token == "<br>":
        return "\n"
    if token[0] == "&":
        return chr(int(token[2:-1]))
    if token == "\\r":
        return "\r"
    if len(token) > 2:
        return chr(int(token[2:], 16))
    return token[1]


def unescape(source: str) -> str:
    """The text that `escape` turned into SOURCE."""
    if "\\" not in source and "<" not in source and "&" not in source:
        return source
    return _UNESCAPE.sub(_unescape_one, source)


def find_unescaped(source: str, sub: str, start: int = 0) -> int:
    """Index of the first SUB in SOURCE at or after START that is not backslash-escaped; -1."""
    pos = source.find(sub, start)
    while pos >= 0:
        backslashes = 0
        i = pos - 1
        while i >= start and source[i] == "\\":
            backslashes += 1
            i -= 1
        if backslashes % 2 == 0:
            return pos
        pos = source.find(sub, pos + 1)
    return -1


escape_inline = escape
"""The same as `escape`, under the name the section writers use."""
