"""A copy of a debate that another thread may write while the app goes on editing."""

from __future__ import annotations

from typing import Any

from .model import Debate


def snapshot(debate: Debate) -> Debate:
    """A copy safe to write from another thread: records are replaced, never changed in
    place, so copying the lists is enough (and cheap)."""
    data: dict[str, Any] = {name: list(value) if isinstance(value, list) else value for name, value in debate}
    copy = Debate.model_construct(**data)
    copy.__pydantic_private__ = dict(debate.__pydantic_private__ or {})  # its comments and schema line
    return copy
