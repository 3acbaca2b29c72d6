"""TSV: the stance matrix of the csv export, tab-separated, for spreadsheets and shell tools.

Same table as `csv_export`: a header `claim`, `text`, then the stakeholder ids; one row per
claim with each stakeholder's position (-3..3) or blank. Tabs and line breaks (also
U+2028 and U+2029) inside a claim's text become one space, so every line is one row and every tab a column boundary
(`cut -f2` works); a text cell that would start a formula gets a leading `'` as in csv.
Lines end with `\\n`. A cell holding `"` is quoted the way spreadsheets expect (Python's
`excel-tab` dialect), so a spreadsheet reads the text back exactly.
"""

from __future__ import annotations

import csv
import io
import re

from arguments.model import Debate

from . import ExportOptions, claims_in_scope, clean
from .csv_export import neutralise

_BREAKS = re.compile("[\t\r\n\u2028\u2029]+")
"""Tabs and line breaks, also the Unicode line and paragraph separators that some readers
split lines on (other control characters are made visible by `clean`)."""


def cell_text(text: str) -> str:
    """TEXT as one TSV cell: cleaned, tabs and line breaks made one space, formulas defused."""
    return neutralise(_BREAKS.sub(" ", clean(text)))


def render(debate: Debate, options: ExportOptions) -> str:
    """The stance matrix as tab-separated values."""
    columns = [s.id for s in debate.stakeholders]
    position: dict[tuple[str, str], int] = {(s.claim, s.stakeholder): s.position for s in debate.stances}
    buffer = io.StringIO()
    writer = csv.writer(buffer, dialect="excel-tab", lineterminator="\n")
    writer.writerow(["claim", "text", *columns])
    for claim, _ in claims_in_scope(debate, options):
        writer.writerow([claim.id, cell_text(claim.text), *(position.get((claim.id, sid), "") for sid in columns)])
    return buffer.getvalue()
