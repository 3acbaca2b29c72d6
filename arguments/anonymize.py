"""Chatham House exports: the debate with its stakeholders made anonymous, before any renderer.

`groups` names each stakeholder by kind and level only ("a regional municipal
association"), telling apart those that share a label with letters ("a local government
A", "… B"); `all` by letters alone ("Stakeholder A", "Stakeholder B", …), their group
cleared. Their names, short names, ids (also written with spaces), and acronyms in
brackets in their names are replaced wherever they occur (the name also without its
bracketed part): in every free-text field of every record (claims, evidence, rationales,
notes, coalition and scenario names, title) and inside other records' ids
(`amresam-success` becomes `regional-municipal-association-success`), so the same ids
still link up. A label shared by a single stakeholder identifies them: `anonymize` returns
a warning for each, for the caller to print.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .model import Debate

Mode = Literal["groups", "all"]
MODES: tuple[str, ...] = ("groups", "all")

ID_KEYS = frozenset(
    {"id", "claim", "parent", "source", "stakeholder", "members", "evidence", "evidence_shown", "presented", "dropped"}
)
"""Keys whose values are ids (or lists of ids) in the debate's plain data."""
ENUM_KEYS = frozenset({"kind", "relation", "level", "basis", "at", "schema", "$schema"})
_ACRONYM = re.compile(r"\(([A-Z][A-Z0-9]{1,})\)")


@dataclass(frozen=True)
class Anonymized:
    debate: Debate
    labels: dict[str, str]
    """Original stakeholder id -> the name it now has."""
    warnings: list[str]
    """One line per stakeholder the anonymous label still singles out."""


def _letters(n: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    out = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def _article(noun: str) -> str:
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun


def _labels(debate: Debate, mode: Mode) -> tuple[dict[str, str], list[str]]:
    if mode == "all":
        return {s.id: f"Stakeholder {_letters(i)}" for i, s in enumerate(debate.stakeholders)}, []
    kinds: dict[str, list[str]] = {}
    for s in debate.stakeholders:
        group = " ".join(s.group.split()) or "actor"
        noun = group if s.level in group.lower() else f"{s.level} {group}"
        noun = f"{noun} actor" if noun.lower() == s.level else noun
        kinds.setdefault(_article(noun.lower()), []).append(s.id)
    labels: dict[str, str] = {}
    warnings: list[str] = []
    for noun, members in kinds.items():
        if len(members) == 1:
            labels[members[0]] = noun
            warnings.append(f'"{noun}" is the only stakeholder of its kind and level, and may be identifiable')
        else:
            for i, sid in enumerate(members):
                labels[sid] = f"{noun} {_letters(i)}"
    return labels, warnings


def _pattern(terms: list[str]) -> re.Pattern[str] | None:
    terms = sorted({t for t in terms if t.strip()}, key=len, reverse=True)
    if not terms:
        return None
    body = "|".join(re.escape(t) for t in terms)
    return re.compile(rf"(?:\bthe\s+)?(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def anonymize(debate: Debate, mode: Mode) -> Anonymized:
    """DEBATE with its stakeholders anonymous (see the module docstring); DEBATE is unchanged."""
    labels, warnings = _labels(debate, mode)
    new_ids = {sid: re.sub(r"^an?-", "", slug(label)) for sid, label in labels.items()}
    text_terms: dict[str, str] = {}
    id_terms: dict[str, str] = {}
    for s in debate.stakeholders:
        label = labels[s.id]
        bare = re.sub(r"\s*\([^)]*\)", "", s.name).strip()  # "Town council (TC)" is also said "Town council"
        for term in (
            s.name,
            bare,
            s.short or "",
            s.id,
            s.id.replace("-", " "),
            s.id.replace("_", " "),
            *_ACRONYM.findall(s.name),
        ):
            if term.strip():
                # a term two stakeholders share (an acronym of both factions) gets their common kind
                previous = text_terms.get(term.lower())
                text_terms[term.lower()] = label if previous in (None, label) else re.sub(r" [A-Z]+$", "", previous)
        for term in (s.id, slug(s.name), slug(s.short or "")):
            if term and term != "x":
                id_terms.setdefault(term, new_ids[s.id])
    text_re = _pattern(list(text_terms))
    id_re = (
        re.compile(
            r"(?<![a-z0-9])("
            + "|".join(re.escape(t) for t in sorted(id_terms, key=len, reverse=True))
            + r")(?![a-z0-9])"
        )
        if id_terms
        else None
    )

    def text(value: str) -> str:
        if text_re is None:
            return value

        def swap(match: re.Match[str]) -> str:
            found = match.group(0)
            core = found.lower()
            if core not in text_terms:
                core = re.sub(r"^the\s+", "", core)
            label = text_terms[core]
            start = match.start() == 0 or value[: match.start()].rstrip().endswith((".", ":", "\n"))
            return label[0].upper() + label[1:] if start else label

        return text_re.sub(swap, value)

    taken = set(new_ids.values())
    renamed: dict[str, str] = {}

    def ident(value: str) -> str:
        if value in new_ids:
            return new_ids[value]
        if value not in renamed:
            # ids are unique across tables: a claim named like a stakeholder gets a suffix
            found = id_re.sub(lambda m: id_terms[m.group(1)], value)[:76].rstrip("-_") if id_re else value
            found = found or value
            candidate, n = found, 1
            while candidate in taken and found != value:
                n += 1
                candidate = f"{found}-{n}"
            taken.add(candidate)
            renamed[value] = candidate
        return renamed[value]

    def walk(value: object, key: str = "") -> object:
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, key) for v in value]
        if not isinstance(value, str) or key in ENUM_KEYS:
            return value
        return ident(value) if key in ID_KEYS or (key in ("from", "to") and _is_id(value)) else text(value)

    data = debate.model_dump(by_alias=True)
    people = data.pop("stakeholders")
    out = walk(data)
    assert isinstance(out, dict)
    out["stakeholders"] = [
        {
            **_as_dict(walk({k: v for k, v in person.items() if k not in ("id", "name", "short")})),
            "id": new_ids[person["id"]],
            "name": labels[person["id"]][0].upper() + labels[person["id"]][1:],
            **({"group": ""} if mode == "all" else {}),  # letters alone: the kind of actor could single them out
        }
        for person in people
    ]
    return Anonymized(Debate.model_validate(out), labels, warnings)


def _as_dict(value: object) -> dict[str, object]:
    assert isinstance(value, dict)
    return value


def _is_id(value: str) -> bool:
    return re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,79}", value) is not None
