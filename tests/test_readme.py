"""The README's file-format section is generated from the model; it must not drift."""

from pathlib import Path

from arguments.format_doc import END, START, replace_section

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_format_section_matches_the_model():
    text = README.read_text(encoding="utf-8")
    assert START in text and END in text
    assert replace_section(text) == text, "run: python -m arguments.format_doc README.md"


def test_every_model_field_is_documented():
    from arguments.model import RECORD_TYPES, Debate, PositionOverride, PowerOverride

    for model in [Debate, PositionOverride, PowerOverride, *RECORD_TYPES.values()]:
        for name, info in model.model_fields.items():
            assert info.description, f"{model.__name__}.{name} has no docstring"
