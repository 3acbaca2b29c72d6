"""The lexical layer of Argdown: front matter, comments, element heads, tags and data.

Patterns follow the Argdown lexer (@argdown/core) so that what the Argdown CLI sees as a
statement, an argument, a relation or a comment is what we see.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from arguments.problems import DebateError, Problem

# Character classes stop at the next opening bracket so that no scan is quadratic.
COMMENT_OR_LINK = re.compile(r"<!--|/\*|//|\[[^\[\]\n]+\]\([^()\n]+\)")
COMMENT_END = {"<!--": "-->", "/*": "*/", "//": "\n"}
FRONT_MATTER = re.compile(r"^===+[ \t]*$")
HEADING = re.compile(r"^(#+) (.*)$")
INFERENCE = re.compile(r"^[ \t]*(-{2,})(.*)$")
PCS_NUMBER = re.compile(r"^[ \t]*\((\d+)\)[ \t]*(.*)$")
RELATION = re.compile(r"^([ \t]*)(\+>|->|><|_>|<_|<\+|<-|\+|-|_(?=\s))[ \t]*(.*)$")
STATEMENT_DEF = re.compile(r"^\[([^\]]+?)\]:[ \t]*(.*)$")
STATEMENT_REF = re.compile(r"^\[([^-\]][^\]]*?)\](?!\()[ \t]*(.*)$")
ARGUMENT_DEF = re.compile(r"^<([^>]+?)>:[ \t]*(.*)$")
ARGUMENT_REF = re.compile(r"^<([^->][^>]*?)>[ \t]*(.*)$")
TAG = re.compile(r"(?:(?<=\s)|^)#(\([^()\n]+\)|[\w\-\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]+)")
FRONT_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)$")

SYMBOLS: dict[str, tuple[str, bool]] = {
    "+": ("support", True),
    "<+": ("support", True),
    "-": ("attack", True),
    "<-": ("attack", True),
    "_": ("undercut", True),
    "<_": ("undercut", True),
    "><": ("contradict", True),
    "+>": ("support", False),
    "->": ("attack", False),
    "_>": ("undercut", False),
}
"""Relation symbol -> (kind, incoming): incoming means the element on the relation line
bears on the element above it; outgoing means the element above bears on it."""


@dataclass
class Head:
    """The start of an element: what it is, its title (None if untitled) and its text."""

    kind: str  # "statement" or "argument"
    title: str | None
    text: str
    defines: bool


def head(rest: str) -> Head:
    """Classify the text that starts an element (after any relation symbol or number)."""
    for pattern, kind, defines in (
        (ARGUMENT_DEF, "argument", True),
        (STATEMENT_DEF, "statement", True),
        (ARGUMENT_REF, "argument", False),
        (STATEMENT_REF, "statement", False),
    ):
        match = pattern.match(rest)
        if match:
            title = " ".join(match.group(1).split())
            return Head(kind, title, match.group(2), defines)
    return Head("statement", None, rest, True)


def front_matter(lines: list[str], name: str) -> tuple[dict[str, str], list[str], int]:
    """Top-level `key: value` pairs of a leading `===` block, other keys, and lines it used."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or not FRONT_MATTER.match(lines[first].strip()):
        return {}, [], 0
    for end in range(first + 1, len(lines)):
        if FRONT_MATTER.match(lines[end].strip()):
            break
    else:
        raise DebateError([Problem("the front matter opened here is never closed with ===", path=name, line=first + 1)])
    values: dict[str, str] = {}
    others: list[str] = []
    for line in lines[first + 1 : end]:
        match = FRONT_KEY.match(line)
        if not match:
            continue
        key, value = match.group(1), match.group(2).strip().strip("\"'")
        if key in ("title", "subTitle", "author", "date", "abstract") and value:
            values[key] = value
        else:
            others.append(key)
    return values, others, end + 1


def strip_comments(text: str, name: str) -> tuple[str, int]:
    """TEXT with comments blanked (newlines kept, so lines still count), and how many.

    `//` inside a Markdown link `[text](url)` is part of the URL, as in Argdown's lexer.
    """
    out: list[str] = []
    count = position = 0
    while (found := COMMENT_OR_LINK.search(text, position)) is not None:
        token = found.group(0)
        if token.startswith("["):
            out.append(text[position : found.end()])
            position = found.end()
            continue
        end = text.find(COMMENT_END[token], found.end())
        if end < 0 and token != "//":
            line = text.count("\n", 0, found.start()) + 1
            raise DebateError([Problem("this comment is never closed", path=name, line=line)])
        end = len(text) if end < 0 else end if token == "//" else end + len(COMMENT_END[token])
        out += [text[position : found.start()], "\n" * text.count("\n", found.start(), end)]
        count += 1
        position = end
    out.append(text[position:])
    return "".join(out), count


def split_text(raw: str) -> tuple[str, list[str], str]:
    """An element's text without its #tags and trailing {data}: (text, tags, data)."""
    data = ""
    stripped = raw.rstrip()
    if stripped.endswith("}"):
        depth = 0
        for i in range(len(stripped) - 1, -1, -1):
            depth += {"}": 1, "{": -1}.get(stripped[i], 0)
            if depth == 0:
                data, stripped = stripped[i:], stripped[:i]
                break
    tags = [t[1:-1] if t.startswith("(") else t for t in TAG.findall(stripped)]
    text = " ".join(TAG.sub(" ", stripped).split())
    return text, tags, data
