"""A real `debatemap serve` in a subprocess on a free port of 127.0.0.1, for the serve tests:
the printed link, the log, and the app processes it started."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from tests.conftest import ROOT, SMALL_DEBATE

LINK = re.compile(r"https?://\S+")


def debate_file(tmp_path: Path, text: str = SMALL_DEBATE) -> Path:
    folder = tmp_path / "debates"
    folder.mkdir(exist_ok=True)
    path = folder / "small.toml"
    path.write_text(text, encoding="utf-8")
    return path


def children(pid: int) -> list[int]:
    """The live processes whose parent is PID (read from /proc: no extra library)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def eventually(check: Callable[[], bool], limit: float = 30.0) -> bool:
    """Poll CHECK until true or LIMIT seconds pass (a bound against hanging, not a speed test)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return check()


class Served:
    """`python -m tui serve FILE --port 0 ...`; the link is read from what it prints."""

    def __init__(self, file: Path, *extra: str, host: str = "127.0.0.1"):
        self.log_file = tempfile.TemporaryFile(mode="w+b")  # noqa: SIM115 - read by log() until the object goes
        args = [sys.executable, "-m", "tui", "serve", str(file), "--host", host, "--port", "0", *extra]
        self.process = subprocess.Popen(
            args,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=self.log_file,
            start_new_session=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        self.printed = ""
        self.link = ""

    def __enter__(self) -> Served:
        try:
            assert self.process.stdout is not None
            for raw in self.process.stdout:
                line = raw.decode("utf-8", "replace")
                self.printed += line
                found = LINK.search(line)
                if found:
                    self.link = found.group(0)
                    break
            if not self.link:
                raise AssertionError(f"serve printed no link: {self.printed!r} {self.log()!r}")
        except BaseException:
            self.__exit__()
            raise
        parts = urlsplit(self.link)
        self.port = parts.port
        self.token = parse_qs(parts.query)["token"][0]
        self.base = f"http://127.0.0.1:{self.port}"
        self.url = f"{self.base}/?token={self.token}"
        return self

    def apps(self) -> list[int]:
        """The app processes the server runs now."""
        return children(self.process.pid)

    def log(self) -> str:
        self.log_file.seek(0)
        return self.log_file.read().decode("utf-8", "replace")

    def __exit__(self, *exc: object) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # our own session: the server and its apps
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self.process.stdout:
            rest = self.process.stdout.read()
            self.printed += rest.decode("utf-8", "replace")
            self.process.stdout.close()
