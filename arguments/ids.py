"""New record ids: a readable slug from the text, made unique against the debate's ids."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from operator import attrgetter

from .model import Debate

ID_TABLES = ("sources", "stakeholders", "claims", "evidence", "coalitions", "scenarios")
"""Tables whose records have an `id`; ids are unique across all of them."""

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 40


def slugify(text: str, fallback: str = "item") -> str:
    """`"Él paga: 50%!"` -> `"el-paga-50"`: lowercase ASCII words joined by `-`, at most 40."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", folded.lower()).strip("-")
    if len(slug) > MAX_SLUG:
        cut = slug[:MAX_SLUG]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return slug or fallback


_ID = attrgetter("id")


def all_ids(debate: Debate) -> Iterable[str]:
    for table in ID_TABLES:
        yield from map(_ID, getattr(debate, table))


def unique_id(debate: Debate, text: str, fallback: str = "item") -> str:
    """A slug of TEXT not yet used by any record of the debate (`-2`, `-3`... appended)."""
    base = slugify(text, fallback)
    ids = list(all_ids(debate))
    if base not in ids:  # the common case, and a scan in C: no set of every id is built
        return base
    taken = {rid for rid in ids if rid.startswith(base)}
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
