"""CSV: the stance matrix, one row per claim and one column per stakeholder.

The header is `claim`, `text`, then the stakeholder ids; each cell is the stakeholder's
position on the claim (-3..3) or blank. A spreadsheet runs a text cell that starts with
`=`, `+`, `-`, `@`, a tab or a carriage return as a formula, so such text cells get a
leading `'`; numbers stay numbers.
"""

from __future__ import annotations

import csv
import io

from arguments.model import Debate

from . import ExportOptions, claims_in_scope, clean

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """A text cell a spreadsheet shows as text, never runs: `'` before a formula start
    (also when only blanks come before it)."""
    if cell.startswith(FORMULA_START) or cell.lstrip().startswith(FORMULA_START):
        return "'" + cell
    return cell


def render(debate: Debate, options: ExportOptions) -> str:
    """The stance matrix as CSV (RFC 4180: CRLF line ends, quotes where needed)."""
    columns = [s.id for s in debate.stakeholders]
    position: dict[tuple[str, str], int] = {(s.claim, s.stakeholder): s.position for s in debate.stances}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["claim", "text", *columns])
    for claim, _ in claims_in_scope(debate, options):
        cells = [position.get((claim.id, sid), "") for sid in columns]
        writer.writerow([claim.id, neutralise(clean(claim.text)), *cells])
    return buffer.getvalue()
