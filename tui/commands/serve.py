"""`debatemap serve FILE`: the app in a web browser, for a participant's laptop or a second screen.

Built for a stranger on the network first (see tui/net/): every link carries a random
token, requests must name a host we serve under, and each browser connection (up to
`--max-connections`) runs its own app process, `debatemap open --served FILE`, which never
writes a path the network chose: exports go to the browser as downloads, and save-as is
not offered. With `--read-only` the process cannot change FILE at all.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..cli_support import BadInput, load


def app_argv(file: str, read_only: bool) -> list[str]:
    """The command each connection runs: this install's debatemap, served, on FILE."""
    args = [sys.executable, "-m", "tui", "open", "--served"]
    if read_only:
        args.append("--read-only")
    return [*args, "--", str(Path(file).resolve())]


@click.command("serve")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; 0.0.0.0 lets other machines on the network connect.",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on; 0 picks a free one.",
)
@click.option("--read-only", is_flag=True, help="Serve a view that cannot change FILE (for the audience).")
@click.option(
    "--public-url",
    multiple=True,
    help="A URL browsers reach this server at, if not http://HOST:PORT (a proxy, a DNS name); repeatable.",
)
@click.option(
    "--token",
    default=None,
    envvar="DEBATEMAP_TOKEN",
    help="The secret every link must carry (default: a new random one each start); "
    "fix one for printed slides. Also read from DEBATEMAP_TOKEN, which other "
    "users of this machine cannot see in the process list.",
)
@click.option(
    "--max-connections",
    type=click.IntRange(1, 1000),
    default=20,
    show_default=True,
    help="Browsers served at once; each runs its own app process.",
)
def command(
    file: str,
    host: str,
    port: int,
    read_only: bool,
    public_url: tuple[str, ...],
    token: str | None,
    max_connections: int,
) -> None:
    """Serve the app on FILE in the browser until Ctrl+C; open the link it prints."""
    from arguments.display import one_line

    from ..net.guard import new_token, redact, token_problem

    debate = load(file)
    if token is not None and (problem := token_problem(token)):
        raise BadInput(f"--token: {problem}")
    for url in public_url:
        if not url.startswith(("http://", "https://")):
            raise BadInput(f"--public-url {one_line(url, 80)}: give a full http:// or https:// URL")
    try:
        from ..net.app_server import DebateServer, ServeOptions, link
    except ImportError:
        raise BadInput("serving needs textual-serve: pip install textual-serve") from None
    secret = token or new_token()
    title = "debatemap: " + one_line(debate.title, 120) + (" (read-only)" if read_only else "")
    options = ServeOptions(
        argv=app_argv(file, read_only),
        host=host,
        port=port,
        title=title,
        token=secret,
        max_connections=max_connections,
        public_urls=public_url,
    )

    def announce(bound: int) -> None:
        # the only place the whole token is written; logs show redact(token)
        click.echo(
            f"Serving {one_line(file, 200)}{' read-only' if read_only else ''}. Open this link "
            f"(it holds the secret token {redact(secret)}; share it only with participants):"
        )
        click.echo(f"  {link(host, bound, secret, public_url[0] if public_url else None)}")
        click.echo("Press Ctrl+C to stop.", err=True)

    try:
        DebateServer(options).serve(announce=announce)
    except OSError as exc:
        raise BadInput(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
