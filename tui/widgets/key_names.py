"""Keys as people type them (`]`, `/`, `+`), never Textual's names (`right_square_bracket`)."""

from __future__ import annotations

from textual.binding import Binding
from textual.keys import format_key

WORDS = {"enter": "enter", "escape": "esc", "space": "space", "delete": "del", "backspace": "backspace"}
"""Keys better read as a word than as a symbol."""


def key_text(keys: str) -> str:
    """`plus,equals_sign` → `+, =`."""
    return ", ".join(WORDS.get(k, format_key(k)) for k in keys.split(","))


def binding_keys(binding: Binding) -> str:
    """The keys of BINDING as shown in help and the palette (its own display when set)."""
    return binding.key_display or key_text(binding.key)
