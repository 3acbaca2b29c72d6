"""Saving what changed: each record's canonical text kept from the last save.

Records are never changed in place: an operation replaces a record with a new object
(`operations.primitives.Splice`). So the text of a record, kept under `id(record)` with the
record itself held alive (its id cannot be reused while held), stays right for as long as
that very object is in the debate; an edited record is a new object and is written anew.
A save of 100,000 claims after one edit dumps one record and joins the rest; records with
`#` comments are written each time (their comments may be changed in place).

The bytes are exactly those of `storage.dumps_debate` (a property test checks it over
random edits, comments and polls included). Other formats than TOML are dumped whole.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, NamedTuple

from . import comments as comment_notes
from . import toml_writer
from .model import TABLES, Debate
from .storage import dumps_debate, paused_gc

BATCH = 200
"""Records dumped between two calls of a save's `pause` (about 5 ms of work)."""


PAUSE_BUDGET = 3.0
"""Seconds a dump may spend paused: keys held without end must not hold a save back."""


def _budgeted(pause: Callable[[], None]) -> Callable[[], None]:
    spent = 0.0

    def paused() -> None:
        nonlocal spent
        if spent < PAUSE_BUDGET:
            start = time.monotonic()
            pause()
            spent += time.monotonic() - start

    return paused


class _Table(NamedTuple):
    ids: list[int]
    records: list[Any]
    """The records the ids belong to, held so that no id is reused while cached."""
    text_of: dict[int, str]
    """Text by record id, for the records without comments."""
    joined: str


class SaveCache:
    """Canonical TOML text per record, reused while the record object is unchanged.

    Shared by the save, autosave and save-ahead threads: one dumps at a time, so that the
    others find its records done rather than dumping them too.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tables: dict[str, _Table] = {}
        self.dumped = 0
        """Records dumped anew by the last call (the rest came from the cache)."""

    def dumps(self, debate: Debate, fmt: str = "toml", pause: Callable[[], None] | None = None) -> str:
        """`dumps_debate(DEBATE, FMT)`, re-dumping only records not seen by an earlier call.

        PAUSE, if given, is called every `BATCH` records dumped anew: a save thread waits
        there while the user is typing, so that it does not take the UI thread's turns;
        after `PAUSE_BUDGET` seconds paused in all, the dump goes on without pausing.
        """
        if fmt != "toml":
            return dumps_debate(debate, fmt)
        if pause is not None:
            pause = _budgeted(pause)
        with self._lock, paused_gc():
            return self._dumps_toml(debate, pause)

    def _dumped_one(self, pause: Callable[[], None] | None) -> None:
        self.dumped += 1
        if pause is not None and self.dumped % BATCH == 0:
            pause()

    def _dumps_toml(self, debate: Debate, pause: Callable[[], None] | None) -> str:
        notes_of = debate._comments
        noted = {table for (table, _key), notes in notes_of.records.items() if notes} if notes_of else set()
        out = [_top_text(debate, notes_of)]
        self.dumped = 0
        for table in TABLES:
            records = getattr(debate, table)
            if records:
                out.append(self._table_text(table, records, notes_of if table in noted else None, pause))
        out.append(comment_notes.trailer_text(notes_of))
        text = "".join(out)
        pointer = debate._editor_schema
        return f"#:schema {pointer}\n{text}" if pointer and "\n" not in pointer else text

    def _table_text(self, table: str, records: list[Any], notes_of: Any, pause: Callable[[], None] | None) -> str:
        # The work is in C where it can be (map, list equality, zip): at 100,000 claims a
        # save after one edit walks the records once in Python, to find the new ones.
        ids = list(map(id, records))
        last = self._tables.get(table)
        if last is not None and notes_of is None and last.ids == ids:
            return last.joined
        texts: list[str | None] = list(map(last.text_of.get, ids)) if last is not None else [None] * len(ids)
        header = toml_writer.key(table)
        if notes_of is None:
            for index in [i for i, text in enumerate(texts) if text is None]:
                texts[index] = _record_text(table, header, records[index], None)
                self._dumped_one(pause)
            text_of = dict(zip(ids, texts))
        else:  # records with comments are written each time: their comments may change
            text_of = {}
            for index, key in enumerate(comment_notes.keys_of(table, records)):
                notes = notes_of.records.get((table, key))
                if notes or texts[index] is None:
                    texts[index] = _record_text(table, header, records[index], notes)
                    self._dumped_one(pause)
                if not notes:
                    text_of[ids[index]] = texts[index]
        joined = "".join(texts)  # type: ignore[arg-type]
        self._tables[table] = _Table(ids, list(records), text_of, joined)  # type: ignore[arg-type]
        return joined


def _top_text(debate: Debate, notes_of: Any) -> str:
    top: dict[str, Any] = {"schema": debate.schema_, "title": debate.title}
    if debate.question:
        top["question"] = debate.question
    if debate.description:
        top["description"] = debate.description
    if notes_of:
        return comment_notes.top_text(top, notes_of)
    return toml_writer.dumps(top, skip_empty=True)


def _record_text(table: str, header: str, record: Any, notes: Any) -> str:
    data = record.model_dump(by_alias=True)
    if notes:
        return comment_notes.record_text(table, data, notes)
    out: list[str] = []
    toml_writer._table(out, header, data, True)
    return "".join(out)
