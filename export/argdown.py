"""Argdown: every claim a statement, nested under its parent with `+` (supports) or `-`
(opposes); links as extra `+>` / `->` relations; the kind as a tag; stances, evidence,
notes and the user's tags as the statement's data.

Statement titles are the claim ids (slugs, which Argdown takes as they are). Claim text is
written on one line with every character Argdown gives meaning to backslash-escaped, so
no text can start a tag, a mention, a comment, data, front matter or a new statement.
"""

from __future__ import annotations

import json
import re

from arguments.model import Claim, Debate
from arguments.tree import ClaimTree

from . import ExportOptions, clean, links_in_scope

INDENT = "  "
SIGN = {"supports": "+", "opposes": "-"}
LINK_SIGN = {"supports": "+>", "opposes": "->"}

# Always special: escapes, mentions, tags, emphasis, titles, argument brackets, data.
_ALWAYS = r"\\@#*_\[\]<>{}"
# Special only in context: `.x.` / `:x:` are Argdown's named characters, `//` and `/*`
# open comments, `===` opens front matter.
# (Every branch starts with its character, none with a lookbehind, so the scan can skip
# ahead to the next candidate character.)
_ESCAPE = re.compile(rf"[{_ALWAYS}]|[.:](?=\S)|/(?=[/*])|=(?:(?==)|(?<===))")
# Argdown drops tabs and some runs of spaces between tokens: one space each keeps the text.
_BLANKS = re.compile(r"[ \t\n]+")
_PLAIN_TAG = re.compile(r"[A-Za-z0-9-]+")


def escape_text(text: str) -> str:
    """TEXT as the text of one Argdown statement: one line, blanks single, nothing Argdown
    would parse."""
    flat = clean(text)
    if "  " in flat or "\t" in flat or "\n" in flat:
        flat = _BLANKS.sub(" ", flat)
    return _ESCAPE.sub(lambda m: "\\" + m.group(0), flat)


_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')


def _data_json(value: object, dicts: int | None = None) -> str:
    """VALUE as flow YAML (JSON is YAML) that Argdown's data token cannot end early.
    DICTS: how many objects VALUE holds, when the caller knows (else they are counted)."""
    out = json.dumps(value, ensure_ascii=True)
    if dicts is None:
        dicts = _dict_count(value)
    if out.count("{") == dicts and out.count("}") == dicts:
        return out  # every brace is an object's: no string holds one
    # Inside strings only: braces there would confuse the lexer's search for the end.
    return _JSON_STRING.sub(lambda m: m.group(0).replace("{", "\\u007b").replace("}", "\\u007d"), out)


def _dict_count(value: object) -> int:
    if isinstance(value, dict):
        return 1 + sum(_dict_count(v) for v in value.values())
    if isinstance(value, list):
        return sum(_dict_count(v) for v in value)
    return 0


def _yaml_string(text: str) -> str:
    """TEXT as a YAML string for the front matter, which `===` in it would end."""
    return _data_json(clean(text)).replace("=", "\\u003d")


def _tags(claim: Claim) -> str:
    tags = [f"#{claim.kind}"]
    for tag in claim.tags:
        shown = clean(tag)
        if _PLAIN_TAG.fullmatch(shown):
            tags.append(f"#{shown}")
        elif "(" not in shown and ")" not in shown and "\n" not in shown and "\r" not in shown:
            tags.append(f"#({shown})")
        # Any other tag is kept in the data only.
    return " ".join(tags)


class _DataIndex:
    """Per-claim stances and evidence, gathered once so each statement is found in O(1)."""

    def __init__(self, debate: Debate, options: ExportOptions):
        self.stances: dict[str, dict[str, int]] = {}
        self.evidence: dict[str, list[dict[str, str]]] = {}
        if options.stances:
            for stance in debate.stances:
                self.stances.setdefault(stance.claim, {})[stance.stakeholder] = stance.position
        if options.evidence:
            citations = {s.id: s.citation for s in debate.sources}
            for item in debate.evidence:
                entry = {"relation": item.relation, "text": clean(item.text)}
                if item.source in citations:
                    entry["source"] = clean(citations[item.source])
                if item.locator:
                    entry["locator"] = clean(item.locator)
                self.evidence.setdefault(item.claim, []).append(entry)

    def of(self, claim: Claim) -> str:
        """The claim's data as `_data_json` writes it, or "" when it has none."""
        data: dict[str, object] = {}
        dicts = 1  # the objects in DATA, known from its shape: no need to walk it
        if claim.kind == "question" and claim.closed:
            data["closed"] = True
        if claim.id in self.stances:
            data["stances"] = self.stances[claim.id]
            dicts += 1
        if claim.id in self.evidence:
            evidence = data["evidence"] = self.evidence[claim.id]
            dicts += len(evidence)
        if claim.tags:
            data["tags"] = [clean(t) for t in claim.tags]
        if claim.notes:
            data["notes"] = clean(claim.notes)
        return _data_json(data, dicts) if data else ""


def _front_matter(debate: Debate) -> list[str]:
    lines = ["===", f"title: {_yaml_string(debate.title)}"]
    if debate.question:
        lines.append(f"subTitle: {_yaml_string(debate.question)}")
    lines += ["model:", "    removeTagsFromText: true", "==="]
    return lines


def render(debate: Debate, options: ExportOptions) -> str:
    """The debate as an Argdown document."""
    index = _DataIndex(debate, options)
    lines = _front_matter(debate)
    lines += ["", "// Claims nested as in the tree: + supports its parent, - opposes it."]
    tree = ClaimTree.of(debate)
    limit = options.depth
    scope = {cid: depth for cid, depth in tree.walk() if limit is None or depth <= limit}
    # Each statement is written while reading the claims in file order, where they lie
    # together in memory, then put in tree order: at 100,000 claims, visiting them in
    # tree order cost more in cache misses than the writing itself.
    statement: dict[str, str] = {}
    for claim in tree.by_id.values():
        depth = scope.get(claim.id)
        if depth is None:
            continue
        if depth == 0:
            head = f"[{claim.id}]: "
        else:
            head = f"{INDENT * depth}{SIGN[claim.relation or 'supports']} [{claim.id}]: "
        data = index.of(claim)
        tail = f" {data}" if data else ""
        statement[claim.id] = f"{head}{escape_text(claim.text)} {_tags(claim)}{tail}"
    for cid, depth in scope.items():
        if depth == 0:
            lines.append("")
        lines.append(statement[cid])
    included = set(scope)
    if not included:  # Argdown refuses a document with nothing in it but comments
        lines += ["", f"# {escape_text(debate.title)}"]
    links = links_in_scope(debate, included)
    if links:
        lines += ["", "// Links: claims that bear on more than their parent."]
    for link in links:
        lines += ["", f"[{link.from_}]", f"{INDENT}{LINK_SIGN[link.relation]} [{link.to}]"]
    return "\n".join(lines) + "\n"
