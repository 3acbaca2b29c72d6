"""The room's section of the Markdown handout: a small histogram per polled claim."""

from __future__ import annotations

from arguments.model import Debate, Poll
from arguments.polls import answered, mean

from .md_escape import escape

HEADING = "Where the room stood"
BARS = " ▁▂▃▄▅▆▇█"
"""Bar heights, from nobody to the most-chosen position."""


def histogram(counts: list[int]) -> str:
    """COUNTS as one line of bars from -3 to +3, e.g. `−3 ▁▂▄█▆▂▁ +3`."""
    top = max(counts) or 1
    bars = "".join(BARS[0 if not n else max(1, round(n * (len(BARS) - 1) / top))] for n in counts)
    return f"−3 {bars} +3"


def _line(poll: Poll) -> str:
    n = answered(poll.counts)
    value = mean(poll.counts)
    average = f"mean {value:+.1f}" if value is not None else "no answers"
    when = poll.opened if not poll.closed else f"{poll.opened} to {poll.closed}"
    counts = " ".join(str(c) for c in poll.counts)
    return f"`{histogram(poll.counts)}` {n} answered, {average} (counts {counts}; {escape(when)})"


def section(debate: Debate, level: int = 2) -> str:
    """A Markdown section with each poll of the room, in claim order; empty without polls."""
    if not debate.polls:
        return ""
    texts = {c.id: c.text for c in debate.claims}
    order = {c.id: i for i, c in enumerate(debate.claims)}
    lines = [f"{'#' * level} {HEADING}", ""]
    for poll in sorted(debate.polls, key=lambda p: (order.get(p.claim, len(order)), p.opened)):
        claim = escape(texts.get(poll.claim, poll.claim))
        lines.append(f"- *{claim}*: {_line(poll)}")
    return "\n".join(lines) + "\n"
