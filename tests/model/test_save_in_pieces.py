"""A save written, compared and fingerprinted a piece at a time (so the app's keys are
answered between pieces) gives the same bytes, backup and conflict checks as a whole one.
Pieces are made tiny here so that every text crosses many piece boundaries."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from arguments import atomic_write, workfile
from arguments.atomic_write import backup_path, write_text_atomic
from arguments.loading import read_debate
from arguments.storage import dumps_debate
from arguments.workfile import ConflictError, WorkFile

SEED = Path(__file__).resolve().parents[2] / "seeds" / "decentralization-peru.toml"


@pytest.fixture(autouse=True)
def tiny_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(atomic_write, "PIECE", 7)
    monkeypatch.setattr(workfile, "PIECE", 7)


@pytest.mark.parametrize("text", ["", "a", "exactly7", "ñandú → 🦙 " * 40, "x" * 70])
def test_bytes_and_returned_fingerprint(tmp_path: Path, text: str) -> None:
    path = tmp_path / "f.txt"
    digest = write_text_atomic(path, text)
    assert path.read_bytes() == text.encode("utf-8")
    assert digest == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_backup_kept_only_when_the_content_changes(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    write_text_atomic(path, "first version, longer than a piece")
    write_text_atomic(path, "first version, longer than a piece", backup=True)
    assert not backup_path(path).exists()  # the same bytes: nothing to keep
    write_text_atomic(path, "first version, longer than a piecE", backup=True)  # differs in the last piece
    assert backup_path(path).read_text() == "first version, longer than a piece"
    write_text_atomic(path, "first version, longer than a piecE and more", backup=True)  # a longer file
    assert backup_path(path).read_text() == "first version, longer than a piecE"


def test_workfile_save_then_conflict_detected_across_pieces(tmp_path: Path) -> None:
    path = tmp_path / "d.toml"
    path.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    work = WorkFile(path)
    debate = work.load()
    assert not work.changed_on_disk()
    debate.title = "Renamed"
    work.save(debate)
    assert not work.changed_on_disk()  # the fingerprint is the bytes written
    assert path.read_text(encoding="utf-8") == dumps_debate(read_debate(path), "toml")
    data = bytearray(path.read_bytes())
    data[-2] ^= 1  # one byte changed, in the last piece
    path.write_bytes(bytes(data))
    assert work.changed_on_disk()
    with pytest.raises(ConflictError):
        work.save(debate)
    path.unlink()
    os.mkfifo(path)  # a FIFO in its place counts as changed, and is never waited on
    assert work.changed_on_disk()


@pytest.mark.parametrize(
    "parts", [[], [""], ["ab", "", "cdefghij", "k"], ["ñandú → 🦙 "] * 9, ["x" * 20, "y", "z" * 7, "w" * 15]]
)
def test_a_text_given_in_pieces_is_written_as_their_concatenation(tmp_path: Path, parts: list[str]) -> None:
    path = tmp_path / "f.txt"
    whole = "".join(parts).encode("utf-8")
    assert write_text_atomic(path, parts) == hashlib.sha256(whole).hexdigest()
    assert path.read_bytes() == whole


def test_a_lone_surrogate_in_one_piece_fails_the_save_and_keeps_the_file(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(atomic_write.SaveError) as caught:
        write_text_atomic(path, ["fine", "bad \ud800 piece", "fine"])
    assert "UTF-8" in caught.value.user_message
    assert path.read_text(encoding="utf-8") == "old"
