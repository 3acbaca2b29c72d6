"""A command's load (`read_debate`, first in its process) leaves its models out of the
garbage collector's scans (`gc.freeze`); the app's load (`WorkFile.load`) does not; a
frozen debate is still freed when dropped."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "seeds" / "decentralization-peru.toml"

_SCRIPT = """
import gc, sys, weakref
from arguments.loading import read_debate
from arguments.workfile import WorkFile
before = gc.get_freeze_count()
debate = read_debate(sys.argv[1])
first = gc.get_freeze_count()
print(before == 0, first > 10 * len(debate.claims), gc.get_count()[0] < 1000)
again = WorkFile(sys.argv[1]).load()  # the app's load: never frozen
print(gc.get_freeze_count() == first)
gone = weakref.ref(debate.claims[0])
del debate
print(gone() is None)
"""


def test_first_load_is_frozen_and_still_freed() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(SEED)], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.split() == ["True"] * 5, done.stderr
