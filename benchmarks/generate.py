"""Deterministic synthetic debates for benchmarks, in every form the benchmarks time.

`generate(n)` builds a debate of N claims shaped like real Kialo discussions (branching of
a few children per claim, depth up to 12) with stakeholders, stances, evidence, sources and
links in the proportions of a worked workshop debate, and `write_all(n, out)` writes it as
TOML, JSON, the equivalent Argdown map and a Kialo export of the same size.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from arguments import toml_writer

WORDS = (  # noqa: SIM905 - one paragraph of words reads better than 48 quoted ones
    "municipal budget transfer region mayor council law reform power local authority "
    "district province election fiscal revenue service water road school health ngo "
    "donor association community leader state executive congress bill debate policy "
    "capacity training autonomy accountability corruption participation planning "
    "development rural urban peasant women organization commission strategy resource"
).split()
MAX_DEPTH = 12


def _text(rng: random.Random, low: int = 8, high: int = 30) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def generate(n: int, seed: int = 7) -> dict[str, Any]:
    """A debate of N claims as plain data (the shape `arguments.storage.to_data` gives)."""
    rng = random.Random(seed + n)
    n_stakeholders = max(5, min(50, n // 200))
    stakeholders = [
        {
            "id": f"s{i}",
            "name": f"Stakeholder {i} " + _text(rng, 1, 3).rstrip("."),
            "group": rng.choice(["national government", "local government", "civil society", "party"]),
            "level": rng.choice(["national", "regional", "local"]),
            "power": rng.randint(1, 5),
            "interest": rng.randint(1, 5),
            "interests": _text(rng, 5, 12),
        }
        for i in range(n_stakeholders)
    ]
    sources = [
        {"id": f"src{i}", "citation": f"Author {i} (20{i % 25:02d}). " + _text(rng, 3, 8)}
        for i in range(max(3, n // 100))
    ]
    claims: list[dict[str, Any]] = [{"id": "c0", "text": "The motion: " + _text(rng), "kind": "thesis"}]
    depth = [0]
    for i in range(1, n):
        while True:
            # Prefer recent claims as parents: discussions grow where people are talking.
            parent = rng.randrange(max(0, i - 50), i) if rng.random() < 0.6 else rng.randrange(i)
            if depth[parent] < MAX_DEPTH:
                break
        depth.append(depth[parent] + 1)
        claim = {
            "id": f"c{i}",
            "text": _text(rng),
            "parent": f"c{parent}",
            "relation": "supports" if rng.random() < 0.5 else "opposes",
        }
        if rng.random() < 0.05:
            claim["kind"] = "question"
        claims.append(claim)
    evidence = [
        {
            "id": f"e{i}",
            "claim": f"c{rng.randrange(n)}",
            "relation": "supports" if rng.random() < 0.7 else "undermines",
            "text": _text(rng, 6, 15),
            "quote": _text(rng, 10, 25),
            "source": f"src{rng.randrange(len(sources))}",
            "locator": f"p. {rng.randint(1, 300)}",
            "kind": rng.choice(["statistic", "testimony", "case", "document"]),
            "reliability": rng.randint(1, 5),
        }
        for i in range(n // 2)
    ]
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < 2 * n and len(pairs) < n * n_stakeholders // 2:
        pairs.add((rng.randrange(n_stakeholders), rng.randrange(n)))
    stances = [
        {
            "stakeholder": f"s{s}",
            "claim": f"c{c}",
            "position": rng.randint(-3, 3),
            "basis": rng.choice(["stated", "inferred"]),
            "rationale": _text(rng, 5, 12),
        }
        for s, c in sorted(pairs)
    ]
    links = []
    for _ in range(n // 50):
        a, b = rng.randrange(1, n), rng.randrange(1, n)
        if a != b:
            links.append({"from": f"c{a}", "to": f"c{b}", "relation": rng.choice(["supports", "opposes"])})
    return {
        "schema": 1,
        "title": f"Synthetic debate of {n} claims",
        "question": "Should the synthetic motion pass?",
        "sources": sources,
        "stakeholders": stakeholders,
        "claims": claims,
        "links": links,
        "evidence": evidence,
        "stances": stances,
    }


def _children(claims: list[dict[str, Any]]) -> dict[str | None, list[dict[str, Any]]]:
    kids: dict[str | None, list[dict[str, Any]]] = {}
    for claim in claims:
        kids.setdefault(claim.get("parent"), []).append(claim)
    return kids


def to_argdown(data: dict[str, Any]) -> str:
    """The same map in Argdown: one statement per claim, +/- relations by indentation."""
    kids = _children(data["claims"])
    lines = [f"# {data['title']}", ""]
    stack = [(c, 0) for c in reversed(kids[None])]
    while stack:
        claim, level = stack.pop()
        mark = "" if level == 0 else ("+ " if claim["relation"] == "supports" else "- ")
        lines.append(f"{'  ' * level}{mark}[{claim['id']}]: {claim['text']}")
        stack.extend((k, level + 1) for k in reversed(kids.get(claim["id"], [])))
    return "\n".join(lines) + "\n"


def to_kialo(data: dict[str, Any]) -> str:
    """The same tree as a Kialo discussion export (`1.`, `1.1. Pro: ...`)."""
    kids = _children(data["claims"])
    lines = [f"Discussion Title: {data['title']}", ""]
    stack = [(c, "1.") for c in kids[None][:1]]
    while stack:
        claim, number = stack.pop()
        if claim.get("parent") is None:
            lines.append(f"{number} {claim['text']}")
        else:
            side = "Pro" if claim["relation"] == "supports" else "Con"
            lines.append(f"{number} {side}: {claim['text']}")
        children = kids.get(claim["id"], [])
        stack.extend((k, f"{number}{i}.") for i, k in reversed(list(enumerate(children, start=1))))
    return "\n".join(lines) + "\n"


def write_all(n: int, out: Path) -> dict[str, Path]:
    """Write the debate of N claims in every form; return the paths by form."""
    out.mkdir(parents=True, exist_ok=True)
    data = generate(n)
    paths = {
        "toml": out / f"debate-{n}.toml",
        "json": out / f"debate-{n}.json",
        "argdown": out / f"debate-{n}.argdown",
        "kialo": out / f"debate-{n}.kialo.txt",
    }
    paths["toml"].write_text(toml_writer.dumps(data), encoding="utf-8")
    paths["json"].write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    paths["argdown"].write_text(to_argdown(data), encoding="utf-8")
    paths["kialo"].write_text(to_kialo(data), encoding="utf-8")
    return paths


if __name__ == "__main__":
    import sys

    for size in (int(a) for a in sys.argv[1:] or ["100", "1000", "10000", "50000"]):
        for form, path in write_all(size, Path(__file__).parent / "out").items():
            print(f"{form:8} {path}")
