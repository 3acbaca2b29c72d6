"""The room inside the running app: real aiohttp WebSocket clients answer into the
facilitator's debate, which records polls, proposals and stances through the apply path."""

from __future__ import annotations

import asyncio
import json
import secrets
from pathlib import Path

import aiohttp
import pytest

from arguments import operations as ops
from arguments.storage import read_debate
from tests.conftest import press
from tui.app import DebateApp
from tui.room.app_room import RoomOptions
from tui.room.inbox_screen import InboxScreen
from tui.room.join_screen import JoinScreen
from tui.screens.presenter import PresenterScreen

SIZE = (110, 40)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ops, "now", lambda: "2026-11-29T10:15")


def room_app(path: Path, **options: object) -> DebateApp:
    return DebateApp(path, autosave=False, present=True, room=RoomOptions(port=0, **options))  # type: ignore[arg-type]


class Phone:
    """One participant: a WebSocket that says hello with its own id."""

    def __init__(self, session: aiohttp.ClientSession, url: str, pid: str | None = None) -> None:
        self.session, self.url = session, url
        self.pid = pid or secrets.token_hex(12)
        self.states: list[dict] = []

    async def __aenter__(self) -> Phone:
        self.ws = await self.session.ws_connect(self.url.replace("http://", "ws://") + "/ws")
        await self.ws.send_json({"t": "hello", "pid": self.pid})
        self.state = await self.until("state")
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.ws.close()

    async def until(self, kind: str) -> dict:
        while True:
            message = await asyncio.wait_for(self.ws.receive(), 5)
            assert message.type == aiohttp.WSMsgType.TEXT, message
            data = json.loads(message.data)
            if data["t"] == "state":
                self.state = data
            if data["t"] == kind:
                return data

    async def shows(self, claim: str) -> dict:
        """The state once the page shows CLAIM (earlier states may still be queued)."""
        while self.state["claim"] is None or self.state["claim"]["id"] != claim:
            await self.until("state")
        return self.state

    async def vote(self, position: int) -> dict:
        await self.ws.send_json({"t": "vote", "claim": self.state["claim"]["id"], "position": position})
        return await self.until("ack")


async def settle(pilot, app: DebateApp) -> None:
    await pilot.pause(0.3)
    app.room.flush()  # type: ignore[union-attr]
    await pilot.pause()


