"""JSON: the debate exactly as a `.json` debate file holds it, and that file's JSON Schema.

The export is the canonical JSON form (`storage.dumps_debate`), so it loads back as the
same debate. The options do not apply: this is the whole model, for other programs.
"""

from __future__ import annotations

from typing import Any

from arguments.model import Debate
from arguments.storage import dumps_debate
from arguments.terminal_json import escape_json_text

from . import ExportOptions

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def render(debate: Debate, options: ExportOptions) -> str:
    """The debate as canonical JSON (the options are ignored: the whole model is written),
    with control and format characters escaped so that printing it is safe."""
    return escape_json_text(dumps_debate(debate, "json"))


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a debate file, its descriptions taken from the field docstrings.

    A `$schema` key is allowed at the top so that a JSON file can name this schema for
    its editor.
    """
    schema = Debate.model_json_schema(by_alias=True, mode="validation")
    properties = {
        "$schema": {"type": "string", "description": "Where editors find this schema (ignored by debatemap)."}
    }
    properties.update(schema["properties"])
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "debatemap debate file",
        "description": "A policy debate: claims, evidence, stakeholders and stances (TOML or JSON).",
        **{k: v for k, v in schema.items() if k not in ("title", "description", "properties")},
        "properties": properties,
    }
