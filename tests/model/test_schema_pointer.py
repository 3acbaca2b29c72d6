"""A file's pointer to its JSON Schema (for editors) survives fmt and saving."""

import json
import subprocess
import sys

from arguments.operations import edit_claim
from arguments.storage import read_debate
from arguments.workfile import WorkFile


def fmt(path):
    return subprocess.run([sys.executable, "-m", "tui", "fmt", str(path)], capture_output=True, text=True, timeout=60)


def test_toml_schema_line_survives_fmt_and_an_edit(small_debate_file):
    text = small_debate_file.read_text()
    small_debate_file.write_text("#:schema ./debate.schema.json\n" + text)
    assert fmt(small_debate_file).returncode == 0
    assert small_debate_file.read_text().startswith("#:schema ./debate.schema.json\nschema = 1\n")
    work = WorkFile(small_debate_file)
    debate = work.load()
    edit_claim(debate, "cost", text="The bridge costs a lot.").apply(debate)
    work.save(debate)
    saved = small_debate_file.read_text()
    assert saved.startswith("#:schema ./debate.schema.json\n")
    assert read_debate(small_debate_file).claims[2].text == "The bridge costs a lot."


def test_json_schema_key_survives_fmt(tmp_path, small_debate_file):
    path = tmp_path / "d.json"
    data = {"$schema": "./debate.schema.json", **json.loads(json.dumps(_as_data(small_debate_file)))}
    path.write_text(json.dumps(data, indent=4))
    assert fmt(path).returncode == 0
    assert json.loads(path.read_text())["$schema"] == "./debate.schema.json"
    assert read_debate(path).title == "Small debate"


def _as_data(path):
    from arguments.storage import to_data

    return to_data(read_debate(path))
