"""A debate of 10,000 claims: the tree loads lazily and a one-claim edit rebuilds nothing else."""

from __future__ import annotations

from pathlib import Path

from arguments.model import Claim, Debate
from arguments.storage import write_debate
from tui.app import DebateApp


def big_debate() -> Debate:
    claims = [Claim(id="motion", text="The motion", kind="thesis")]
    for i in range(100):
        claims.append(Claim(id=f"c{i}", text=f"Claim {i}", parent="motion", relation="supports"))
        claims += [
            Claim(id=f"c{i}-{j}", text=f"Reply {i}.{j}", parent=f"c{i}", relation="opposes") for j in range(99)
        ]
    return Debate(title="Big", claims=claims)


async def test_big_debate_opens_lazily_and_edits_touch_one_node(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    write_debate(big_debate(), path)
    app = DebateApp(path, autosave=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        tree = app.main.argument_tree
        assert len(app.debate.claims) == 10_001
        assert len(tree._claim_nodes) == 101  # the motion and its children, nothing deeper
        before = dict(tree._claim_nodes)
        app.main.select_claim("c50")
        await pilot.pause()
        await pilot.press("plus", *"New reply", "enter")
        await pilot.pause()
        await pilot.pause()
        assert app.main.claim_id == "new-reply"
        for cid, node in before.items():  # every node shown before is the same object still
            assert tree._claim_nodes[cid] is node, cid
        assert len(tree._claim_nodes) == 101 + 100  # c50's 99 replies and the new one
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "new-reply" not in tree._claim_nodes
        assert all(tree._claim_nodes[cid] is node for cid, node in before.items())
