"""Check that every evidence quote occurs verbatim in its source's text file.

A debate may come from someone else, so its `[[sources]] file =` paths are read only
inside the debate's own folder unless the user says otherwise: otherwise a quote check
would tell whoever wrote the debate whether some text occurs in any file the reader can
open (`/etc/passwd`, `../../.ssh/...`). A refused source gets one message that says the
same thing whether the file exists or not, and its quotes are not checked at all.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .display import one_line
from .loading import read_text
from .model import Debate
from .problems import DebateError, Problem

_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Collapse runs of whitespace (line breaks in the source, double spaces) to one space."""
    return _SPACE.sub(" ", text).strip()


def check_quotes(debate: Debate, base_dir: str | os.PathLike[str], allow_outside: bool = False) -> list[Problem]:
    """A problem for each quote not found in its source file, and each unreadable file.

    Source files that resolve outside BASE_DIR (`..`, absolute, a symlink out) are refused
    unless ALLOW_OUTSIDE, and their quotes go unchecked.
    """
    problems: list[Problem] = []
    texts: dict[str, str | None] = {}
    folder = Path(base_dir).resolve()
    for i, source in enumerate(debate.sources):
        if not source.file:
            continue
        path = Path(base_dir, source.file)
        if not allow_outside and not is_inside(path, folder):
            texts[source.id] = None
            problems.append(
                Problem(
                    f'source "{source.id}": file "{one_line(source.file)}" is outside the debate\'s folder; '
                    "not read (pass --allow-outside-sources to read it)",
                    ("sources", i, "file"),
                )
            )
            continue
        try:
            # storage's reader refuses directories, FIFOs and oversize files instead of hanging
            texts[source.id] = normalise(read_text(path))
        except DebateError as exc:
            texts[source.id] = None
            reason = "; ".join(p.message for p in exc.problems)
            problems.append(Problem(f'source file "{one_line(source.file)}" {reason}', ("sources", i, "file")))
    for i, item in enumerate(debate.evidence):
        if not item.quote or item.source not in texts:
            continue
        text = texts[item.source]
        if text is not None and normalise(item.quote) not in text:
            problems.append(
                Problem(
                    f'the quote does not occur in source "{one_line(item.source)}" '
                    f"({one_line(debate_source_file(debate, item.source))})",
                    ("evidence", i, "quote"),
                )
            )
    return problems


def debate_source_file(debate: Debate, source_id: str) -> str:
    for source in debate.sources:
        if source.id == source_id:
            return source.file or ""
    return ""


def is_inside(path: Path, folder: Path) -> bool:
    """Whether PATH, with every symlink and `..` resolved, lies inside FOLDER (resolved)."""
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError, ValueError):  # a symlink loop, a NUL in the name
        return False
    return resolved == folder or resolved.is_relative_to(folder)
