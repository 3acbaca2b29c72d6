"""Saving what changed: each record's canonical text kept from the last save.

Records are never changed in place: an operation replaces a record with a new object
(`operations.primitives.Splice`). So the text of a record, kept under `id(record)` with the
record itself held alive (its id cannot be reused while held), stays right for as long as
that very object is in the debate; an edited record is a new object and is written anew.
A save of 100,000 claims after one edit dumps one record and reuses the rest; records with
`#` comments are written each time (their comments may be changed in place). The text is
handed on as pieces (`pieces`), never joined whole: one join of a 73 MB save held Python's
lock for 40 ms, a stall of the app's keys; the writer joins and encodes a MiB at a time.
The texts can also be made elsewhere (`seed`, see `record_texts`).

The bytes are exactly those of `storage.dumps_debate` (a property test checks it over
random edits, comments and polls included). Other formats than TOML are dumped whole.
"""

from __future__ import annotations

import contextlib
import itertools
import threading
import time
from array import array
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NamedTuple, cast

from . import comments as comment_notes
from . import toml_writer
from .model import TABLES, Debate
from .storage import dumps_debate

BATCH = 200
"""Records dumped between two calls of a save's `pause` (about 5 ms of work)."""


SEED_WAIT = 30.0
"""Seconds a dump waits for texts being made elsewhere before it makes them itself."""

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
    ids: array[int]
    records: list[Any]
    """The records the ids belong to, held so that no id is reused while cached."""
    text_of: dict[int, str]
    """Text by record id, for the records without comments."""
    texts: tuple[str, ...]
    """The table's text, a piece per record."""
    commented: bool
    """Some of the texts hold comments (those are not in `text_of`)."""


class SaveCache:
    """Canonical TOML text per record, reused while the record object is unchanged.

    Shared by the save, autosave and save-ahead threads: one dumps at a time, so that the
    others find its records done rather than dumping them too.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._not_seeding = threading.Event()
        self._not_seeding.set()
        self._tables: dict[str, _Table] = {}
        self.dumped = 0
        """Records dumped anew by the last call (the rest came from the cache)."""

    def dumps(self, debate: Debate, fmt: str = "toml", pause: Callable[[], None] | None = None) -> str:
        """`dumps_debate(DEBATE, FMT)`, re-dumping only records not seen by an earlier call.

        PAUSE, if given, is called every `BATCH` records dumped anew: a save thread waits
        there while the user is typing, so that it does not take the UI thread's turns;
        after `PAUSE_BUDGET` seconds paused in all, the dump goes on without pausing.
        """
        return "".join(self.pieces(debate, fmt, pause))

    def pieces(self, debate: Debate, fmt: str = "toml", pause: Callable[[], None] | None = None) -> Iterator[str]:
        """`dumps` as pieces whose concatenation is the text (a piece per record, mostly)."""
        if fmt != "toml":
            return iter([dumps_debate(debate, fmt)])
        self._not_seeding.wait(SEED_WAIT)  # the texts being made elsewhere come sooner than ours
        if pause is not None:
            pause = _budgeted(pause)
        # The collector is left running: pausing it here paused it for the UI thread too,
        # and the first collection after a long save then walked everything allocated
        # meanwhile (30-90 ms, on a key). A dump frees what it allocates as it goes.
        with self._lock:
            return self._pieces_toml(debate, pause)

    @contextlib.contextmanager
    def seeding(self) -> Iterator[None]:
        """While inside, record texts are being made elsewhere, to be `seed`ed: `pieces`
        waits for them (at most `SEED_WAIT` seconds) rather than dumping them too."""
        self._not_seeding.clear()
        try:
            yield
        finally:
            self._not_seeding.set()

    def seed(self, table: str, records: list[Any], texts: tuple[str, ...]) -> None:
        """Take TEXTS as the canonical text of RECORDS (as `_record_text` without comments
        makes it), unless the table's texts are known already. RECORDS is held as it is
        (not copied): a list that no one changes, a `snapshot`'s."""
        if len(records) != len(texts):
            raise ValueError(f"{len(records)} {table} but {len(texts)} texts")
        with self._lock:
            if table not in self._tables:
                ids = _ids(records)
                self._tables[table] = _Table(ids, records, _mapping(ids, texts), texts, False)

    def _dumped_one(self, pause: Callable[[], None] | None) -> None:
        self.dumped += 1
        if pause is not None and self.dumped % BATCH == 0:
            pause()

    def _pieces_toml(self, debate: Debate, pause: Callable[[], None] | None) -> Iterator[str]:
        notes_of = debate._comments
        noted = {table for (table, _key), notes in notes_of.records.items() if notes} if notes_of else set()
        pointer = debate._editor_schema
        out: list[tuple[str, ...]] = [(f"#:schema {pointer}\n",)] if pointer and "\n" not in pointer else []
        out.append((_top_text(debate, notes_of),))
        self.dumped = 0
        for table in TABLES:
            records = getattr(debate, table)
            if records:
                out.append(self._table_texts(table, records, notes_of if table in noted else None, pause))
        out.append((comment_notes.trailer_text(notes_of),))
        return itertools.chain.from_iterable(out)

    def _table_texts(
        self, table: str, records: list[Any], notes_of: Any, pause: Callable[[], None] | None
    ) -> tuple[str, ...]:
        # The work is in C where it can be (map, list equality, zip): at 100,000 claims a
        # save after one edit walks the records once in Python, to find the new ones.
        ids = _ids(records)
        last = self._tables.get(table)
        if last is not None and notes_of is None and _same(last.ids, ids):
            return last.texts
        texts = _known_texts(last, ids)
        header = toml_writer.key(table)
        if notes_of is None:
            for index in [i for i, text in enumerate(texts) if text is None]:
                texts[index] = _record_text(table, header, records[index], None)
                self._dumped_one(pause)
            text_of = _mapping(ids, texts)  # type: ignore[arg-type]
        else:  # records with comments are written each time: their comments may change
            text_of = {}
            for index, key in enumerate(comment_notes.keys_of(table, records)):
                notes = notes_of.records.get((table, key))
                if notes or texts[index] is None:
                    texts[index] = _record_text(table, header, records[index], notes)
                    self._dumped_one(pause)
                if not notes:
                    text_of[ids[index]] = cast(str, texts[index])
        done = tuple(cast(list[str], texts))  # every None was dumped above
        self._tables[table] = _Table(ids, list(records), text_of, done, notes_of is not None)
        return done


