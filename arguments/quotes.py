"""Check that every evidence quote occurs verbatim in its source's text file."""

from __future__ import annotations

import os
import re
from pathlib import Path

from .model import Debate
from .problems import DebateError, Problem
from .storage import read_text

_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Collapse runs of whitespace (line breaks in the source, double spaces) to one space."""
    return _SPACE.sub(" ", text).strip()


def check_quotes(debate: Debate, base_dir: str | os.PathLike[str]) -> list[Problem]:
    """A problem for each quote not found in its source file, and each unreadable file."""
    problems: list[Problem] = []
    texts: dict[str, str | None] = {}
    for i, source in enumerate(debate.sources):
        if not source.file:
            continue
        path = Path(base_dir, source.file)
        try:
            # storage's reader refuses directories, FIFOs and oversize files instead of hanging
            texts[source.id] = normalise(read_text(path))
        except DebateError as exc:
            texts[source.id] = None
            reason = "; ".join(p.message for p in exc.problems)
            problems.append(Problem(f'source file "{source.file}" {reason}', ("sources", i, "file")))
    for i, item in enumerate(debate.evidence):
        if not item.quote or item.source not in texts:
            continue
        text = texts[item.source]
        if text is not None and normalise(item.quote) not in text:
            problems.append(
                Problem(
                    f'the quote does not occur in source "{item.source}" ({debate_source_file(debate, item.source)})',
                    ("evidence", i, "quote"),
                )
            )
    return problems


def debate_source_file(debate: Debate, source_id: str) -> str:
    for source in debate.sources:
        if source.id == source_id:
            return source.file or ""
    return ""
