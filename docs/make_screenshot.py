"""Write docs/screenshot.svg: the app on the bundled debate, for the README.

Run from the repository root: `python docs/make_screenshot.py`.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from arguments import operations  # noqa: E402
from seeds import seed_path  # noqa: E402
from tui.app import DebateApp  # noqa: E402

OUT = ROOT / "docs" / "screenshot.svg"


async def shoot() -> str:
    operations.now = lambda: "2026-11-26T10:15"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / seed_path().name
        shutil.copyfile(seed_path(), work)
        os.chdir(tmp)
        app = DebateApp(work, autosave=False)
        async with app.run_test(size=(120, 34)) as pilot:
            await pilot.pause()
            await pilot.press("2", "down", "down", "right")
            await pilot.pause()
            await pilot.pause()
            return app.export_screenshot(title="debatemap")


def main() -> None:
    OUT.write_text(asyncio.run(shoot()), encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
