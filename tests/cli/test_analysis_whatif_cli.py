"""What-if from the command line: changes nothing unless kept, refuses unknown ids."""

import json
import subprocess
import sys

from arguments.storage import read_debate


def analyze(*args):
    return subprocess.run(
        [sys.executable, "-m", "tui", "analyze", *map(str, args)], capture_output=True, text=True, timeout=120
    )


def test_a_what_if_shows_before_and_after_and_saves_nothing(small_debate_file):
    saved = small_debate_file.read_bytes()
    done = analyze(small_debate_file, "--set", "shops:motion=3", "--power", "council=1", "--json")
    assert done.returncode == 0, done.stderr
    what_if = json.loads(done.stdout)["what_if"]
    # Before: council 4 x +2 = 8 for, shops 2 x |-1| = 2 against.
    # After: council 1 x +2 + shops 2 x +3 = 8 for, nobody against.
    before, after = what_if["before"]["feasibility"]["motion"], what_if["after"]["feasibility"]["motion"]
    assert (before["support"], before["opposition"]) == (8, 2)
    assert (after["support"], after["opposition"]) == (8, 0)
    assert small_debate_file.read_bytes() == saved


def test_keep_as_names_the_scenario_in_the_file(small_debate_file):
    done = analyze(small_debate_file, "--set", "shops:motion=3", "--drop", "cost", "--keep-as", "Shops convinced")
    assert done.returncode == 0, done.stderr
    scenario = read_debate(small_debate_file).scenarios[0]
    assert (scenario.id, scenario.name, scenario.dropped) == ("shops-convinced", "Shops convinced", ["cost"])
    assert [(p.stakeholder, p.claim, p.position) for p in scenario.positions] == [("shops", "motion", 3)]
    again = analyze(small_debate_file, "--scenario", "shops-convinced")
    assert again.returncode == 0 and "Shops convinced" in again.stdout


def test_bad_what_ifs_are_refused_plainly(small_debate_file):
    before = small_debate_file.read_bytes()
    unknown = analyze(small_debate_file, "--set", "nobody:motion=1", "--keep-as", "x")
    assert unknown.returncode == 1 and 'no stakeholder with id "nobody"' in unknown.stderr
    out_of_range = analyze(small_debate_file, "--power", "council=9")
    assert out_of_range.returncode == 2 and "from 1 to 5" in out_of_range.stderr
    keep_alone = analyze(small_debate_file, "--keep-as", "x")
    assert keep_alone.returncode == 2
    for done in (unknown, out_of_range, keep_alone):
        assert "Traceback" not in done.stderr
    assert small_debate_file.read_bytes() == before
