"""Three-way merge by ids: clean merges, each conflict kind, and real `git merge` with the driver."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from arguments.merge import merge_debates, merge_text
from arguments.model import Claim, Debate, Source, Stance, StanceChange
from arguments.problems import DebateError
from arguments.storage import dumps_debate, parse_debate
from tests.conftest import ROOT, SMALL_DEBATE, require_tool


def base() -> Debate:
    return parse_debate(SMALL_DEBATE)


def claim(debate: Debate, cid: str) -> Claim:
    return next(c for c in debate.claims if c.id == cid)


def without_claims(debate: Debate, *ids: str) -> None:
    debate.claims = [c for c in debate.claims if c.id not in ids]


def resolve(text: str, keep: str) -> str:
    """TEXT with every conflict block replaced by one side: `ours` or `theirs`."""
    out, side = [], None
    for line in text.splitlines(keepends=True):
        if line.startswith("<<<<<<<"):
            side = "ours"
        elif line.startswith("|||||||") and side:
            side = "base"
        elif line.startswith("=======") and side:
            side = "theirs"
        elif line.startswith(">>>>>>>") and side:
            side = None
        elif side is None or side == keep:
            out.append(line)
    return "".join(out)


def conflicted(base_d: Debate, ours: Debate, theirs: Debate) -> tuple[list, str]:
    result = merge_debates(base_d, ours, theirs)
    assert not result.clean
    return result.conflicts, merge_text(result)


def test_nothing_changed_gives_the_same_bytes():
    b = base()
    result = merge_debates(b, base(), base())
    assert result.clean and result.warnings == []
    assert dumps_debate(result.debate()) == dumps_debate(b)
    assert merge_text(result) == dumps_debate(b)


def test_independent_edits_to_one_record_and_to_neighbours_merge():
    b, ours, theirs = base(), base(), base()
    ours.stakeholders[1].power = 3
    theirs.stakeholders[1].interest = 5
    claim(ours, "cost").text = "The bridge costs far too much."
    claim(theirs, "cost").notes = "Said by the treasurer."
    claim(theirs, "grants").text = "Grants cover half."
    result = merge_debates(b, ours, theirs)
    assert result.clean
    merged = parse_debate(dumps_debate(result.debate()))
    shops = merged.stakeholders[1]
    assert (shops.power, shops.interest) == (3, 5)
    cost = claim(merged, "cost")
    assert (cost.text, cost.notes) == ("The bridge costs far too much.", "Said by the treasurer.")
    assert claim(merged, "grants").text == "Grants cover half."


def test_the_same_change_on_both_sides_is_no_conflict():
    b, ours, theirs = base(), base(), base()
    for side in (ours, theirs):
        claim(side, "cost").text = "Too dear."
        side.claims.append(Claim(id="new", text="Same new claim", parent="motion", relation="supports"))
    result = merge_debates(b, ours, theirs)
    assert result.clean
    merged = result.debate()
    assert claim(merged, "cost").text == "Too dear."
    assert [c.id for c in merged.claims].count("new") == 1


def test_deletions_and_additions_on_either_side_merge():
    b, ours, theirs = base(), base(), base()
    without_claims(ours, "grants")
    theirs.sources.append(Source(id="survey", citation="Shop survey (2025)."))
    theirs.evidence[0].source = "survey"
    merged = merge_debates(b, ours, theirs).debate()
    assert "grants" not in {c.id for c in merged.claims}
    assert [s.id for s in merged.sources] == ["report", "survey"]
    assert merged.evidence[0].source == "survey"


def test_lists_of_ids_and_tags_merge_as_sets():
    b, ours, theirs = base(), base(), base()
    claim(b, "cost").tags = ["fiscal", "old"]
    claim(ours, "cost").tags = ["fiscal", "old", "legal"]
    claim(theirs, "cost").tags = ["fiscal", "local"]  # theirs dropped "old"
    assert claim(merge_debates(b, ours, theirs).debate(), "cost").tags == ["fiscal", "legal", "local"]


def test_field_conflict_is_written_between_markers_and_resolves_either_way():
    b, ours, theirs = base(), base(), base()
    claim(ours, "cost").text = "Costs A."
    claim(theirs, "cost").text = "Costs B."
    conflicts, text = conflicted(b, ours, theirs)
    assert [(c.table, c.key, c.field, c.kind) for c in conflicts] == [("claims", "cost", "text", "field")]
    with pytest.raises(DebateError) as caught:
        parse_debate(text, "merged.toml")
    marker_line = text.splitlines().index(next(line for line in text.splitlines() if line.startswith("<<<<<<<"))) + 1
    assert caught.value.problems[0].line == marker_line
    assert claim(parse_debate(resolve(text, "ours")), "cost").text == "Costs A."
    assert claim(parse_debate(resolve(text, "theirs")), "cost").text == "Costs B."
    assert '"The bridge costs too much."' in text.split("|||||||")[1].split("=======")[0]  # the base is shown


@pytest.mark.parametrize("deleter", ["ours", "theirs"])
def test_deleted_on_one_side_and_edited_on_the_other_is_a_conflict(deleter):
    b, ours, theirs = base(), base(), base()
    deleting, editing = (ours, theirs) if deleter == "ours" else (theirs, ours)
    without_claims(deleting, "grants")
    claim(editing, "grants").text = "Grants cover all of it."
    conflicts, text = conflicted(b, ours, theirs)
    assert [(c.key, c.kind, c.field) for c in conflicts] == [("grants", "deleted", None)]
    kept = "theirs" if deleter == "ours" else "ours"
    assert claim(parse_debate(resolve(text, kept)), "grants").text == "Grants cover all of it."
    assert "grants" not in {c.id for c in parse_debate(resolve(text, deleter)).claims}


def test_both_added_the_same_id_differently_is_a_conflict_without_a_base():
    b, ours, theirs = base(), base(), base()
    ours.claims.append(Claim(id="jobs", text="The works bring jobs.", parent="motion", relation="supports"))
    theirs.claims.append(Claim(id="jobs", text="The works cost jobs.", parent="motion", relation="opposes"))
    conflicts, text = conflicted(b, ours, theirs)
    assert sorted((c.key, c.field) for c in conflicts) == [("jobs", "relation"), ("jobs", "text")]
    assert "|||||||" not in text
    assert claim(parse_debate(resolve(text, "ours")), "jobs").relation == "supports"
    assert claim(parse_debate(resolve(text, "theirs")), "jobs").relation == "opposes"


def test_a_child_added_under_a_parent_the_other_side_deleted_keeps_the_parent_in_conflict():
    b, ours, theirs = base(), base(), base()
    without_claims(ours, "cost", "grants")
    theirs.claims.append(Claim(id="loans", text="Loans are cheap now.", parent="cost", relation="opposes"))
    conflicts, text = conflicted(b, ours, theirs)
    assert [(c.table, c.key, c.kind) for c in conflicts] == [("claims", "cost", "deleted")]
    assert "loans" in conflicts[0].reason
    merged = parse_debate(resolve(text, "theirs"))
    assert claim(merged, "loans").parent == "cost"
    assert "grants" not in {c.id for c in merged.claims}  # deleted on ours, untouched on theirs
    with pytest.raises(DebateError) as caught:  # keeping the deletion leaves the child dangling
        parse_debate(resolve(text, "ours"))
    assert 'no claim with id "cost"' in caught.value.problems[0].message


def test_a_stakeholder_deleted_while_the_other_side_recorded_its_shift_is_a_conflict():
    b, ours, theirs = base(), base(), base()
    ours.stakeholders = [s for s in ours.stakeholders if s.id != "shops"]
    ours.stances = [s for s in ours.stances if s.stakeholder != "shops"]
    theirs.stance_changes.append(
        StanceChange(at="2026-11-26T10:15", stakeholder="shops", claim="motion", **{"from": -1}, to=1)
    )
    conflicts, text = conflicted(b, ours, theirs)
    assert [(c.table, c.key) for c in conflicts] == [("stakeholders", "shops")]
    assert parse_debate(resolve(text, "theirs")).stance_changes[0].stakeholder == "shops"


def test_moves_that_make_a_cycle_together_are_a_conflict():
    b, ours, theirs = base(), base(), base()
    claim(ours, "traffic").parent = "cost"
    claim(theirs, "cost").parent = "traffic"
    conflicts, text = conflicted(b, ours, theirs)
    assert [c.kind for c in conflicts] == ["integrity"]
    assert "cycle" in conflicts[0].reason
    parse_debate(resolve(text, "theirs"))  # either side of the flagged record is a tree again


def test_the_same_id_added_in_two_tables_is_a_conflict():
    b, ours, theirs = base(), base(), base()
    ours.sources.append(Source(id="budget", citation="Budget 2025."))
    theirs.claims.append(Claim(id="budget", text="The budget allows it.", parent="motion", relation="supports"))
    conflicts, _ = conflicted(b, ours, theirs)
    assert [(c.table, c.key, c.kind) for c in conflicts] == [("claims", "budget", "integrity")]


def test_title_conflict_is_marked_at_the_top():
    b, ours, theirs = base(), base(), base()
    ours.title, theirs.title = "Bridge A", "Bridge B"
    conflicts, text = conflicted(b, ours, theirs)
    assert [(c.table, c.field) for c in conflicts] == [(None, "title")]
    assert parse_debate(resolve(text, "theirs")).title == "Bridge B"


def test_stance_history_is_a_union_sorted_by_time():
    b, ours, theirs = base(), base(), base()
    early = StanceChange(at="2026-11-26T09:00", stakeholder="council", claim="motion", **{"from": 1}, to=2)
    b.stance_changes = [early]
    ours.stance_changes = [early, StanceChange(at="2026-11-26T11:00", stakeholder="shops", claim="motion", to=1)]
    theirs.stance_changes = [
        early,
        StanceChange(at="2026-11-26", stakeholder="shops", claim="cost", to=-2, note="a bare date is midnight"),
        StanceChange(at="2026-11-26T11:00", stakeholder="shops", claim="motion", to=1),  # the same entry
        StanceChange(at="2026-11-26T10:30+01:00", stakeholder="council", claim="cost", to=1),
    ]
    merged = merge_debates(b, ours, theirs).debate()
    assert [(c.at, c.claim) for c in merged.stance_changes] == [
        ("2026-11-26", "cost"),
        ("2026-11-26T09:00", "motion"),
        ("2026-11-26T10:30+01:00", "cost"),
        ("2026-11-26T11:00", "motion"),
    ]


def test_a_history_entry_removed_on_one_side_stays_removed():
    b, ours, theirs = base(), base(), base()
    entry = StanceChange(at="2026-11-26T09:00", stakeholder="council", claim="motion", to=2)
    b.stance_changes = [entry]
    theirs.stance_changes = [entry]
    assert merge_debates(b, ours, theirs).debate().stance_changes == []


def children(debate: Debate, parent: str) -> list[str]:
    return [c.id for c in debate.claims if c.parent == parent]


def test_sibling_order_follows_the_side_that_reordered_and_keeps_additions_in_place():
    b, ours, theirs = base(), base(), base()
    ours.claims = [ours.claims[0], ours.claims[2], ours.claims[1], ours.claims[3]]  # cost before traffic
    theirs.claims.insert(2, Claim(id="jobs", text="Jobs.", parent="motion", relation="supports"))  # after traffic
    assert children(merge_debates(b, ours, theirs).debate(), "motion") == ["cost", "traffic", "jobs"]
    assert children(merge_debates(b, theirs, ours).debate(), "motion") == ["cost", "traffic", "jobs"]


def test_both_reordering_differently_is_a_conflict_marked_before_the_siblings():
    b, ours, theirs = base(), base(), base()
    for side in (b, ours, theirs):
        side.claims.append(Claim(id="jobs", text="Jobs.", parent="motion", relation="supports"))
    ours.claims = [ours.claims[i] for i in (0, 2, 1, 3, 4)]  # cost, traffic, jobs
    theirs.claims = [theirs.claims[i] for i in (0, 4, 1, 2, 3)]  # jobs, traffic, cost
    result = merge_debates(b, ours, theirs)
    assert [(c.table, c.key, c.kind) for c in result.conflicts] == [("claims", "motion", "order")]
    assert "ours: cost, traffic, jobs; theirs: jobs, traffic, cost" in str(result.conflicts[0])
    text = merge_text(result)
    assert "# theirs' order: jobs, traffic, cost" in text
    assert text.index('<<<<<<< ours: claims under "motion"') < text.index('id = "cost"')
    assert children(parse_debate(resolve(text, "ours")), "motion") == ["cost", "traffic", "jobs"]


# --- the command --------------------------------------------------------------------


def run_merge(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tui", "merge", *args], capture_output=True, text=True, cwd=cwd or ROOT, timeout=120
    )


def write(path: Path, debate: Debate) -> Path:
    path.write_text(dumps_debate(debate), encoding="utf-8")
    return path


def test_command_exit_status_and_report(tmp_path):
    b, ours, theirs = base(), base(), base()
    claim(ours, "cost").text = "Costs A."
    claim(theirs, "traffic").text = "Less traffic."
    paths = [write(tmp_path / n, d) for n, d in (("b.toml", b), ("o.toml", ours), ("t.toml", theirs))]
    done = run_merge(*map(str, paths), "-o", str(tmp_path / "out.toml"))
    assert done.returncode == 0, done.stderr
    merged = parse_debate((tmp_path / "out.toml").read_text())
    assert (claim(merged, "cost").text, claim(merged, "traffic").text) == ("Costs A.", "Less traffic.")

    claim(theirs, "cost").text = "Costs B."
    write(paths[2], theirs)
    done = run_merge(*map(str, paths), "-o", str(paths[1]), "--marker-size", "9")
    assert done.returncode == 1
    assert 'claims "cost" field text' in done.stderr and "Traceback" not in done.stderr
    assert "<<<<<<<<< ours" in paths[1].read_text()
    check = subprocess.run([sys.executable, "-m", "tui", "check", str(paths[1])], capture_output=True, text=True)
    assert check.returncode == 1


def test_command_refuses_unreadable_input_and_leaves_out_alone(tmp_path):
    good = write(tmp_path / "good.toml", base())
    bad = tmp_path / "bad.toml"
    bad.write_text('title = "x"\n[[claims]]\nid = "A B"\ntext = "t"\n')
    out = tmp_path / "out.toml"
    done = run_merge(str(good), str(bad), str(good), "-o", str(out))
    assert done.returncode == 1 and "bad.toml:3" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()


def test_command_takes_an_empty_base_and_json(tmp_path):
    empty = tmp_path / "empty"  # git passes an empty base when both sides added the file
    empty.write_text("")
    ours, theirs = base(), base()
    ours.claims.append(Claim(id="jobs", text="Jobs.", parent="motion", relation="supports"))
    theirs.claims.append(Claim(id="jobs", text="Jobs.", parent="motion", relation="supports"))
    theirs.sources.append(Source(id="survey", citation="Shop survey (2025)."))
    o = tmp_path / "o.json"
    o.write_text(dumps_debate(ours, "json"))
    t = write(tmp_path / "t.toml", theirs)
    out = tmp_path / "merged"  # no extension, as git's temporary files: JSON because OURS is
    done = run_merge(str(empty), str(o), str(t), "-o", str(out))
    assert done.returncode == 0, done.stderr
    merged = Debate.model_validate(json.loads(out.read_text()))
    assert [s.id for s in merged.sources] == ["report", "survey"]
    assert [c.id for c in merged.claims].count("jobs") == 1

    claim(theirs, "cost").notes = "From the treasurer."  # added differently: a conflict
    write(t, theirs)
    out = tmp_path / "merged-again"  # `merged` holds a debate now: -o would refuse it
    done = run_merge(str(empty), str(o), str(t), "-o", str(out))
    assert done.returncode == 1 and 'claims "cost" field notes' in done.stderr
    assert [c["conflict"] for c in json.loads(out.read_text())["merge_conflicts"]] == [
        'claims "cost" field notes: both sides added it with different values'
    ]


# --- through git ----------------------------------------------------------------------


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo), "GIT_TERMINAL_PROMPT": "0"}
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env, timeout=120)
    if check and done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)}: {done.stdout}{done.stderr}")
    return done


def repo_with_branches(tmp_path: Path, ours: Debate, theirs: Debate, driver: bool = True) -> Path:
    """A repository whose `main` changed the debate as OURS and branch `other` as THEIRS."""
    require_tool("git")
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "Test")
    git(repo, "config", "user.email", "test@example.org")
    if driver:
        command = f'"{sys.executable}" -m tui merge %O %A %B -o %A --marker-size %L'
        git(repo, "config", "merge.debatemap.driver", command)
        (repo / ".gitattributes").write_text("*.debate.toml merge=debatemap\n")
    write(repo / "bridge.debate.toml", base())
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "checkout", "-q", "-b", "other")
    write(repo / "bridge.debate.toml", theirs)
    git(repo, "commit", "-q", "-am", "theirs")
    git(repo, "checkout", "-q", "main")
    write(repo / "bridge.debate.toml", ours)
    git(repo, "commit", "-q", "-am", "ours")
    return repo


def neighbouring_edits() -> tuple[Debate, Debate]:
    ours, theirs = base(), base()
    ours.stakeholders[1].power = 3  # `power` and `interest` are adjacent lines
    theirs.stakeholders[1].interest = 5
    return ours, theirs


@pytest.mark.e2e  # real git with the driver
def test_git_without_the_driver_conflicts_on_neighbouring_lines(tmp_path):
    repo = repo_with_branches(tmp_path, *neighbouring_edits(), driver=False)
    assert git(repo, "merge", "-q", "other", check=False).returncode != 0


@pytest.mark.e2e  # real git with the driver
def test_git_merge_with_the_driver_merges_neighbouring_lines(tmp_path):
    ours, theirs = neighbouring_edits()
    theirs.stances.append(Stance(stakeholder="shops", claim="cost", position=2))
    repo = repo_with_branches(tmp_path, ours, theirs)
    done = git(repo, "merge", "-q", "--no-edit", "other", check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    merged = parse_debate((repo / "bridge.debate.toml").read_text())
    assert (merged.stakeholders[1].power, merged.stakeholders[1].interest) == (3, 5)
    assert ("shops", "cost") in {(s.stakeholder, s.claim) for s in merged.stances}
    assert git(repo, "status", "--porcelain").stdout == ""


@pytest.mark.e2e  # real git with the driver
def test_git_merge_with_the_driver_leaves_conflicts_for_the_user(tmp_path):
    ours, theirs = base(), base()
    claim(ours, "cost").text = "Costs A."
    claim(theirs, "cost").text = "Costs B."
    claim(theirs, "traffic").text = "Less traffic."  # merges cleanly beside the conflict
    repo = repo_with_branches(tmp_path, ours, theirs)
    done = git(repo, "merge", "other", check=False)
    assert done.returncode != 0
    assert git(repo, "diff", "--name-only", "--diff-filter=U").stdout.split() == ["bridge.debate.toml"]
    text = (repo / "bridge.debate.toml").read_text()
    assert claim(parse_debate(resolve(text, "theirs")), "cost").text == "Costs B."
    resolved = parse_debate(resolve(text, "ours"))
    assert (claim(resolved, "cost").text, claim(resolved, "traffic").text) == ("Costs A.", "Less traffic.")


# --- properties over generated debates ----------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402

from arguments.history import sort_key  # noqa: E402
from tests.strategies import debates  # noqa: E402

PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def canonical(debate: Debate) -> str:
    """The debate's text with its history in time order, as a merge writes it."""
    ordered = debate.model_copy(deep=True)
    ordered.stance_changes = sorted(ordered.stance_changes, key=sort_key)
    return dumps_debate(ordered)


