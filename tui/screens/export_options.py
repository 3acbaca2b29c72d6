"""The export dialog's options: what `debatemap export` offers as flags, as two choices."""

from __future__ import annotations

from typing import Any

from export import ExportOptions

from .form import FormField

LEAVE_OUT = [("nothing", ""), ("evidence", "evidence"), ("stances", "stances"), ("evidence and stances", "both")]
EXTRAS = [("none", ""), ("analysis", "analysis"), ("stance history", "shifts"), ("analysis and stance history", "both")]


def option_fields() -> list[FormField]:
    """`--no-evidence` / `--no-stances` and `--with-analysis` / `--with-shifts`, one line each."""
    return [
        FormField("leave_out", "Leave out (--no-evidence, --no-stances)", "", "choice", LEAVE_OUT),
        FormField("extras", "Add sections (markdown, html)", "", "choice", EXTRAS),
    ]


def export_options(values: dict[str, Any]) -> ExportOptions:
    """The options the dialog's VALUES ask for."""
    leave_out, extras = values.get("leave_out") or "", values.get("extras") or ""
    return ExportOptions(
        evidence=leave_out not in ("evidence", "both"),
        stances=leave_out not in ("stances", "both"),
        analysis=extras in ("analysis", "both"),
        shifts=extras in ("shifts", "both"),
    )
