"""`debatemap present FILE`: open the app straight in presenter mode, for the projected
screen; `--room` also opens the room, so participants answer from their phones."""

from __future__ import annotations

import click

from ..cli_support import BadInput, open_app

ROOM_HELP = "Open the room: participants answer from their phones at the address shown."


@click.command("present")
@click.argument("file", type=click.Path())
@click.option("--room", is_flag=True, help=ROOM_HELP)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address the room listens on; 0.0.0.0 for the workshop's Wi-Fi.",
)
@click.option(
    "--port",
    default=8765,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port of the room (0: any free port).",
)
@click.option("--code", default=None, help="Fix the room's code (4-64 letters, digits, - or _); default: a random one.")
@click.option(
    "--max-participants",
    default=200,
    show_default=True,
    type=click.IntRange(1, 5000),
    help="Connections the room accepts at once.",
)
@click.option(
    "--speak-for", default="", help="Stakeholder ids (comma-separated, or `all`) participants may say they speak for."
)
def command(
    file: str, room: bool, host: str, port: int, code: str | None, max_participants: int, speak_for: str
) -> None:
    """Present FILE one claim at a time (right/left walk, v reveals stances, escape leaves);
    with --room, R closes or reopens the room, O shows the answers on the phones, L locks
    answers and I opens the inbox."""
    if not room:
        open_app(file, present=True)
        return
    from ..room.app_room import RoomOptions
    from ..room.server import CODE

    if code is not None and not CODE.match(code):
        raise BadInput(f"--code {code!r}: a room code is 4 to 64 letters, digits, - or _")
    ids = [s.strip() for s in speak_for.split(",") if s.strip()]
    options = RoomOptions(host=host, port=port, code=code, limit=max_participants, speak_for=ids)
    if ids:
        from ..cli_support import load

        debate = load(file)
        known = [s.id for s in debate.stakeholders]
        if ids == ["all"]:
            options.speak_for = known
        else:
            unknown = [i for i in ids if i not in known]
            if unknown:
                raise BadInput(f"--speak-for: {file} has no stakeholder {', '.join(repr(u) for u in unknown)}")
    open_app(file, present=True, room=options)
