"""Export in a served view (`debatemap serve`): the file goes to the participant's browser as a
download. Nothing typed in the browser names a path on the serving machine, so the form
asks for the format only (the local app's export asks for a path: saving.py)."""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from .screens.form import FormField, FormScreen

if TYPE_CHECKING:
    from .app_core import DebateAppCore

MIME_TYPES = {".md": "text/markdown", ".json": "application/json", ".html": "text/html", ".csv": "text/csv"}


def download_name(stem: str, extension: str) -> str:
    """A file name for the browser made from the debate's file name: letters, digits, `._-` only
    (it travels in a Content-Disposition header)."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("._") or "debate"
    return safe[:80] + extension


def export_as_download(app: DebateAppCore) -> None:
    """Ask for a format, render the debate, and hand it to the browser (Textual's deliver_text)."""
    from export import render
    from export.formats import BY_NAME, writable

    from .screens.export_options import export_options, option_fields

    def submit(values: dict) -> str | None:
        fmt = values["format"]
        extension = BY_NAME[fmt].extension
        name = download_name(app.workfile.path.stem, extension)
        text = render(fmt, app.debate, export_options(values))
        app.deliver_text(
            io.StringIO(text), save_filename=name, mime_type=MIME_TYPES.get(extension, "text/plain"), encoding="utf-8"
        )
        app.notify(f"Exported {fmt}: your browser downloads {name}", markup=False)
        return None

    fields = [
        FormField(
            "format",
            "Format (the file downloads in your browser)",
            "markdown",
            kind="choice",
            choices=[(name, name) for name in writable()],
        ),
        *option_fields(),
    ]
    app.push_screen(FormScreen("Export", fields, submit, cancelled="Export cancelled: nothing downloaded."))
