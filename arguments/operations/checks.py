"""Shared steps of the edit constructors: find a record, validate a new one, plain errors."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from pydantic import ValidationError

from ..ids import all_ids, unique_id
from ..model import Debate, Record
from .primitives import OperationError, Splice


def _index(items: Sequence[Any], rid: str, what: str) -> int:
    for i, record in enumerate(items):
        if record.id == rid:
            return i
    raise OperationError(f'there is no {what} "{rid}"')


def _exists(items: Sequence[Any], rid: str) -> bool:
    return any(record.id == rid for record in items)


def _build(kind: type[Record], data: dict[str, Any]) -> Any:
    """Validate a whole record; the first problem becomes a plain `OperationError`."""
    try:
        return kind.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in err["loc"]) or kind.__name__.lower()
        raise OperationError(f"{where}: {err['msg']}") from None


def _merged(record: Record, fields: dict[str, Any], fixed: Sequence[str]) -> Any:
    for name in fixed:
        if name in fields and fields[name] != getattr(record, name):
            raise OperationError(f"{name} cannot be changed here")
    return _build(type(record), {**record.model_dump(by_alias=False), **fields})


def _not_blank(value: str, what: str) -> None:
    if not value.strip():
        raise OperationError(f"{what} cannot be empty")


def _new_id(debate: Debate, rid: str | None, text: str, fallback: str) -> str:
    if rid is None or rid == "":
        return unique_id(debate, text, fallback)
    if any(existing == rid for existing in all_ids(debate)):
        raise OperationError(f'id "{rid}" is already used')
    return rid


def _replace(debate: Debate, table: str, index: int, record: Record) -> Splice:
    return Splice(table, index, 1, (record,))


def _rewrite(debate: Debate, table: str, fn: Callable[[Any], Any]) -> list[Splice]:
    """Splices that apply FN to every record (same object: keep, None: remove, else replace).

    Indices go from last to first so that each splice leaves the earlier ones valid.
    """
    ops: list[Splice] = []
    items = getattr(debate, table)
    for i in range(len(items) - 1, -1, -1):
        new = fn(items[i])
        if new is None:
            ops.append(Splice(table, i, 1, ()))
        elif new is not items[i]:
            ops.append(Splice(table, i, 1, (new,)))
    return ops


def _without(values: list[str], gone: set[str]) -> list[str] | None:
    """VALUES minus GONE, or None when nothing would change."""
    kept = [v for v in values if v not in gone]
    return None if len(kept) == len(values) else kept


def _depth(parents: dict[str, str | None], claim_id: str) -> int:
    depth, node, seen = 0, parents.get(claim_id), {claim_id}
    while node is not None and node not in seen:
        seen.add(node)
        depth += 1
        node = parents.get(node)
    return depth
