"""Field docstrings as the models' field descriptions, read once per module.

Pydantic's `use_attribute_docstrings` reads the source again for every class (on Python
before 3.13 by walking the stack and tokenizing from the class on): 15-30 ms of every
command's start-up for the dozen models of `arguments.model`. `document_fields` parses the
module once and gives each field the string written just under it, as pydantic does; the
models, built on first use (`defer_build`), then carry the same descriptions.
"""

from __future__ import annotations

import ast
import inspect
import sys

from pydantic import BaseModel


def document_fields(module_name: str, models: list[type[BaseModel]]) -> None:
    """Give each field of MODELS (classes defined at the top level of module MODULE_NAME,
    not yet built) that has no description the docstring under it in the source (none
    when the source cannot be read, as with pydantic's own reading)."""
    try:
        source = inspect.getsource(sys.modules[module_name])
    except (OSError, TypeError):
        return
    tree = ast.parse(source)
    docs = {node.name: _attribute_docs(node) for node in tree.body if isinstance(node, ast.ClassDef)}
    for model in models:
        found = docs.get(model.__name__, {})
        for name, info in model.model_fields.items():
            if info.description is None and name in found:
                info.description = found[name]


def _attribute_docs(cls: ast.ClassDef) -> dict[str, str]:
    """Attribute name -> the string statement right after its annotated assignment."""
    docs: dict[str, str] = {}
    target: str | None = None
    for statement in cls.body:
        if isinstance(statement, ast.AnnAssign):
            target = statement.target.id if isinstance(statement.target, ast.Name) else None
            continue
        if (
            target is not None
            and isinstance(statement, ast.Expr)
            and isinstance(statement.value, ast.Constant)
            and isinstance(statement.value.value, str)
        ):
            docs[target] = inspect.cleandoc(statement.value.value)
        target = None
    return docs
