"""`debatemap` alone opens the bundled debate, or the working copy an earlier save made."""

from pathlib import Path

from click.testing import CliRunner

import tui.app
from seeds import seed_path
from tui.cli import cli


def opened(monkeypatch, cwd: Path) -> list[str]:
    calls: list[str] = []
    monkeypatch.setattr(tui.app, "run_app", lambda path, **options: calls.append(path))
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(cli, [])
    assert result.exit_code == 0, result.output
    return calls


def test_without_a_working_copy_the_bundled_debate_opens(monkeypatch, tmp_path):
    assert opened(monkeypatch, tmp_path) == [str(seed_path())]


def test_an_earlier_working_copy_opens_instead(monkeypatch, tmp_path):
    working = tmp_path / seed_path().name
    working.write_bytes(seed_path().read_bytes())
    assert opened(monkeypatch, tmp_path) == [str(working)]
