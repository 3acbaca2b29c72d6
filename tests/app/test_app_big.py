"""A debate of 10,000 claims: the tree loads lazily and a one-claim edit rebuilds nothing else."""

from __future__ import annotations

from pathlib import Path

from arguments.model import Claim, Debate
from arguments.storage import write_debate
from tests.conftest import press
from tui.app import DebateApp


def big_debate() -> Debate:
    claims = [Claim(id="motion", text="The motion", kind="thesis")]
    for i in range(100):
        claims.append(Claim(id=f"c{i}", text=f"Claim {i}", parent="motion", relation="supports"))
        claims += [Claim(id=f"c{i}-{j}", text=f"Reply {i}.{j}", parent=f"c{i}", relation="opposes") for j in range(99)]
    return Debate(title="Big", claims=claims)


def big_file(folder: Path) -> Path:
    path = folder / "big.toml"
    write_debate(big_debate(), path)
    return path


def seed_copy(folder: Path) -> Path:
    """The bundled debate, copied where the test may save it."""
    path = folder / "peru.toml"
    path.write_bytes((Path(__file__).parents[2] / "seeds" / "decentralization-peru.toml").read_bytes())
    return path


async def test_big_debate_opens_lazily_and_edits_touch_one_node(tmp_path: Path) -> None:
    app = DebateApp(big_file(tmp_path), autosave=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        tree = app.main.argument_tree
        assert len(app.debate.claims) == 10_001
        assert len(tree._claim_nodes) == 101  # the motion and its children, nothing deeper
        before = dict(tree._claim_nodes)
        app.main.select_claim("c50")
        await pilot.pause()
        await press(pilot, "plus", *"New reply", "enter")
        await pilot.pause()
        assert app.main.claim_id == "new-reply"
        for cid, node in before.items():  # every node shown before is the same object still
            assert tree._claim_nodes[cid] is node, cid
        assert len(tree._claim_nodes) == 101 + 100  # c50's 99 replies and the new one
        await press(pilot, "ctrl+z")
        assert "new-reply" not in tree._claim_nodes
        assert all(tree._claim_nodes[cid] is node for cid, node in before.items())


async def test_edits_under_an_open_motion_keep_every_other_node(tmp_path: Path) -> None:
    app = DebateApp(big_file(tmp_path), autosave=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        tree = app.main.argument_tree
        app.main.select_claim("c50-3")  # opens c50 too
        await pilot.pause()
        await pilot.pause()
        before = dict(tree._claim_nodes)
        assert len(before) == 1 + 100 + 99

        app.main.select_claim("motion")
        await pilot.pause()
        await press(pilot, "plus", *"Another point", "enter")
        assert all(tree._claim_nodes[cid] is node for cid, node in before.items())
        assert [n.data for n in tree._claim_nodes["motion"].children][-1] == "another-point"

        app.main.select_claim("c50")
        await pilot.pause()
        await pilot.press("K")  # c50 above c49: one of the two nodes is rebuilt, nothing else
        await pilot.pause()
        await pilot.pause()
        kids = [n.data for n in tree._claim_nodes["motion"].children]
        assert kids.index("c50") == kids.index("c49") - 1
        changed = [cid for cid, node in before.items() if tree._claim_nodes.get(cid) is not node]
        family = {"c50"} | {f"c50-{j}" for j in range(99)}
        assert set(changed) == {"c49"} or set(changed) <= family, changed
        assert tree._claim_nodes["c50"].is_expanded
        assert app.main.claim_id == "c50"

        await press(pilot, "ctrl+z", "ctrl+z")
        assert [n.data for n in tree._claim_nodes["motion"].children] == [f"c{i}" for i in range(100)]
        others = [cid for cid in before if cid != "c49" and not cid.startswith("c50")]
        assert all(tree._claim_nodes[cid] is before[cid] for cid in others)


def test_in_order_keeps_the_longest_run_already_in_place() -> None:
    from types import SimpleNamespace

    from tui.widgets.argument_tree import in_order

    def kept(old: str, new: str) -> str:
        nodes = [SimpleNamespace(data=c) for c in old]
        return "".join(n.data for n in in_order(nodes, {c: i for i, c in enumerate(new)}))  # type: ignore[arg-type]

    assert kept("abcde", "abcde") == "abcde"
    assert kept("abcde", "eabcd") == "abcd"  # one node moves, not four
    assert len(kept("abcde", "abdce")) == 4
    assert kept("edcba", "abcde") in set("abcde")
    assert kept("", "") == ""


async def test_stances_grouped_after_the_first_frame_show_the_same_counts(tmp_path: Path, monkeypatch) -> None:
    """A big debate's stances and evidence are grouped in a thread after the first frame;
    the counts and details shown before and after it arrives, and across an edit made
    while it runs, are those of the debate."""
    from arguments.summary import summarise
    from tui.screens import main as main_screen
    from tui.widgets.claim_details import describe_claim
    from tui.widgets.labels import claim_label

    monkeypatch.setattr(main_screen, "GROUP_ELSEWHERE_FROM", 0)
    app = DebateApp(seed_copy(tmp_path), autosave=False)
    async with app.run_test(size=(100, 32)) as pilot:
        records = app.main.records
        tree = app.main.argument_tree
        motion = tree.index.roots[0]
        await press(pilot, "m")  # the matrix, at once: a stance edited while the grouping may run
        await pilot.press("plus")
        await press(pilot, "escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not records._deferred  # noqa: SLF001 - the grouping arrived (or was made here)
        tree.expand_to_level(None)
        await pilot.pause()
        counts = summarise(app.debate)
        for cid, node in tree._claim_nodes.items():  # noqa: SLF001
            claim = tree.index.by_id[cid]
            assert node.label.plain == claim_label(claim, counts[cid], tree.links.get(cid, 0)).plain, cid
            assert describe_claim(app.debate, cid, records).plain == describe_claim(app.debate, cid).plain
        assert motion in tree._claim_nodes  # noqa: SLF001


async def test_the_details_follow_the_cursor_in_the_frame_it_moves_in(tmp_path: Path) -> None:
    """The details are drawn with the cursor's move, not a frame later when Textual's
    NodeHighlighted message arrives (20-40 ms at 100,000 claims in a real terminal)."""
    app = DebateApp(big_file(tmp_path), autosave=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        tree = app.main.argument_tree
        details = app.main.query_one("#details-body")
        for _ in range(3):
            tree.action_cursor_down()  # no message handled between this and the look below
            claim = tree.index.by_id[tree.claim_id]
            assert claim.text in str(details.render())


async def test_the_matrix_of_a_big_debate_shows_a_window_around_the_selected_claim(tmp_path: Path, monkeypatch) -> None:
    """100,000 claims by 50 stakeholders took minutes to lay out: the matrix shows a window
    of rows around the claim it is opened from, and its keys still change that claim."""
    from benchmarks.generate import generate
    from tui.screens import matrix
    from tui.screens.matrix import MatrixScreen

    monkeypatch.setattr(matrix, "MAX_ROWS", 40)
    path = tmp_path / "gen.toml"
    write_debate(Debate.model_validate(generate(300)), path)
    app = DebateApp(path, autosave=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.main.select_claim("c150")
        await pilot.pause()
        await press(pilot, "m")
        assert isinstance(app.screen, MatrixScreen)
        table = app.screen.query_one("#matrix")
        assert table.row_count == 40
        row = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        assert row == "c150"
        first = app.debate.stakeholders[0].id
        before = next((s.position for s in app.debate.stances if (s.claim, s.stakeholder) == ("c150", first)), None)
        target = 1 if before != 1 else 2
        await press(pilot, str(target))
        after = next(s.position for s in app.debate.stances if (s.claim, s.stakeholder) == ("c150", first))
        assert after == target


async def test_the_evidence_list_of_a_big_debate_lists_the_first_rows_and_says_so(tmp_path: Path, monkeypatch) -> None:
    from tui.screens import evidence

    monkeypatch.setattr(evidence, "MAX_ROWS", 3)
    app = DebateApp(seed_copy(tmp_path), autosave=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        total = len(app.debate.evidence)
        assert total > 3
        await press(pilot, "V")
        assert app.screen.query_one("#evidence-table").row_count == 3
        heading = str(app.screen.query_one("#evidence-heading").render())
        assert f"the first 3 of {total}" in heading


async def test_a_big_debate_is_analysed_in_a_thread_and_the_screen_opens_when_ready(
    tmp_path: Path, monkeypatch
) -> None:
    from arguments.analysis.report import analyse
    from tui import app as app_module
    from tui.screens import analysis as analysis_screen
    from tui.screens.analysis import AnalysisScreen

    monkeypatch.setattr(app_module, "ANALYSED_ASIDE_FROM", 0)
    app = DebateApp(seed_copy(tmp_path), autosave=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        expected = analyse(app.debate)

        def not_on_the_ui_thread(*args: object, **kwargs: object) -> None:
            raise AssertionError("the screen analysed the debate itself")

        monkeypatch.setattr(analysis_screen, "analyse", not_on_the_ui_thread)
        await pilot.press("A")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, AnalysisScreen)
        assert app.screen.analysis == expected
