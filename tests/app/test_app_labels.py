"""Tree labels: the stance and evidence counts come before the text, at a fixed width, so a
narrow tree cuts the text and never the counts."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len

from arguments.model import Claim
from arguments.summary import ClaimSummary
from tests.conftest import press
from tui.app import DebateApp
from tui.widgets.labels import claim_label, summary_prefix


def test_the_prefix_is_as_wide_whatever_it_counts() -> None:
    widths = {
        cell_len(summary_prefix(summary).plain)
        for summary in (
            None,
            ClaimSummary(),
            ClaimSummary(support=3, oppose=1, evidence_for=2),
            ClaimSummary(support=12, oppose=0),
            ClaimSummary(evidence_against=9),
        )
    }
    assert len(widths) == 1


def test_a_label_reads_mark_counts_then_text() -> None:
    claim = Claim(id="c", text="Tolls repay it", parent="m", relation="opposes", kind="question")
    summary = ClaimSummary(support=3, oppose=1, evidence_for=1, evidence_against=1)
    label = claim_label(claim, summary, links=2)
    words = label.plain.split()
    assert words == ["−", "con", "▲3▼1", "ev2", "?", "Tolls", "repay", "it", "↔2"]
    # Colour is never the only cue, but it is there: support green, opposition red.
    styles = {label.plain[span.start : span.end]: str(span.style) for span in label.spans}
    assert styles["▲3"] == "green" and styles["▼1"] == "red"


async def test_counts_are_on_screen_at_80_columns(small_debate_file: Path) -> None:
    app = DebateApp(small_debate_file, autosave=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "asterisk")
        tree = app.main.argument_tree
        rows = {tree.get_node_at_line(y).data: tree.render_line(y).text for y in range(tree.last_line + 1)}  # type: ignore[union-attr]
        # The motion: council +2, shops -1; "traffic" has one piece of evidence.
        assert "▲1▼1" in rows["motion"]
        assert "ev1" in rows["traffic"]
        # Before the text, where cutting a long line cannot reach them.
        assert rows["motion"].index("▲1▼1") < rows["motion"].index("The town")
        assert rows["traffic"].index("ev1") < rows["traffic"].index("The bridge")
