"""The debatemap app: its keys and the screens they open.

The debate, its file and the one apply path are in `DebateAppCore` (app_core.py); saving
(saving.py) and the room (room/app_room.py) are mixed in.
"""

from __future__ import annotations

import contextlib
import gc
from typing import TYPE_CHECKING

from textual import work
from textual.app import App

from arguments.model import Debate
from arguments.snapshot import snapshot

from .app_core import DebateAppCore
from .app_keys import APP_BINDINGS
from .palette import DebateCommands
from .room.app_room import RoomMixin, RoomOptions
from .save_ahead import SavesAhead
from .saving import SavingMixin
from .screens.main import MainScreen

if TYPE_CHECKING:
    from arguments.analysis.report import Analysis

ANALYSED_ASIDE_FROM = 5_000
"""Claims from which the analysis is made in a thread before its screen opens."""


class DebateApp(RoomMixin, SavesAhead, SavingMixin, DebateAppCore):
    """Navigate and edit one debate file; see `?` for the keys."""

    CSS_PATH = "app.tcss"
    TITLE = "debatemap"
    COMMANDS = App.COMMANDS | {DebateCommands}
    AUTOSAVE_SECONDS = 3.0
    BINDINGS = APP_BINDINGS

    def on_mount(self) -> None:
        self.push_screen(MainScreen())
        # A loaded debate is ~a million long-lived objects: every full collection walked
        # them all (77 ms at 10,000 claims, landing on random keypresses). Frozen, the
        # collector skips them; they stay alive as long as the app anyway.
        self.call_after_refresh(gc.freeze)
        if self.start_presenting:
            self.call_after_refresh(self.action_present)
        if self.room_options is not None and not self.read_only:
            self.call_after_refresh(self.open_room)
        if self.bundled:
            self.notify(
                f"This is the bundled debate: saving writes a working copy to {self.workfile.path}",
                markup=False,
            )
        if self.autosave:
            self.set_interval(self.AUTOSAVE_SECONDS, self.autosave_now)
        if not self.read_only:
            self.call_after_refresh(self.offer_recovery)

    async def on_unmount(self) -> None:
        gc.unfreeze()  # let what the app held be collected once it is gone (tests open many)
        await self.close_room(quitting=True)  # quitting ends every participant's session

    def action_help_quit(self) -> None:
        """ctrl+c: say how to quit, as plain text (Textual's own message is markup)."""
        self.notify("Press ctrl+q to quit the app.", title="Do you want to quit?", markup=False)

    def action_cursor(self, direction: str) -> None:
        """j / k: move the cursor of whichever list or table has focus (a text field types them)."""
        move = getattr(self.focused, f"action_cursor_{direction}", None)
        if move is not None:
            move()

    # ------------------------------------------------------------ screens

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_search(self) -> None:
        from .screens.search import SearchScreen

        self.push_screen(SearchScreen(), self.jump_to)

    def jump_to(self, target: tuple[str, str] | None) -> None:
        """Show a search or palette result: ("claim", id) or ("stakeholder", id)."""
        if target is None:
            return
        kind, rid = target
        while not isinstance(self.screen, MainScreen):
            self.pop_screen()
        if kind == "claim":
            self.main.select_claim(rid)
        elif kind == "stakeholder":
            self.action_stakeholders(rid)

    def action_stakeholders(self, select: str | None = None) -> None:
        from .screens.stakeholders import StakeholdersScreen

        self.push_screen(StakeholdersScreen(select))

    def action_matrix(self) -> None:
        from .screens.matrix import MatrixScreen

        self.push_screen(MatrixScreen(self.main.claim_id))

    def action_present(self) -> None:
        from .screens.presenter import PresenterScreen

        self.push_screen(PresenterScreen(self.main.claim_id))

    def action_analysis(self, of_selected_claim: bool = False) -> None:
        """The analysis of the motion (of the selected claim when asked, from the palette).
        A big debate is analysed in a thread, the app answering keys meanwhile: at 100,000
        claims the analysis takes 6 s."""
        from .screens.analysis import AnalysisScreen

        claim = self.main.claim_id if of_selected_claim else None
        if len(self.debate.claims) < ANALYSED_ASIDE_FROM:
            self.push_screen(AnalysisScreen(self.debate, claim=claim))
            return
        self.notify(f"Analysing {len(self.debate.claims):,} claims: the analysis opens when it is ready.", markup=False)
        self._analyse_aside(snapshot(self.debate), claim, self.history.state)

    # A description of our own: Textual would repr the arguments (the whole debate).
    @work(thread=True, exclusive=True, group="analysis", description="analyse the debate")
    def _analyse_aside(self, debate: Debate, claim: str | None, state: int) -> None:
        from arguments.analysis.report import analyse

        done = analyse(debate, claim=claim)
        with contextlib.suppress(RuntimeError):  # the app closed meanwhile
            self.call_from_thread(self._analysis_ready, debate, done, claim, state)

    def _analysis_ready(self, debate: Debate, done: Analysis, claim: str | None, state: int) -> None:
        from .screens.analysis import AnalysisScreen

        if state != self.history.state:  # edited meanwhile: what was analysed is gone
            self.notify("The debate changed while it was analysed: analysing it again.", markup=False)
            self._analyse_aside(snapshot(self.debate), claim, self.history.state)
            return
        self.push_screen(AnalysisScreen(debate, claim=claim, analysis=done))

    def action_questions(self) -> None:
        from .screens.questions import QuestionsScreen

        self.push_screen(QuestionsScreen())

    def action_evidence(self) -> None:
        from .screens.evidence import EvidenceScreen

        self.push_screen(EvidenceScreen())


def run_app(
    path: str, present: bool = False, read_only: bool = False, room: RoomOptions | None = None, served: bool = False
) -> None:
    """Open the app on PATH; PRESENT starts in presenter mode; READ_ONLY refuses every
    change; ROOM opens the room at once; SERVED (for a browser) turns exports into
    downloads and offers no save-as. A file that cannot be loaded raises `DebateError`
    before any screen opens. A big file shows a progress bar while it loads."""
    from .loading import opening

    with opening(path):
        app = DebateApp(path, present=present, read_only=read_only, room=room, served=served)
    app.run()
