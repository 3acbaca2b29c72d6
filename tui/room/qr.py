"""A QR code drawn with half-block characters, two modules per character cell."""

from __future__ import annotations

import segno


def qr_lines(data: str, border: int = 2) -> list[str]:
    """DATA as a QR code: lines of `█▀▄ ` where a full block is a light module, so the code
    reads on a dark terminal (dark modules on light, as scanners expect)."""
    code = segno.make(data, error="m")
    rows = [[bool(v) for v in row] for row in code.matrix_iter(scale=1, border=border)]
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    lines = []
    for top, bottom in zip(rows[::2], rows[1::2]):
        line = []
        for dark_top, dark_bottom in zip(top, bottom):
            light_top, light_bottom = not dark_top, not dark_bottom
            line.append("█" if light_top and light_bottom else "▀" if light_top else "▄" if light_bottom else " ")
        lines.append("".join(line))
    return lines
