"""A stance matrix (CSV) merged into an existing debate.

The shape is what `export/csv_export.py` writes: a header row `claim, text, <stakeholder
ids...>`, then one row per claim with each stakeholder's position (-3..3) or a blank.
Hand-made variants are accepted when they are unambiguous:

- the delimiter may be `,`, `;` or a tab (whichever the header uses most);
- the claim column may be headed `claim`, `id` or `claim_id`; without one, a `text`
  column names claims by their exact text;
- a stakeholder column may be headed by the stakeholder's id, full name or short name
  (exactly, ignoring case);
- a position may carry a sign (`+2`), a spreadsheet's text mark (`'-1`) or a `.0`.

A blank cell leaves the stance as it was; a number sets the position (an existing stance
keeps its basis, rationale and evidence; a new one is `inferred`). Columns and rows that
name no stakeholder or claim are reported, never guessed. A cell that is not a position
is an error naming its line and column.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable

from arguments.integrity import check_integrity
from arguments.model import Debate, Stance
from arguments.problems import DebateError, Problem

from . import ImportResult
from .builder import DebateBuilder

CLAIM_HEADERS = ("claim", "id", "claim_id")
POSITION = re.compile(r"^'?\s*([+-]?\d+)(?:\.0+)?\s*$")


def parse_into(debate: Debate, text: str, name: str) -> ImportResult:
    """DEBATE with the stances of the matrix in TEXT merged in; DebateError if malformed."""
    rows = _rows(text.removeprefix("\ufeff"), name)
    if not rows:
        raise DebateError([Problem("the file is empty: expected a header row", path=name, line=1)])
    report = DebateBuilder(name)
    header_line, header = rows[0]
    keys = [h.strip().lower() for h in header]
    key_col = next((keys.index(k) for k in CLAIM_HEADERS if k in keys), None)
    text_col = keys.index("text") if "text" in keys else None
    if key_col is None and text_col is None:
        raise DebateError(
            [Problem("the header has no 'claim' (id) or 'text' column to name the claims", path=name, line=header_line)]
        )
    columns = _stakeholder_columns(debate, header, {key_col, text_col}, report)
    claim_of = _claim_lookup(debate, by_text=key_col is None, report=report)
    positions: dict[tuple[str, str], int] = {}
    seen: dict[str, int] = {}
    for line, row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue
        label_col = key_col if key_col is not None else text_col
        label = row[label_col].strip() if label_col is not None and label_col < len(row) else ""
        claim = claim_of(label)
        if claim is None:
            report.drop("rows naming no claim of the debate", label or f"line {line}")
            continue
        if claim in seen:
            raise DebateError(
                [Problem(f'claim "{claim}" already has a row on line {seen[claim]}', path=name, line=line)]
            )
        seen[claim] = line
        for col, stakeholder in columns.items():
            cell = row[col].strip() if col < len(row) else ""
            if not cell:
                continue
            match = POSITION.match(cell)
            value = int(match.group(1)) if match else None
            if value is None or not -3 <= value <= 3:
                raise DebateError(
                    [
                        Problem(
                            f"column {header[col]!r}: {cell[:40]!r} is not a position from -3 to 3",
                            path=name,
                            line=line,
                        )
                    ]
                )
            positions[(stakeholder, claim)] = value
    merged = _merge(debate, positions)
    found = check_integrity(merged)
    if found:
        raise DebateError([Problem(f"the merged debate is inconsistent: {p}", path=name) for p in found])
    return ImportResult(merged, report.dropped())


def _rows(text: str, name: str) -> list[tuple[int, list[str]]]:
    first = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows = []
    try:
        for row in reader:
            rows.append((reader.line_num, row))
    except csv.Error as exc:
        raise DebateError([Problem(f"not valid CSV: {exc}", path=name, line=reader.line_num + 1)]) from None
    return rows


def _stakeholder_columns(
    debate: Debate, header: list[str], skip: set[int | None], report: DebateBuilder
) -> dict[int, str]:
    """Column index -> stakeholder id, matching ids, then names, then short names exactly."""
    by_id = {s.id: s.id for s in debate.stakeholders}
    names: dict[str, list[str]] = {}
    for s in debate.stakeholders:
        for label in {s.name.strip().lower(), (s.short or "").strip().lower()} - {""}:
            names.setdefault(label, []).append(s.id)
    out: dict[int, str] = {}
    for col, title in enumerate(header):
        if col in skip:
            continue
        label = title.strip()
        if label in by_id:
            out[col] = label
        elif len(names.get(label.lower(), [])) == 1:
            out[col] = names[label.lower()][0]
        elif label.lower() in names:
            report.drop("columns naming more than one stakeholder", label)
        else:
            report.drop("columns naming no stakeholder of the debate", label or f"column {col + 1}")
    taken: dict[str, int] = {}
    for col, sid in list(out.items()):
        if sid in taken:
            report.drop("second columns for the same stakeholder", header[col])
            del out[col]
        else:
            taken[sid] = col
    return out


def _claim_lookup(debate: Debate, by_text: bool, report: DebateBuilder) -> Callable[[str], str | None]:
    """A function from a row's label to a claim id (None when it names no single claim)."""
    if not by_text:
        ids = {c.id for c in debate.claims}
        return lambda label: label if label in ids else None
    texts: dict[str, list[str]] = {}
    for c in debate.claims:
        texts.setdefault(c.text.strip(), []).append(c.id)

    def lookup(label: str) -> str | None:
        found = texts.get(label.removeprefix("'").strip(), [])
        if len(found) > 1:
            report.drop("rows whose text matches more than one claim", label)
            return None
        return found[0] if found else None

    return lookup


def _merge(debate: Debate, positions: dict[tuple[str, str], int]) -> Debate:
    stances: list[Stance] = []
    for stance in debate.stances:
        key = (stance.stakeholder, stance.claim)
        if key in positions:
            stance = stance.model_copy(update={"position": positions.pop(key)})
        stances.append(stance)
    stances += [Stance(stakeholder=s, claim=c, position=p) for (s, c), p in positions.items()]
    return debate.model_copy(update={"stances": stances})
