"""Markdown escaping for the exporters: the shared line format lives in
`arguments.handout_format` so that the Markdown importer need not import `export/`."""

from arguments.handout_format import (
    ALWAYS_ESCAPED,
    FORMAT_LINE,
    escape,
    escape_inline,
    escape_light,
    find_unescaped,
    unescape,
)

# re-exported for the section writers
__all__ = [
    "ALWAYS_ESCAPED",
    "FORMAT_LINE",
    "escape",
    "escape_inline",
    "escape_light",
    "find_unescaped",
    "unescape",
]
