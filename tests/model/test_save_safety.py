"""The user's work survives kills, full disks, read-only folders, links and other writers."""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import arguments.storage as storage
from arguments.model import Claim, Debate
from arguments.storage import SaveError, backup_path, dumps_debate, parse_debate, temp_prefix, write_debate
from arguments.workfile import ConflictError, WorkFile, clean_stale_temps

KILLS = 40


def big_debate(title: str, claims: int) -> Debate:
    motion = Claim(id="motion", text=f"{title}: the motion", kind="thesis")
    rest = [
        Claim(id=f"c{i}", text=f"{title} claim {i} " + "words " * 20, parent="motion", relation="supports")
        for i in range(claims)
    ]
    return Debate(title=title, claims=[motion, *rest])


def temps_beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(temp_prefix(path)))


def run_child(script: str, *args: str) -> subprocess.Popen[str]:
    """Start SCRIPT in a fresh interpreter and wait until it prints `ready`."""
    child = subprocess.Popen(
        [sys.executable, "-c", script, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    line = child.stdout.readline()
    if line.strip() != "ready":
        child.kill()
        pytest.fail(f"child did not start: {line!r} {child.stderr.read()}")
    return child


SAVER = """
import sys
from pathlib import Path
from arguments.storage import write_text_atomic
path, *versions = sys.argv[1:]
texts = [Path(v).read_text(encoding="utf-8") for v in versions]
print("ready", flush=True)
i = 0
while True:
    write_text_atomic(path, texts[i % len(texts)], backup=True)
    i += 1
"""


@pytest.mark.slow
def test_a_save_killed_at_any_moment_leaves_one_complete_version(tmp_path: Path) -> None:
    path = tmp_path / "work.toml"
    versions = [dumps_debate(big_debate(name, n)) for name, n in (("Old", 300), ("Long", 2500), ("Short", 900))]
    path.write_text(versions[0], encoding="utf-8")
    version_files = []
    for i, text in enumerate(versions[1:]):
        version_files.append(tmp_path / f"v{i}.txt")
        version_files[-1].write_text(text, encoding="utf-8")
    complete = {text.encode("utf-8") for text in versions}
    rng = random.Random(7)
    killed_mid_save = 0
    for _ in range(KILLS):
        child = run_child(SAVER, str(path), *map(str, version_files))
        time.sleep(rng.uniform(0.0, 0.08))
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        child.stderr.close()
        assert path.read_bytes() in complete
        parse_debate(path.read_text(encoding="utf-8"), str(path))
        if backup_path(path).exists():
            assert backup_path(path).read_bytes() in complete
        if temps_beside(path):
            killed_mid_save += 1
        WorkFile(path).load()  # cleans up what the killed save left
        assert temps_beside(path) == []
    # The test means something only if some kills landed inside a save.
    assert killed_mid_save >= 1


RECOVERY_CHILD = """
import sys, time
from arguments.model import Claim
from arguments.workfile import WorkFile
work = WorkFile(sys.argv[1])
debate = work.load()
claim = Claim(id="late-idea", text="Added in the room", parent="motion", relation="opposes")
work.write_recovery(debate.model_copy(update={"claims": [*debate.claims, claim]}))
print("ready", flush=True)
time.sleep(60)
"""


def test_edits_survive_a_killed_session_and_a_good_save_removes_them(small_debate_file: Path) -> None:
    original = small_debate_file.read_bytes()
    child = run_child(RECOVERY_CHILD, str(small_debate_file))
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stdout.close()
    child.stderr.close()

    work = WorkFile(small_debate_file)
    on_disk = work.load()
    assert small_debate_file.read_bytes() == original
    found = work.abandoned_recovery()
    assert found is not None and work.recovery() == found.debate
    recovered = found.debate
    assert [c.id for c in recovered.claims] == [c.id for c in on_disk.claims] + ["late-idea"]
    assert recovered.claims[-1].text == "Added in the room"

    assert work.adopt_recovery(found)  # restored: the copy is ours until the save
    assert work.recovery_path == found.path
    work.save(recovered)
    assert not found.path.exists()
    assert WorkFile(small_debate_file).load() == recovered
    assert work.recovery() is None


def edited(debate: Debate, title: str) -> Debate:
    return debate.model_copy(update={"title": title})


@pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
def test_a_full_disk_leaves_the_old_file_and_the_recovery(
    small_debate_file: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    work = WorkFile(small_debate_file)
    debate = work.load()
    work.save(edited(debate, "Saved once"))  # so that a backup exists and must survive
    before = small_debate_file.read_bytes()
    backup_before = backup_path(small_debate_file).read_bytes()
    unsaved = edited(debate, "Unsaved edits")
    work.write_recovery(unsaved)

    real = getattr(os, failing)
    calls = []

    def disk_full(*args):  # noqa: ANN002, ANN202
        calls.append(args)
        if failing == "write" and len(calls) == 1:
            return real(args[0], bytes(args[1][:100]))  # a partial write, then the disk is full
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as patch:
        patch.setattr(storage.os, failing, disk_full)
        with pytest.raises(SaveError) as raised:
            work.save(unsaved)
    assert calls
    assert raised.value.errno == errno.ENOSPC
    assert isinstance(raised.value, OSError)
    assert str(small_debate_file) in raised.value.user_message
    assert "disk is full" in raised.value.user_message
    assert small_debate_file.read_bytes() == before
    assert backup_path(small_debate_file).read_bytes() == backup_before
    assert temps_beside(small_debate_file) == []
    assert work.recovery() == unsaved
    assert not work.changed_on_disk()

    work.save(unsaved)  # space freed: the same WorkFile saves without a false conflict
    assert WorkFile(small_debate_file).load() == unsaved


@contextmanager
def immutable(path: Path) -> Iterator[None]:
    """PATH cannot be changed: `chattr +i` as root (root ignores mode bits), else mode bits."""
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
            pytest.skip("chattr +i is not supported here")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)


def test_a_read_only_folder_leaves_the_old_file(small_debate_file: Path) -> None:
    work = WorkFile(small_debate_file)
    debate = work.load()
    before = small_debate_file.read_bytes()
    with immutable(small_debate_file.parent):
        with pytest.raises(SaveError) as raised:
            work.save(edited(debate, "Cannot land"))
        with pytest.raises(SaveError):
            work.write_recovery(edited(debate, "Cannot land"))
    assert raised.value.errno in (errno.EPERM, errno.EACCES, errno.EROFS)
    assert small_debate_file.read_bytes() == before
    assert temps_beside(small_debate_file) == []
    assert not work.changed_on_disk()


def test_an_unchangeable_file_in_a_writable_folder_is_left_alone(small_debate_file: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("only root can make a file immutable; mode bits do not stop a rename")
    work = WorkFile(small_debate_file)
    debate = work.load()
    before = small_debate_file.read_bytes()
    with immutable(small_debate_file), pytest.raises(SaveError) as raised:
        work.save(edited(debate, "Cannot land"))
    assert raised.value.errno == errno.EPERM
    assert small_debate_file.read_bytes() == before
    assert sorted(p.name for p in small_debate_file.parent.iterdir()) == [small_debate_file.name]


@pytest.mark.parametrize(
    ("code", "phrase"),
    [(errno.EACCES, "permission denied"), (errno.EROFS, "read-only"), (errno.EDQUOT, "quota")],
)
def test_every_failure_says_what_happened_and_what_to_do(
    small_debate_file: Path, monkeypatch: pytest.MonkeyPatch, code: int, phrase: str
) -> None:
    work = WorkFile(small_debate_file)
    debate = work.load()
    before = small_debate_file.read_bytes()

    real_open = os.open

    def refuse(path, flags, mode=0o777, **kw):  # noqa: ANN001, ANN003, ANN202
        if flags & os.O_CREAT:  # reading the file to compare it still works
            raise OSError(code, os.strerror(code), str(path))
        return real_open(path, flags, mode, **kw)

    with monkeypatch.context() as patch:
        patch.setattr(storage.os, "open", refuse)
        with pytest.raises(SaveError) as raised:
            work.save(edited(debate, "Refused"))
    message = raised.value.user_message
    assert phrase in message
    assert "unchanged" in message and "save" in message
    assert "\n" not in message
    assert small_debate_file.read_bytes() == before


def test_a_symlink_is_saved_through_and_stays_a_link(small_debate_file: Path, tmp_path: Path) -> None:
    link = tmp_path / "elsewhere" / "link.toml"
    link.parent.mkdir()
    link.symlink_to(small_debate_file)
    work = WorkFile(link)
    changed = edited(work.load(), "Through the link")
    work.save(changed)
    assert link.is_symlink()
    assert os.readlink(link) == str(small_debate_file)
    assert WorkFile(small_debate_file).load() == changed
    assert backup_path(link) == backup_path(small_debate_file)
    assert parse_debate(backup_path(small_debate_file).read_text("utf-8")).title == "Small debate"
    assert sorted(p.name for p in link.parent.iterdir()) == ["link.toml"]


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664, 0o755])
def test_the_file_mode_is_kept(small_debate_file: Path, mode: int) -> None:
    small_debate_file.chmod(mode)
    work = WorkFile(small_debate_file)
    work.save(edited(work.load(), "Mode kept"))
    assert small_debate_file.stat().st_mode & 0o7777 == mode
    assert WorkFile(small_debate_file).load().title == "Mode kept"


def test_a_new_file_gets_the_usual_mode(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_debate(big_debate("New", 1), tmp_path / "new.toml")
    finally:
        os.umask(umask)
    assert (tmp_path / "new.toml").stat().st_mode & 0o777 == 0o644


def test_the_backup_holds_the_version_before_the_last_change(small_debate_file: Path) -> None:
    work = WorkFile(small_debate_file)
    first = work.load()
    second, third = edited(first, "Second"), edited(first, "Third")
    work.save(second)
    assert parse_debate(backup_path(small_debate_file).read_text("utf-8")) == first
    work.save(third)
    assert parse_debate(backup_path(small_debate_file).read_text("utf-8")) == second
    work.save(third)  # nothing changed: the older version stays the backup
    assert parse_debate(backup_path(small_debate_file).read_text("utf-8")) == second
    assert backup_path(small_debate_file).name == f".{small_debate_file.name}.bak"


def test_stale_temp_files_are_cleaned_on_load(small_debate_file: Path) -> None:
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(gone.stdout)
    prefix = temp_prefix(small_debate_file)
    dead = small_debate_file.with_name(f"{prefix}{dead_pid}-0badf00d")
    dead_backup = small_debate_file.with_name(f"{prefix}{dead_pid}-0badf00d-bak")
    ours = small_debate_file.with_name(f"{prefix}{os.getpid()}-12345678")
    old = small_debate_file.with_name(f"{prefix}{os.getpid()}-87654321")
    for leftover in (dead, dead_backup, ours, old):
        leftover.write_text("half a file", encoding="utf-8")
    hours_ago = time.time() - 7200
    os.utime(old, (hours_ago, hours_ago))
    unrelated = small_debate_file.with_name("notes.debatemap-tmp-1-x")
    unrelated.write_text("not ours", encoding="utf-8")

    WorkFile(small_debate_file).load()
    assert temps_beside(small_debate_file) == [ours.name]  # a live save is never touched
    assert unrelated.exists()
    assert clean_stale_temps(small_debate_file) == []


def test_a_change_with_the_same_size_and_mtime_is_a_conflict(small_debate_file: Path) -> None:
    work = WorkFile(small_debate_file)
    debate = work.load()
    info = small_debate_file.stat()
    text = small_debate_file.read_text("utf-8")
    theirs = text.replace("Small debate", "Smoll debate")
    assert len(theirs.encode()) == info.st_size
    small_debate_file.write_text(theirs, encoding="utf-8")
    os.utime(small_debate_file, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert small_debate_file.stat().st_mtime_ns == info.st_mtime_ns

    with pytest.raises(ConflictError) as raised:
        work.save(edited(debate, "Mine"))
    assert str(small_debate_file) in raised.value.user_message
    assert small_debate_file.read_text("utf-8") == theirs
    work.save(edited(debate, "Mine"), force=True)
    assert WorkFile(small_debate_file).load().title == "Mine"


def test_identical_content_written_again_is_no_conflict(small_debate_file: Path) -> None:
    work = WorkFile(small_debate_file)
    debate = work.load()
    small_debate_file.write_bytes(small_debate_file.read_bytes())
    later = time.time() + 60
    os.utime(small_debate_file, (later, later))
    assert not work.changed_on_disk()
    work.save(edited(debate, "Mine"))
    assert WorkFile(small_debate_file).load().title == "Mine"


def test_a_deleted_file_is_a_conflict_not_a_silent_recreate(small_debate_file: Path) -> None:
    work = WorkFile(small_debate_file)
    debate = work.load()
    small_debate_file.unlink()
    with pytest.raises(ConflictError) as raised:
        work.save(debate)
    assert "deleted" in raised.value.user_message
    assert not small_debate_file.exists()


def test_the_owner_is_kept_when_root_saves_someone_elses_file(small_debate_file: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("only root can give a file to another user")
    os.chown(small_debate_file, 65534, 65534)
    work = WorkFile(small_debate_file)
    work.save(edited(work.load(), "Saved by root"))
    info = small_debate_file.stat()
    assert (info.st_uid, info.st_gid) == (65534, 65534)
    backup = backup_path(small_debate_file).stat()
    assert (backup.st_uid, backup.st_gid) == (65534, 65534)


def test_a_file_with_the_longest_name_allowed_saves_with_backup_and_recovery(tmp_path: Path) -> None:
    path = tmp_path / ("é" * 120 + ".toml")  # 245 bytes: no room for a suffix as it is
    write_debate(big_debate("First", 1), path)
    work = WorkFile(path)
    first = work.load()
    work.write_recovery(edited(first, "Unsaved"))
    assert work.recovery() == edited(first, "Unsaved")
    work.save(edited(first, "Second"))
    assert WorkFile(path).load().title == "Second"
    assert parse_debate(backup_path(path).read_text("utf-8")) == first
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, backup_path(path).name])


def test_a_recovery_write_killed_half_way_is_cleaned_on_load(small_debate_file: Path) -> None:
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(gone.stdout)
    copy = small_debate_file.with_name(f".{small_debate_file.name}.debatemap-recovery-{dead_pid}-0badf00d")
    half = copy.with_name(f"{temp_prefix(copy)}{dead_pid}-12345678")
    half.write_text("half a copy", encoding="utf-8")
    WorkFile(small_debate_file).load()
    assert sorted(p.name for p in small_debate_file.parent.iterdir()) == [small_debate_file.name]