@PROPERTY
@given(debates(), debates())
def test_a_side_that_changed_nothing_yields_the_other_side_exactly(b, x):
    for ours, theirs in ((x, b), (b, x)):
        result = merge_debates(b, ours, theirs)
        assert result.clean, result.conflicts
        assert dumps_debate(result.debate()) == canonical(x)


@PROPERTY
@given(debates())
def test_both_sides_adding_the_same_debate_is_clean(x):
    for base_d in (None, x):
        result = merge_debates(base_d, x, x)
        assert result.clean
        assert dumps_debate(result.debate()) == canonical(x)


@pytest.mark.slow
@PROPERTY
@given(debates(), debates(), debates())
def test_any_three_versions_merge_to_a_valid_debate_or_marked_conflicts(b, ours, theirs):
    result = merge_debates(b, ours, theirs)
    text = merge_text(result)
    if result.clean:
        assert text == dumps_debate(result.debate())
        parse_debate(text)  # a clean merge always loads
    else:
        assert "\n<<<<<<< ours" in "\n" + text
        with pytest.raises(DebateError):
            parse_debate(text)


def test_scenario_overrides_changed_on_both_sides_show_both_records_in_full():
    from arguments.model import PositionOverride, Scenario

    b, ours, theirs = base(), base(), base()
    for side in (b, ours, theirs):
        side.scenarios.append(Scenario(id="law", name="The law passes"))
    ours.scenarios[0].positions = [PositionOverride(stakeholder="shops", claim="motion", position=2)]
    theirs.scenarios[0].positions = [PositionOverride(stakeholder="shops", claim="motion", position=-3)]
    conflicts, text = conflicted(b, ours, theirs)
    assert [(c.key, c.field, c.kind) for c in conflicts] == [("law", None, "field")]
    assert parse_debate(resolve(text, "ours")).scenarios[0].positions[0].position == 2
    assert parse_debate(resolve(text, "theirs")).scenarios[0].positions[0].position == -3
