"""The debates bundled with debatemap, and copying one out to edit.

The package directory is read-only as far as debatemap is concerned: nothing is ever
written here. `copy_seed` copies a debate and the source files it names.
"""

from __future__ import annotations

import shutil
from pathlib import Path

SEEDS_DIR = Path(__file__).parent
DEFAULT_SEED = "decentralization-peru"


def seed_names() -> list[str]:
    return sorted(p.stem for p in SEEDS_DIR.glob("*.toml"))


def seed_path(name: str = DEFAULT_SEED) -> Path:
    """The bundled debate file called NAME; `KeyError` if there is none.

    NAME must be one of `seed_names()` exactly, so `../x` or `/etc` never reach the
    file system as a path.
    """
    if name not in seed_names():
        raise KeyError(name)
    return SEEDS_DIR / f"{name}.toml"


def is_bundled(path: str | Path) -> bool:
    """Whether PATH lies inside the installed seeds package (and must not be written)."""
    try:
        Path(path).resolve().relative_to(SEEDS_DIR.resolve())
    except ValueError:
        return False
    return True


def copy_seed(name: str, dest_dir: Path, overwrite: bool = False) -> Path:
    """Copy the seed debate and its source files into DEST_DIR; return the debate's path.

    Refuses (FileExistsError) to overwrite an existing debate unless OVERWRITE.
    """
    from arguments.storage import read_debate

    source = seed_path(name)
    debate = read_debate(source)
    dest_dir.mkdir(parents=True, exist_ok=True)
    target = dest_dir / source.name
    if target.exists() and not overwrite:
        raise FileExistsError(target)
    shutil.copyfile(source, target)
    for src in debate.sources:
        if src.file:
            origin = (source.parent / src.file).resolve()
            copy_to = dest_dir / src.file
            if origin.is_file() and not copy_to.exists():
                copy_to.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(origin, copy_to)
    return target