async def test_answers_land_in_the_presented_claims_poll_and_are_saved(small_debate_file: Path) -> None:
    app = room_app(small_debate_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        assert isinstance(app.screen, JoinScreen)
        url = app.room.url  # type: ignore[union-attr]
        await press(pilot, "escape")
        assert isinstance(app.screen, PresenterScreen)
        async with (
            aiohttp.ClientSession() as session,
            Phone(session, url) as a,
            Phone(session, url) as b,
            Phone(session, url) as c,
        ):
            assert a.state["claim"]["id"] == "motion" and a.state["title"] == "Small debate"
            await a.vote(2)
            await b.vote(2)
            await c.vote(-3)
            await c.vote(1)  # changed their mind: counted once
            await settle(pilot, app)
            assert [p.counts for p in app.debate.polls] == [[0, 0, 0, 0, 1, 2, 0]]
            await pilot.press("right")  # the presenter moves on: the phones follow
            await settle(pilot, app)
            moved = await a.shows("traffic")
            assert moved["claim"]["id"] == "traffic" and moved["answer"] is None
            await a.vote(-1)
            await settle(pilot, app)
            await pilot.press("left")  # back to the motion: the same poll, reopened
            await settle(pilot, app)
            await b.shows("motion")
            await b.vote(-2)
            await settle(pilot, app)
            await pilot.press("ctrl+s")
            await pilot.pause(0.3)
    saved = read_debate(small_debate_file)
    assert [(p.claim, p.counts) for p in saved.polls] == [
        ("motion", [0, 1, 0, 0, 1, 1, 0]),
        ("traffic", [0, 0, 1, 0, 0, 0, 0]),
    ]
    assert saved.polls[1].closed is not None


async def test_a_returning_phone_replaces_its_answer(small_debate_file: Path) -> None:
    app = room_app(small_debate_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        url = app.room.url  # type: ignore[union-attr]
        async with aiohttp.ClientSession() as session:
            async with Phone(session, url, pid="same-phone-0123456789") as first:
                await first.vote(3)
            async with Phone(session, url, pid="same-phone-0123456789") as again:
                assert again.state["answer"] == 3  # the page shows what they chose
                await again.vote(-3)
            await settle(pilot, app)
        assert app.debate.polls[0].counts == [1, 0, 0, 0, 0, 0, 0]
        assert app.room.state.joined() == 1  # type: ignore[union-attr]


async def test_a_proposal_becomes_a_claim_only_when_accepted_and_undo_removes_it(small_debate_file: Path) -> None:
    app = room_app(small_debate_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        await pilot.press("escape")
        url = app.room.url  # type: ignore[union-attr]
        before = len(app.debate.claims)
        async with aiohttp.ClientSession() as session, Phone(session, url) as phone:
            await phone.ws.send_json({"t": "propose", "relation": "opposes", "text": "[/]Floods <b>wash</b> it away"})
            await phone.until("sent")
            await phone.ws.send_json({"t": "ask", "text": "Who pays for upkeep?"})
            await phone.until("sent")
        await pilot.pause()
        assert len(app.debate.claims) == before
        await pilot.press("I")
        await pilot.pause(0.5)
        assert isinstance(app.screen, InboxScreen)
        await press(pilot, "a")
        added = app.debate.claims[-1]
        assert (added.text, added.parent, added.relation) == ("[/]Floods <b>wash</b> it away", "motion", "opposes")
        await pilot.press("d")  # the question is dismissed
        await pilot.pause()
        assert app.room.state.inbox == []  # type: ignore[union-attr]
        assert len(app.debate.claims) == before + 1
        await press(pilot, "ctrl+z")
        assert len(app.debate.claims) == before


async def test_speaking_for_a_stakeholder_waits_for_the_facilitator(small_debate_file: Path) -> None:
    app = room_app(small_debate_file, speak_for=["shops"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        await pilot.press("escape")
        url = app.room.url  # type: ignore[union-attr]
        async with aiohttp.ClientSession() as session, Phone(session, url) as phone:
            assert phone.state["speak_for"] == [{"id": "shops", "label": "Shop owners"}]
            await phone.ws.send_json({"t": "speak", "stakeholder": "council"})  # not allowed
            assert "not opened" in (await phone.until("error"))["message"]
            await phone.ws.send_json({"t": "name", "name": "Ana"})
            await phone.until("state")
            await phone.ws.send_json({"t": "speak", "stakeholder": "shops"})
            await phone.until("state")
            await phone.vote(2)
        await settle(pilot, app)
        shops = next(s for s in app.debate.stances if s.stakeholder == "shops" and s.claim == "motion")
        assert shops.position == -1  # unchanged until accepted
        await pilot.press("I")
        await pilot.pause(0.5)
        line = app.screen.query_one("#inbox-list").get_option_at_index(0).prompt.plain  # type: ignore[attr-defined]
        assert "Ana (for Shop owners) says +2" in line
        await press(pilot, "a")
    shops = next(s for s in app.debate.stances if s.stakeholder == "shops" and s.claim == "motion")
    assert shops.position == 2
    change = app.debate.stance_changes[-1]
    assert (change.stakeholder, change.to, change.note) == ("shops", 2, "said in the room by Ana")


async def test_closing_the_room_ends_every_session(small_debate_file: Path) -> None:
    app = room_app(small_debate_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        url = app.room.url  # type: ignore[union-attr]
        async with aiohttp.ClientSession() as session:
            async with Phone(session, url) as phone:
                await pilot.press("R")
                await pilot.pause(0.3)
                assert app.room is None
                message = await asyncio.wait_for(phone.ws.receive(), 5)
                assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING)
            with pytest.raises(aiohttp.ClientError):
                async with session.get(url) as response:
                    await response.read()


async def test_a_proposal_can_be_edited_before_it_is_accepted(small_debate_file: Path) -> None:
    app = room_app(small_debate_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        await pilot.press("escape", "right")  # present the claim "traffic"
        await pilot.pause()
        async with (
            aiohttp.ClientSession() as session,
            Phone(session, app.room.url) as phone,  # type: ignore[union-attr]
        ):
            await phone.ws.send_json({"t": "propose", "relation": "supports", "text": "Fewer crashs"})
            await phone.until("sent")
        await pilot.press("I")
        await pilot.pause(0.5)
        await press(pilot, "e")
        field = app.screen.query_one("Input")
        field.value = "Fewer crashes at the ford"  # type: ignore[attr-defined]
        await press(pilot, "enter")
    added = app.debate.claims[-1]
    assert (added.text, added.parent, added.relation) == ("Fewer crashes at the ford", "traffic", "supports")


async def test_a_read_only_view_opens_no_room(small_debate_file: Path) -> None:
    app = DebateApp(small_debate_file, autosave=False, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "R")
        assert app.room is None


def test_a_room_on_every_interface_shows_a_reachable_address() -> None:
    from tui.room.controller import Room

    room = Room(None, host="0.0.0.0", code="fixed-code")  # type: ignore[arg-type]
    room.server.port = 8765
    assert room.url.endswith(":8765/j/fixed-code") and "0.0.0.0" not in room.url
    codes = {Room(None).code for _ in range(50)}  # type: ignore[arg-type]
    # short enough to type from the projector, random enough (64 bits) that no one guesses it
    assert len(codes) == 50 and all(len(code) == 11 for code in codes)


async def test_the_rooms_answers_are_in_the_recovery_copy_after_a_crash(small_debate_file: Path) -> None:
    from arguments.workfile import WorkFile

    app = room_app(small_debate_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        await pilot.press("escape")
        async with (
            aiohttp.ClientSession() as session,
            Phone(session, app.room.url) as a,
            Phone(session, app.room.url) as b,  # type: ignore[union-attr]
        ):
            await a.vote(3)
            await b.vote(-1)
        await settle(pilot, app)
        app.autosave_now()  # what the timer does every few seconds
        await app.workers.wait_for_complete()
    recovered = WorkFile(small_debate_file).recovery()
    assert recovered is not None and [p.counts for p in recovered.polls] == [[0, 0, 1, 0, 0, 0, 1]]
    assert read_debate(small_debate_file).polls == []  # the user's file waits for ctrl+s


async def test_the_facilitator_lets_participants_speak_for_stakeholders(small_debate_file: Path) -> None:
    app = room_app(small_debate_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        async with (
            aiohttp.ClientSession() as session,
            Phone(session, app.room.url) as phone,  # type: ignore[union-attr]
        ):
            assert phone.state["speak_for"] == []  # off by default
            await pilot.press("s")
            state = await phone.until("state")
            assert [s["id"] for s in state["speak_for"]] == ["council", "shops"]
            assert "speak for 2 stakeholder(s)" in app.screen.query_one("#join-body").render().plain  # type: ignore[attr-defined]


async def test_the_claim_details_show_the_rooms_answers_on_the_selected_claim(small_debate_file: Path) -> None:
    from tui.widgets.room_panel import RoomPanel

    app = room_app(small_debate_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        async with (
            aiohttp.ClientSession() as session,
            Phone(session, app.room.url) as a,
            Phone(session, app.room.url) as b,  # type: ignore[union-attr]
        ):
            await pilot.press("escape")
            await a.shows("motion")
            await a.vote(2)
            await b.vote(-1)
            await settle(pilot, app)
            await pilot.press("escape")  # leave the presenter: back to the tree on the motion
            await pilot.pause(0.5)
            panel = app.screen.query_one("#details").query_one(RoomPanel)
            shown = panel.render().plain  # type: ignore[attr-defined]
            assert "2 joined · 2 answered · mean +0.5" in shown
            details = app.screen.query_one("#details-body").render().plain  # type: ignore[attr-defined]
            assert "Room polls (1)" in details and "2 answered, mean +0.5" in details


async def test_reopening_the_room_starts_new_polls_with_their_own_keys(small_debate_file: Path) -> None:
    app = room_app(small_debate_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        await pilot.press("escape")
        await pilot.pause(0.3)
        await pilot.press("R")  # close
        await pilot.pause(0.3)
        await pilot.press("R")  # open again, a new session
        await pilot.pause(0.5)
        await pilot.press("escape")
        await pilot.pause(0.5)
        polls = app.debate.polls
        assert [p.claim for p in polls] == ["motion", "motion"]
        assert polls[0].opened != polls[1].opened and polls[0].closed is not None and polls[1].closed is None


async def test_undo_reaches_the_facilitators_edit_past_the_rooms_answers(small_debate_file: Path) -> None:
    """Answers arriving after an accept must not stand between the facilitator and ctrl+z;
    the counts stay the room's, and ctrl+y brings the edit back."""
    app = room_app(small_debate_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        await pilot.press("escape")
        url = app.room.url  # type: ignore[union-attr]
        before = len(app.debate.claims)
        async with aiohttp.ClientSession() as session, Phone(session, url) as a, Phone(session, url) as b:
            await a.ws.send_json({"t": "propose", "relation": "supports", "text": "Jobs for the town"})
            await a.until("sent")
            await pilot.press("I")
            await pilot.pause(0.5)
            await pilot.press("a")  # accepted: the facilitator's edit
            await pilot.pause()
            await pilot.press("escape")
            assert len(app.debate.claims) == before + 1
            for phone, position in ((a, 2), (b, -1), (a, 3)):  # the room keeps answering
                await phone.vote(position)
                await settle(pilot, app)
            steps = len(app.history.undo_stack)
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert len(app.debate.claims) == before  # the accepted claim, not a tally, is undone
            assert app.debate.polls[0].counts == [0, 0, 1, 0, 0, 0, 1]  # every answer still counted
            assert len(app.history.undo_stack) <= steps
            await pilot.press("ctrl+y")
            await pilot.pause()
            assert app.debate.claims[-1].text == "Jobs for the town"
            assert app.debate.polls[0].counts == [0, 0, 1, 0, 0, 0, 1]


def test_a_room_only_this_machine_can_reach_says_how_to_let_phones_in() -> None:
    from tui.room.join_screen import only_this_machine

    assert only_this_machine("http://127.0.0.1:8765/j/abcdefghijk")
    assert only_this_machine("http://localhost:8765/j/abcdefghijk")
    assert not only_this_machine("http://192.168.1.20:8765/j/abcdefghijk")
