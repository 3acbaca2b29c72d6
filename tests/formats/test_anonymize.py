"""Chatham House exports: no stakeholder name, short name or id survives, in any format."""

from __future__ import annotations

import html
import subprocess
import sys

import pytest
from click.testing import CliRunner

from arguments.anonymize import anonymize
from arguments.integrity import check_integrity
from arguments.model import Debate
from arguments.storage import parse_debate, read_debate
from export import EXPORTERS, ExportOptions, render
from tests.conftest import ROOT
from tui.cli import cli

SEED = ROOT / "seeds" / "decentralization-peru.toml"
EVERYTHING = ExportOptions(analysis=True, shifts=True, plan=True, briefs=True)


def identifying(debate: Debate) -> set[str]:
    terms: set[str] = set()
    for s in debate.stakeholders:
        terms |= {s.name, s.short or "", s.id}
    terms.discard("")
    return {t.lower() for t in terms} | {html.escape(t).lower() for t in terms}


@pytest.mark.parametrize("mode", ["groups", "all"])
@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_anonymised_peru_exports_name_nobody(fmt, mode):
    debate = read_debate(SEED)
    out = render(fmt, anonymize(debate, mode).debate, EVERYTHING if fmt == "markdown" else ExportOptions()).lower()
    leaked = sorted(t for t in identifying(debate) if t in out)
    assert leaked == []
    assert ("stakeholder a" in out) == (mode == "all")


def test_groups_mode_labels_by_kind_and_level_and_letters_duplicates():
    result = anonymize(read_debate(SEED), "groups")
    assert result.labels["amresam"] == "a regional municipal association"
    assert result.labels["ampe-pro-government"] == "a national municipal association A"
    assert result.labels["ampe-independent"] == "a national municipal association B"
    assert result.labels["foreign-donors"] == "an international actor"
    assert any("a national legislature" in w and "identifiable" in w for w in result.warnings)  # Congress alone
    assert not any("municipal association A" in w for w in result.warnings)


def test_the_anonymised_debate_still_links_up():
    debate = read_debate(SEED)
    result = anonymize(debate, "groups").debate
    assert check_integrity(result) == []
    assert len(result.stances) == len(debate.stances) and len(result.evidence) == len(debate.evidence)
    congress = next(s for s in result.stakeholders if s.name == "A national legislature")
    assert [s.position for s in result.stances if s.stakeholder == congress.id and s.claim == "motion"] == [-2]
    assert debate.stakeholders[1].name == "Congress"  # the original is left alone


def test_names_in_free_text_and_ids_are_replaced_with_a_leading_the():
    text = """schema = 1
title = "The Mayor and the Council"
[[stakeholders]]
id = "mayor"
name = "The Mayor"
group = "local government"
level = "local"
[[stakeholders]]
id = "council"
name = "Town council (TC)"
short = "Council"
group = "local government"
level = "local"
[[claims]]
id = "mayor-plan"
text = "The Mayor's plan, which the TC blocks; the council says so."
kind = "thesis"
[[stances]]
stakeholder = "council"
claim = "mayor-plan"
position = -1
rationale = "Minutes of the Town council."
"""
    result = anonymize(parse_debate(text), "groups")
    claim = result.debate.claims[0]
    assert claim.text == "A local government A's plan, which a local government B blocks; a local government B says so."
    assert claim.id == "local-government-a-plan"
    assert result.debate.stances[0].rationale == "Minutes of a local government B."
    assert result.debate.title == "A local government A and a local government B"


def test_export_and_plan_anonymise_on_the_command_line(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "tui", "export", str(SEED), "--format", "csv", "--anonymize", "groups"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "a national legislature" in proc.stderr and "identifiable" in proc.stderr
    assert "congress" not in proc.stdout.lower()
    result = CliRunner().invoke(cli, ["plan", str(SEED), "--anonymize", "all"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "Stakeholder A" in result.output and "Executive" not in result.output and "Congress" not in result.output


def test_all_mode_names_by_letters_and_leaves_the_group_blank():
    result = anonymize(read_debate(SEED), "all")
    assert [s.name for s in result.debate.stakeholders][:3] == ["Stakeholder A", "Stakeholder B", "Stakeholder C"]
    assert {s.group for s in result.debate.stakeholders} == {""} and result.warnings == []