# Whole-table steps in C (100,000 ids mapped, compared, zipped into a dict) each held
# Python's lock for 5-50 ms, a stall of the app's keys: they go a `STEP` at a time, so
# that the UI thread can take its turn between steps. The ids are an array and the texts
# a tuple: the garbage collector never walks the one and walks the other once, where a
# young list of 100,000 items was walked by every collection of the youngest generation
# (10-30 ms each, on whichever thread allocated, often the UI thread).

STEP = 4096
"""Records handled per step of the whole-table work (well under a millisecond each)."""


def _ids(records: list[Any]) -> array[int]:
    ids = array("Q")
    for start in range(0, len(records), STEP):
        ids.extend(map(id, records[start : start + STEP]))
    return ids


def _same(old: array[int], new: array[int]) -> bool:
    if len(old) != len(new):
        return False
    return all(old[start : start + STEP] == new[start : start + STEP] for start in range(0, len(new), STEP))


def _known_texts(last: _Table | None, ids: array[int]) -> list[str | None]:
    """The texts known for IDS (None where not known), a step at a time; a step whose ids
    are those of the last call takes its texts as they were."""
    if last is None:
        return [None] * len(ids)
    texts: list[str | None] = []
    aligned = len(last.ids) == len(ids) and not last.commented
    for start in range(0, len(ids), STEP):
        end = start + STEP
        if aligned and last.ids[start:end] == ids[start:end]:
            texts += last.texts[start:end]
        else:
            texts += map(last.text_of.get, ids[start:end])
    return texts


def _mapping(ids: array[int], texts: Sequence[str]) -> dict[int, str]:
    text_of: dict[int, str] = {}
    for start in range(0, len(ids), STEP):
        text_of.update(zip(ids[start : start + STEP], texts[start : start + STEP]))
    return text_of


def _top_text(debate: Debate, notes_of: Any) -> str:
    top: dict[str, Any] = {"schema": debate.schema_, "title": debate.title}
    if debate.question:
        top["question"] = debate.question
    if debate.description:
        top["description"] = debate.description
    if notes_of:
        return comment_notes.top_text(top, notes_of)
    return toml_writer.dumps(top, skip_empty=True)


def record_text(table: str, record: Any) -> str:
    """The canonical text of RECORD of TABLE, without comments (as a save writes it)."""
    return _record_text(table, toml_writer.key(table), record, None)


def _record_text(table: str, header: str, record: Any, notes: Any) -> str:
    data = record.model_dump(by_alias=True)
    if notes:
        return comment_notes.record_text(table, data, notes)
    out: list[str] = []
    toml_writer._table(out, header, data, True)
    return "".join(out)
