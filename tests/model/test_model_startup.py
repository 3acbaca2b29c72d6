"""The models start cheaply (no pydantic plugin search, field docs read once per module)
and carry exactly what pydantic's own `use_attribute_docstrings` would give them."""

from __future__ import annotations

import subprocess
import sys

from pydantic._internal._docs_extraction import extract_docstrings_from_cls

from arguments.model import RECORD_TYPES, Debate, PositionOverride, PowerOverride, Record

MODELS = [Debate, PositionOverride, PowerOverride, *RECORD_TYPES.values()]


def test_field_descriptions_are_the_docstrings_pydantic_reads():
    for model in MODELS:
        docs = extract_docstrings_from_cls(model, use_inspect=True)
        assert docs, model.__name__
        fields = model.model_fields
        assert {name: info.description for name, info in fields.items()} == {name: docs[name] for name in fields}


def test_every_record_type_is_documented():
    assert {model.__name__ for model in Record.__subclasses__()} <= {model.__name__ for model in MODELS}


def test_loading_a_debate_searches_for_no_pydantic_plugin(small_debate_file):
    code = (
        "import sys\n"
        "from arguments.loading import read_debate\n"
        f"read_debate({str(small_debate_file)!r})\n"
        "print('importlib.metadata' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_models_without_their_source_load_undocumented(monkeypatch):
    import inspect

    from pydantic import BaseModel

    from arguments.field_docs import document_fields

    class Bare(BaseModel):
        size: int = 0
        """Not read: the source is missing."""

    def no_source(_module: object) -> str:
        raise OSError("could not get source code")

    monkeypatch.setattr(inspect, "getsource", no_source)
    document_fields(__name__, [Bare])
    assert Bare.model_fields["size"].description is None
    assert Bare(size=3).size == 3


def test_a_pydantic_asking_its_loader_for_more_gets_the_real_one():
    """Should a later pydantic import another name from its plugin loader, it gets the
    real module's (start-up is slower, nothing breaks)."""
    code = (
        "import arguments.pydantic_setup\n"
        "from pydantic.plugin._loader import PYDANTIC_ENTRY_POINT_GROUP\n"
        "print(PYDANTIC_ENTRY_POINT_GROUP)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "pydantic"
