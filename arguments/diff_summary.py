"""What one version of a debate changes from another, a short line per change (the app's
recovery dialog lists them before restoring edits)."""

from __future__ import annotations

from .diff import diff_debates
from .model import Debate


def difference_lines(old: Debate, new: Debate) -> list[str]:
    """A line per changed record (plus the header, reorders and stance history) from OLD to NEW."""
    diff = diff_debates(old, new)
    lines = [f"title, question or description: {f.name} edited" for f in diff.header]
    for record in diff.records:
        fields = ", ".join(f.name for f in record.fields)
        lines.append(f"{record.table} {record.key}: {', '.join(record.kinds)}" + (f" ({fields})" if fields else ""))
    lines += [f"claims reordered under {r.parent or 'the top'}" for r in diff.reorders]
    if diff.history_added or diff.history_removed:
        lines.append(f"stance history: {len(diff.history_added)} added, {len(diff.history_removed)} removed")
    return lines
