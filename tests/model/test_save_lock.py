"""Two writers of one file never lose an edit: the check happens at the replace, under a lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from arguments import file_lock, storage, workfile
from arguments.file_lock import LockBusy, lock_path, save_lock
from arguments.model import Claim, Debate
from arguments.storage import backup_path, dumps_debate, read_debate
from arguments.workfile import ConflictError, WorkFile
from tests.conftest import ROOT, SMALL_DEBATE

NOT_CANONICAL = SMALL_DEBATE.replace('title = "Small debate"', 'title    =    "Small debate"')


def with_claim(debate: Debate, claim_id: str) -> Debate:
    claim = Claim(id=claim_id, text=f"Idea {claim_id}", parent="motion", relation="supports")
    return debate.model_copy(update={"claims": [*debate.claims, claim]})


def claim_ids(path: Path) -> list[str]:
    return [c.id for c in read_debate(path).claims]


def test_the_later_of_two_racing_saves_gets_a_conflict(
    small_debate_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first save is held just before its replace; the second, started then, must not
    slip its own replace in between and must not succeed after it either."""
    first, second = WorkFile(small_debate_file), WorkFile(small_debate_file)
    mine, theirs = with_claim(first.load(), "first-idea"), with_claim(second.load(), "second-idea")
    target = Path(os.path.realpath(small_debate_file))
    at_replace, go, blocked = threading.Event(), threading.Event(), threading.Event()
    real_replace, real_try_lock = os.replace, file_lock.try_lock

    def held_replace(src, dst):
        if threading.current_thread().name == "first-save" and Path(dst) == target:
            at_replace.set()
            assert go.wait(30)
        return real_replace(src, dst)

    def watched_try_lock(path, create=True):
        held = real_try_lock(path, create)
        if held is None and threading.current_thread().name == "second-save":
            blocked.set()
        return held

    monkeypatch.setattr(storage.os, "replace", held_replace)
    monkeypatch.setattr(file_lock, "try_lock", watched_try_lock)
    results: dict[str, object] = {}

    def run(name: str, work: WorkFile, debate: Debate) -> None:
        try:
            work.save(debate)
            results[name] = "saved"
        except Exception as exc:  # noqa: BLE001 - the test reports whatever happened
            results[name] = exc

    one = threading.Thread(target=run, args=("first", first, mine), name="first-save")
    one.start()
    assert at_replace.wait(30)
    two = threading.Thread(target=run, args=("second", second, theirs), name="second-save")
    two.start()
    deadline = time.monotonic() + 30
    while not blocked.is_set() and two.is_alive() and time.monotonic() < deadline:
        time.sleep(0.01)
    go.set()
    one.join(30)
    two.join(30)
    assert results["first"] == "saved"
    assert isinstance(results["second"], ConflictError), results["second"]
    ids = claim_ids(small_debate_file)
    assert "first-idea" in ids and "second-idea" not in ids
    assert second.changed_on_disk()  # still protected: the next save asks again
    with pytest.raises(ConflictError):
        second.save(theirs)


def test_a_save_waits_out_a_held_lock_then_says_busy(small_debate_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workfile, "SAVE_WAIT", 0.3)
    work = WorkFile(small_debate_file)
    debate = work.load()
    before = small_debate_file.read_bytes()
    with save_lock(small_debate_file), pytest.raises(LockBusy) as raised:
        work.save(with_claim(debate, "blocked"))
    assert isinstance(raised.value, OSError)
    assert str(small_debate_file) in raised.value.user_message and "another program" in raised.value.user_message
    assert small_debate_file.read_bytes() == before
    work.save(with_claim(debate, "later"))  # the lock let go: saving works, no false conflict
    assert "later" in claim_ids(small_debate_file)


def test_the_lock_is_shared_through_a_symlink_and_leaves_no_file(small_debate_file: Path, tmp_path: Path) -> None:
    link = tmp_path / "elsewhere" / "link.toml"
    link.parent.mkdir()
    link.symlink_to(small_debate_file)
    assert lock_path(link) == lock_path(small_debate_file)
    with save_lock(small_debate_file):
        assert lock_path(link).exists()
        with pytest.raises(LockBusy), save_lock(link, wait=0.1):
            pass
    work = WorkFile(link)
    work.save(with_claim(work.load(), "through-link"))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["elsewhere", "small.toml", backup_path(small_debate_file).name]
    )
    assert list(link.parent.iterdir()) == [link]


HOLDER = """
import sys
from pathlib import Path
from arguments.file_lock import save_lock
from arguments.storage import write_text_atomic
path, then = sys.argv[1], sys.argv[2]
with save_lock(path):
    print("ready", flush=True)
    sys.stdin.readline()
    if then != "-":
        write_text_atomic(path, Path(then).read_text(encoding="utf-8"))
print("released", flush=True)
sys.stdin.readline()
"""


def hold_lock(path: Path, then: str = "-") -> subprocess.Popen[str]:
    """A separate process holding PATH's save lock until told (then writing THEN's text, if given)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), then],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout.readline().strip() == "ready", child.stderr.read()
    return child


def fmt(*args: str, **kw) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "tui", "fmt", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        **kw,
    )


@pytest.mark.slow
def test_fmt_refuses_while_another_holds_the_lock_and_works_once_its_holder_is_killed(tmp_path: Path) -> None:
    path = tmp_path / "work.toml"
    path.write_text(NOT_CANONICAL, encoding="utf-8")
    holder = hold_lock(path)
    try:
        refused = fmt(str(path))
        _, err = refused.communicate(timeout=60)
        assert refused.returncode == 1
        assert "being saved by another program" in err and str(path) in err
        assert "Traceback" not in err
        assert path.read_text(encoding="utf-8") == NOT_CANONICAL
    finally:
        holder.send_signal(signal.SIGKILL)  # the system lets go of a killed holder's lock
        holder.communicate()
    done = fmt(str(path))
    _, err = done.communicate(timeout=60)
    assert done.returncode == 0, err
    assert path.read_text(encoding="utf-8") == dumps_debate(read_debate(path)) != NOT_CANONICAL


def test_fmt_waits_for_a_save_in_progress_and_formats_what_it_wrote(tmp_path: Path) -> None:
    """An app saves (holding the lock) while fmt starts: fmt must format the saved
    version, not overwrite it with the version it would have read before."""
    path = tmp_path / "work.toml"
    path.write_text(NOT_CANONICAL, encoding="utf-8")
    saved = tmp_path / "saved.txt"
    saved.write_text(NOT_CANONICAL.replace("Small debate", "Saved by the app"), encoding="utf-8")
    holder = hold_lock(path, str(saved))
    try:
        running = fmt(str(path))
        time.sleep(1.5)  # let fmt reach the lock (it must then wait; a test of order, not of speed)
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "released"
        _, err = running.communicate(timeout=60)
        assert running.returncode == 0, err
    finally:
        holder.kill()
        holder.communicate()
    assert read_debate(path).title == "Saved by the app"
    assert path.read_text(encoding="utf-8") == dumps_debate(read_debate(path))  # formatted


def test_a_lock_file_left_by_a_killed_save_does_not_block_and_is_cleared(small_debate_file: Path) -> None:
    left = lock_path(small_debate_file)
    left.write_text("", encoding="utf-8")  # what a save killed while holding the lock leaves
    left.chmod(0o444)  # even when another user's, and not writable
    work = WorkFile(small_debate_file)
    work.save(with_claim(work.load(), "after-the-crash"))
    assert "after-the-crash" in claim_ids(small_debate_file)
    assert not left.exists()
