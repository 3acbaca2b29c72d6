"""The JSON export and `debatemap schema`: exports validate against the schema and load
back as the same debate; the schema refuses what the loader refuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from arguments.model import Claim, Debate
from arguments.storage import dumps_debate, parse_debate, read_debate
from export import ExportOptions, render
from export.json_export import json_schema
from tests.formats.test_export_samples import SAMPLES, linked_data
from tui.cli import cli


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_export_validates_and_loads_back(validator: Draft202012Validator, name: str) -> None:
    debate = SAMPLES[name]()
    text = render("json", debate, ExportOptions(depth=0, stances=False))
    assert json.loads(text) == json.loads(dumps_debate(debate, "json"))  # the same, controls escaped
    assert list(validator.iter_errors(json.loads(text))) == []
    assert parse_debate(text, "export.json", "json") == debate


def _errors(validator: Draft202012Validator, data: dict) -> list[str]:
    return [".".join(map(str, e.absolute_path)) for e in validator.iter_errors(data)]


def test_schema_refuses_what_the_model_refuses(validator: Draft202012Validator) -> None:
    data = linked_data()
    data["claims"][1]["id"] = "Not A Slug"
    data["claims"][2]["relation"] = "agrees"
    data["stakeholders"][0]["power"] = 9
    data["stances"][0]["position"] = -4
    data["claims"][3]["colour"] = "red"
    data["surprise"] = 1
    assert sorted(_errors(validator, data)) == sorted(
        ["claims.1.id", "claims.2.relation", "stakeholders.0.power", "stances.0.position", "claims.3", ""]
    )


def test_schema_allows_a_dollar_schema_key(validator: Draft202012Validator) -> None:
    data = linked_data() | {"$schema": "./debate.schema.json"}
    assert _errors(validator, data) == []


def test_descriptions_are_the_field_docstrings() -> None:
    schema = json_schema()
    claim = schema["$defs"]["Claim"]["properties"]
    for name, field in Claim.model_fields.items():
        assert claim[name]["description"] == field.description
    assert schema["properties"]["title"]["description"] == Debate.model_fields["title"].description
    assert schema["properties"]["links"]["items"] == {"$ref": "#/$defs/Link"}
    assert "from" in schema["$defs"]["Link"]["properties"]


def test_schema_command_prints_the_schema_and_writes_a_file(tmp_path: Path) -> None:
    runner = CliRunner()
    printed = runner.invoke(cli, ["schema"])
    assert printed.exit_code == 0
    assert json.loads(printed.output) == json_schema()
    out = tmp_path / "debate.schema.json"
    written = runner.invoke(cli, ["schema", "-o", str(out)])
    assert written.exit_code == 0 and written.output == ""
    assert json.loads(out.read_text("utf-8")) == json_schema()


def test_schema_command_reports_an_unwritable_output(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["schema", "-o", str(tmp_path / "missing" / "x.json")])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_toml_with_a_schema_line_still_loads(tmp_path: Path) -> None:
    debate = SAMPLES["linked"]()
    path = tmp_path / "debate.toml"
    path.write_text("#:schema ./debate.schema.json\n" + dumps_debate(debate), encoding="utf-8")
    assert read_debate(path) == debate
