"""`#` comments in a hand-edited debate survive `fmt`, edits, deletions and merges."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from arguments.diff import diff_debates
from arguments.merge import merge_debates
from arguments.storage import dumps_debate, parse_debate, read_debate
from tests.conftest import ROOT, SMALL_DEBATE
from tests.model.test_merge import git, repo_with_branches

COMMENTED = (
    SMALL_DEBATE.replace(
        "schema = 1\n", "# Bridge debate, kept by the town clerk.\n# Edit by hand; run fmt.\n\nschema = 1\n"
    )
    .replace('title = "Small debate"\n', '# the title the room agreed on\ntitle = "Small debate"\n')
    .replace(
        '\n[[claims]]\nid = "cost"\n', '\n# Raised by the treasurer at the first meeting.\n[[claims]]\nid = "cost"\n'
    )
    .replace(
        'text = "The bridge costs too much."\n',
        '# wording from the minutes\ntext = "The bridge costs too much."  # 4 million\n',
    )
    .replace("reliability = 4\n", "reliability = 4\n# check the model before the vote\n")
    + "\n# TODO: the shops' second stance\n"
)

COMMENT_LINES = [line.strip() for line in COMMENTED.splitlines() if line.lstrip().startswith("#")]


def fmt(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tui", "fmt", str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=120,
    )


def record_text(text: str, header: str, key_line: str) -> str:
    """The lines of the record whose header is HEADER and that holds KEY_LINE, with the
    comment lines just above its header."""
    blocks = text.split("\n\n")
    return next(b for b in blocks if f"[[{header}]]" in b and key_line in b)


def test_fmt_keeps_every_comment_in_its_place(tmp_path):
    path = tmp_path / "bridge.toml"
    path.write_text(COMMENTED.replace("\nkind = ", "\nkind   =   "), encoding="utf-8")  # not canonical
    done = fmt(path)
    assert done.returncode == 0, done.stderr
    text = path.read_text()
    assert "kind   =" not in text  # it was formatted
    assert text.startswith("# Bridge debate, kept by the town clerk.\n# Edit by hand; run fmt.\n\nschema = 1\n")
    assert '# the title the room agreed on\ntitle = "Small debate"\n' in text
    cost = record_text(text, "claims", 'id = "cost"')
    assert cost.startswith('# Raised by the treasurer at the first meeting.\n[[claims]]\nid = "cost"\n')
    assert '# wording from the minutes\ntext = "The bridge costs too much."  # 4 million\n' in cost
    evidence = record_text(text, "evidence", 'id = "ev-count"')
    assert evidence.endswith("reliability = 4\n# check the model before the vote")
    assert text.endswith('rationale = "Fear the works."\n\n# TODO: the shops\' second stance\n')
    assert read_debate(path) == parse_debate(SMALL_DEBATE)  # the content is unchanged
    assert fmt(path).returncode == 0 and path.read_text() == text  # a second fmt changes nothing


def test_a_hash_inside_strings_of_every_kind_is_not_a_comment(tmp_path):
    path = tmp_path / "hashes.toml"
    path.write_text(
        '''title = "Issue #5 # still the title"
question = 'literal # text'
description = """
multi-line # basic
# a line of the description, not a comment
"""  # real: on the description

[[claims]]
id = "motion"
text = \'\'\'multi-line # literal
# not a comment\'\'\'
kind = "thesis"
notes = "a \\" quote then # hash"  # real: on the notes
''',
        encoding="utf-8",
    )
    assert fmt(path).returncode == 0
    debate = read_debate(path)
    assert debate.title == "Issue #5 # still the title"
    assert debate.question == "literal # text"
    assert debate.description == "multi-line # basic\n# a line of the description, not a comment\n"
    assert debate.claims[0].text == "multi-line # literal\n# not a comment"
    assert debate.claims[0].notes == 'a " quote then # hash'
    comments = [line for line in path.read_text().splitlines() if "# real" in line]
    assert comments == [
        'description = "multi-line # basic\\n# a line of the description, not a comment\\n"  # real: on the description',
        'notes = "a \\" quote then # hash"  # real: on the notes',
    ]
    assert not [line for line in path.read_text().splitlines() if line.startswith("#")]


def test_an_edited_record_keeps_its_comments_and_a_deleted_one_loses_them():
    debate = parse_debate(COMMENTED)
    cost = next(i for i, c in enumerate(debate.claims) if c.id == "cost")
    debate.claims[cost] = debate.claims[cost].model_copy(update={"text": "It costs 4 million."})
    text = dumps_debate(debate)
    assert '# wording from the minutes\ntext = "It costs 4 million."  # 4 million\n' in text
    assert '# Raised by the treasurer at the first meeting.\n[[claims]]\nid = "cost"' in text

    claims = debate.claims
    debate.claims = [c for c in claims if c.id not in ("cost", "grants")]
    text = dumps_debate(debate)
    assert "treasurer" not in text and "minutes" not in text and "4 million" not in text
    for kept in ("# Bridge debate", "# the title", "# check the model", "# TODO: the shops"):
        assert kept in text
    debate.claims = claims  # as undo puts the records back: their comments come back too
    assert "# Raised by the treasurer" in dumps_debate(debate)


def test_a_field_emptied_keeps_its_comments_at_the_end_of_its_record():
    debate = parse_debate(
        COMMENTED.replace(
            'rationale = "Voted for the plan."\n',
            '# from the council minutes\nrationale = "Voted for the plan."  # p. 3\n',
        )
    )
    debate.stances[0] = debate.stances[0].model_copy(update={"rationale": ""})
    text = dumps_debate(debate)
    stance = record_text(text, "stances", 'stakeholder = "council"')
    assert stance.endswith('basis = "stated"\n# from the council minutes\n# p. 3')
    assert dumps_debate(parse_debate(text)) == text


def test_comments_make_no_difference_to_diff():
    assert diff_debates(parse_debate(SMALL_DEBATE), parse_debate(COMMENTED)).same


def test_merge_keeps_both_sides_comments():
    base = parse_debate(SMALL_DEBATE)
    ours = parse_debate(SMALL_DEBATE.replace('id = "traffic"\n', 'id = "traffic"\n# ours: counted in May\n'))
    theirs = parse_debate(
        SMALL_DEBATE.replace('[[claims]]\nid = "grants"\n', '# theirs: ask the region\n[[claims]]\nid = "grants"\n')
    )
    theirs.claims[1] = theirs.claims[1].model_copy(update={"text": "Less traffic."})
    text = dumps_debate(merge_debates(base, ours, theirs).debate())
    assert 'id = "traffic"\n# ours: counted in May\ntext = "Less traffic."\n' in text
    assert '\n# theirs: ask the region\n[[claims]]\nid = "grants"\n' in text


@pytest.mark.e2e  # real git with the driver
def test_git_merge_with_the_driver_keeps_both_sides_comments(tmp_path):
    ours = parse_debate(
        SMALL_DEBATE.replace('[[claims]]\nid = "cost"\n', '# ours: the treasurer said so\n[[claims]]\nid = "cost"\n')
    )
    theirs = parse_debate(
        SMALL_DEBATE.replace('level = "local"\npower = 2\n', 'level = "local"\n# theirs: asked in March\npower = 2\n')
    )
    theirs.stakeholders[1] = theirs.stakeholders[1].model_copy(update={"interest": 5})
    repo = repo_with_branches(tmp_path, ours, theirs)
    assert "# ours: the treasurer" in (repo / "bridge.debate.toml").read_text()
    done = git(repo, "merge", "-q", "--no-edit", "other", check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    text = (repo / "bridge.debate.toml").read_text()
    assert '\n# ours: the treasurer said so\n[[claims]]\nid = "cost"\n' in text
    assert "# theirs: asked in March\npower = 2\ninterest = 5\n" in text
    assert parse_debate(text).stakeholders[1].interest == 5


def test_a_conflicted_merge_keeps_the_comments_around_the_markers():
    from arguments.merge import merge_text
    from tests.model.test_merge import resolve

    base = parse_debate(COMMENTED)
    ours, theirs = parse_debate(COMMENTED), parse_debate(COMMENTED)
    cost = next(i for i, c in enumerate(base.claims) if c.id == "cost")
    ours.claims[cost] = ours.claims[cost].model_copy(update={"text": "Costs A."})
    theirs.claims[cost] = theirs.claims[cost].model_copy(update={"text": "Costs B."})
    result = merge_debates(base, ours, theirs)
    assert not result.clean
    text = merge_text(result)
    assert text.startswith("# Bridge debate, kept by the town clerk.\n")
    assert (
        '# Raised by the treasurer at the first meeting.\n[[claims]]\nid = "cost"\n# wording from the minutes\n<<<<<<<'
        in text
    )
    for side, wording in (("ours", "Costs A."), ("theirs", "Costs B.")):
        resolved = resolve(text, side)
        assert [line.strip() for line in resolved.splitlines() if line.startswith("#")] == [
            c for c in COMMENT_LINES if c != "# 4 million"
        ]
        assert f'text = "{wording}"  # 4 million\n' in resolved
        assert next(c for c in parse_debate(resolved).claims if c.id == "cost").text == wording
