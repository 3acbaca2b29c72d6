"""The bundled Peru debate: it loads and checks clean, meets its counts, its quotes are
verbatim from the shipped report, and it travels in the wheel and through `debatemap seed`."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import tomli

import seeds
from arguments.storage import read_debate
from tests.conftest import IN_CI, ROOT, SHARED

SEED = seeds.seed_path("decentralization-peru")
REPORT = "sources/decentralization-peru-report.txt"


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def depth_of(claim_id: str, parents: dict[str, str | None]) -> int:
    depth = 0
    while parents[claim_id] is not None:
        claim_id = parents[claim_id]
        depth += 1
    return depth


@pytest.fixture(scope="module")
def debate():
    return read_debate(SEED)


@pytest.fixture(scope="module")
def raw() -> dict:
    return tomli.loads(SEED.read_text(encoding="utf-8"))


def test_seed_checks_clean_and_is_canonical():
    checked = run_cli("check", str(SEED))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.strip() == f"{SEED}: ok"
    formatted = run_cli("fmt", "--check", str(SEED))
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr


def test_claim_tree_is_large_deep_and_rooted_in_the_motion(debate):
    assert len(debate.claims) >= 25
    motion = debate.motion
    assert motion is not None and motion.id == "motion" and motion.kind == "thesis"
    assert [c.id for c in debate.claims if c.parent is None] == ["motion"]
    parents = {c.id: c.parent for c in debate.claims}
    assert max(depth_of(c, parents) for c in parents) >= 3
    assert sum(c.kind == "question" for c in debate.claims) >= 3
    assert {c.relation for c in debate.claims if c.parent == "motion"} == {"supports", "opposes"}
    assert len(debate.links) >= 2


def test_evidence_has_quotes_and_locators(debate):
    quoted = [e for e in debate.evidence if e.quote.strip() and e.locator.strip()]
    assert len(quoted) >= 15
    report = next(s for s in debate.sources if s.file == REPORT)
    assert all(e.source == report.id for e in quoted)


def test_every_quote_occurs_in_the_shipped_report(debate):
    report = squash((SEED.parent / REPORT).read_text(encoding="utf-8"))
    missing = [e.id for e in debate.evidence if e.quote and squash(e.quote) not in report]
    assert missing == []


def test_cited_works_are_sources(debate):
    citations = " ".join(s.citation for s in debate.sources)
    for cited in ("Zapata (1999)", "Diez (1998)", "CEPRODEP (1999)"):
        assert cited in citations


def test_shipped_report_is_the_report_part_only():
    text = (SEED.parent / REPORT).read_text(encoding="utf-8")
    assert text.startswith("local organization. In the north, the \n")
    assert "New Page 1" not in text and "Web Hosting" not in text
    assert "INCOMING" not in text
    original = SHARED / "seed" / "000_f682a1ad8f917068.txt"
    if original.exists():
        assert original.read_text(encoding="utf-8").startswith(text)


def test_every_stakeholder_has_a_stance_on_the_motion(debate):
    on_motion = {s.stakeholder for s in debate.stances if s.claim == "motion"}
    assert on_motion == {s.id for s in debate.stakeholders}
    assert len(debate.stakeholders) >= 15
    assert len(debate.stances) > len(debate.stakeholders)


def test_every_stance_states_its_basis_and_rationale(raw):
    for stance in raw["stances"]:
        assert stance.get("basis") in ("stated", "inferred"), stance
        assert stance.get("rationale", "").strip(), stance
        if stance["basis"] == "stated":
            assert stance.get("evidence"), stance


def test_positions_on_the_motion_match_the_report(debate):
    position = {s.stakeholder: s.position for s in debate.stances if s.claim == "motion"}
    assert position["executive"] < 0 and position["congress"] < 0
    for supporter in ("district-municipalities", "ngos", "amresam"):
        assert position[supporter] > 0, supporter
    assert position["ampe-pro-government"] < position["ampe-independent"]


def test_stakeholders_carry_the_fields_the_brief_asks_for(raw):
    for holder in raw["stakeholders"]:
        for key in ("group", "level", "power", "interest", "interests", "short"):
            assert holder.get(key) not in (None, ""), (holder["id"], key)


def test_a_changed_quote_fails_check_naming_file_line_and_field(tmp_path):
    shutil.copyfile(SEED, tmp_path / SEED.name)
    (tmp_path / "sources").mkdir()
    shutil.copyfile(SEED.parent / REPORT, tmp_path / REPORT)
    path = tmp_path / SEED.name
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index('id = "ev-ngos-voice"')
    target = next(i for i in range(start, len(lines)) if lines[i].startswith("quote = "))
    index = lines[:target].count("[[evidence]]") - 1
    assert "NGOs" in lines[target]
    lines[target] = lines[target].replace("NGOs", "Churches")
    path.write_text("\n".join(lines), encoding="utf-8")

    result = run_cli("check", str(path))
    assert result.returncode == 1
    problems = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(problems) == 1
    where, field, message = problems[0].split(": ", 2)
    assert where == f"{path}:{target + 1}"
    assert field == f"evidence[{index}].quote"
    assert "does not occur" in message


def test_seed_path_and_its_source_exist_in_the_package():
    assert SEED.is_file() and SEED.parent == Path(seeds.__file__).parent
    assert (SEED.parent / REPORT).is_file()
    assert "decentralization-peru" in seeds.seed_names()


def test_the_wheel_ships_the_seed_and_its_source(tmp_path):
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if built.returncode != 0:
        message = f"cannot build the wheel (pip needs hatchling): {built.stderr[-300:]}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    (wheel,) = tmp_path.glob("debatemap-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert "seeds/decentralization-peru.toml" in names
        assert f"seeds/{REPORT}" in names
        assert archive.read("seeds/decentralization-peru.toml") == SEED.read_bytes()
        assert archive.read(f"seeds/{REPORT}") == (SEED.parent / REPORT).read_bytes()


def test_seed_command_copies_debate_and_source_and_the_copy_checks(tmp_path):
    dest = tmp_path / "work"
    result = run_cli("seed", "decentralization-peru", str(dest), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    copy = dest / SEED.name
    assert copy.read_bytes() == SEED.read_bytes()
    assert (dest / REPORT).read_bytes() == (SEED.parent / REPORT).read_bytes()
    checked = run_cli("check", str(copy), cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
