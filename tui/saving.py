"""Saving, and everything around it: conflicts, save-as, quitting, autosave, recovery, export.

Mixed into `DebateApp`. The file is only ever written through `WorkFile`; a failed save
keeps the edits in memory, marked unsaved, and says what happened.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work

from arguments import operations as ops
from arguments.atomic_write import write_text_atomic
from arguments.diff_summary import difference_lines
from arguments.display import one_line
from arguments.model import Debate
from arguments.problems import DebateError
from arguments.snapshot import snapshot
from arguments.workfile import ConflictError, WorkFile
from seeds import copy_seed

from .screens.choice import ChoiceScreen
from .screens.form import FormField, FormScreen

if TYPE_CHECKING:
    from .app_core import DebateAppCore

    _Base = DebateAppCore
else:
    _Base = object


MAX_LISTED = 8


def describe_differences(saved: Debate, recovered: Debate) -> Text:
    """What the recovered edits change, a line per record, at most MAX_LISTED lines."""
    out = Text()
    lines = difference_lines(saved, recovered)
    for line in lines[:MAX_LISTED]:
        out.append("  • " + one_line(line, None) + "\n")  # a dialog wraps; it never cuts with a marker
    if len(lines) > MAX_LISTED:
        out.append(f"  … and {len(lines) - MAX_LISTED} more\n", style="dim")
    return out


class SavingMixin(_Base):
    """Save, save as, quit, autosave and recovery, conflicts, export: the app's file handling."""

    _recovery_state: int | None = None
    _saving = False

    def action_save(self) -> None:
        self.save()

    def save(self, force: bool = False, then_quit: bool = False) -> bool:
        """Save to the work file: the writing runs in a thread on a snapshot, so the UI
        stays live; a file changed on disk, found there under the file's lock, comes back
        as the conflict dialog with the edits unsaved. False if no save was started."""
        if self.read_only:
            self.notify("This view is read-only: nothing is saved.", severity="warning", markup=False)
            return False
        if self._saving:
            self.notify("Still saving; try again in a moment.", markup=False)
            return False
        first_copy = self.bundled and not self.workfile.path.exists()
        self._saving = True
        self._write_file(self.copy_to_write(), self.history.state, first_copy, then_quit, force)
        return True

    _last_copy: Debate | None = None

    def copy_to_write(self) -> Debate:
        """A `snapshot` of the debate for a writing thread, sharing the last one's lists
        where their tables are unchanged (copies of big tables cost the UI thread)."""
        self._last_copy = snapshot(self.debate, self._last_copy)
        return self._last_copy

    # A description of our own: by default Textual reprs the arguments, and the repr of a
    # 10,000-claim debate took 150-330 ms on the UI thread, on every save and autosave.
    @work(thread=True, group="save", description="save the debate")
    def _write_file(self, debate: Debate, state: int, first_copy: bool, then_quit: bool, force: bool) -> None:
        try:
            if first_copy:
                copy_seed(self.source_path.stem, self.workfile.path.parent)
                self.workfile.load()
            # The changed-on-disk check runs in the save, under the file's lock, at the
            # replace: of two instances saving at once, the later one gets the dialog.
            self.workfile.save(debate, force=force)
        except ConflictError:
            self.call_from_thread(self._save_conflict, then_quit)
            return
        except (OSError, DebateError) as exc:
            self.call_from_thread(self._save_failed, exc)
            return
        self.call_from_thread(self._saved, debate, state, first_copy, then_quit)

    def _save_conflict(self, then_quit: bool) -> None:
        self._saving = False  # nothing was written: the edits stay unsaved
        self.ask_conflict(then_quit)

    def _save_failed(self, exc: Exception) -> None:
        self._saving = False
        reason = getattr(exc, "user_message", None) or getattr(exc, "strerror", None) or str(exc)
        self.notify(
            f"Not saved: {reason}. Your edits are kept; try ctrl+s again or save elsewhere from the palette.",
            severity="error",
            markup=False,
            timeout=10,
        )

    def _saved(self, debate: Debate, state: int, first_copy: bool, then_quit: bool) -> None:
        self._saving = False
        self.bundled = False
        self.history.mark_saved(state)  # edits made while writing stay unsaved
        self.base = debate
        self._recovery_state = None
        self.show_title()
        where = "a working copy of the bundled debate" if first_copy else "the file"
        self.notify(f"Saved {where}: {self.workfile.path}", markup=False)
        if then_quit:
            self.exit()

    def ask_conflict(self, then_quit: bool = False) -> None:
        message = Text(f"{self.workfile.path.name} was changed on disk since it was opened.\n")
        message.append(
            "Merge their changes into yours, save yours elsewhere, overwrite theirs, "
            "or reload theirs? (Merging and reloading stay undoable.)"
        )

        def answered(answer: str | None) -> None:
            if answer == "overwrite":
                self.save(force=True, then_quit=then_quit)
            elif answer == "save-as":
                self.action_save_as()
            elif answer == "reload":
                self.reload_from_disk()
            elif answer == "merge":
                self.merge_from_disk()

        choices = [
            ("merge", "Merge", "m"),
            ("save-as", "Save as", "a"),
            ("overwrite", "Overwrite", "o"),
            ("reload", "Reload", "r"),
            ("cancel", "Cancel", "c"),
        ]
        if self.served:
            choices = [choice for choice in choices if choice[0] != "save-as"]
        self.push_screen(ChoiceScreen(message, choices), answered)

    def reload_from_disk(self) -> None:
        try:
            theirs = self.workfile.load()
        except DebateError as exc:
            self.notify(f"Cannot reload: {exc}", severity="error", markup=False)
            return
        self.apply(ops.replace_debate(self.debate, theirs))
        self.history.mark_saved()
        self.base = snapshot(theirs)
        self.show_title()

    def merge_from_disk(self) -> None:
        """Three-way merge (base: what was loaded) of their file into our edits, undoably;
        on a true conflict nothing changes and the dialog's other answers remain."""
        from arguments.merge import merge_debates

        try:
            theirs, their_hash = self.workfile.read_current()
        except DebateError as exc:
            self.notify(f"Cannot merge: {exc}", severity="error", markup=False)
            return
        result = merge_debates(self.base, self.debate, theirs)
        if not result.clean:
            first = result.conflicts[0]
            self.notify(
                f"Not merged: {len(result.conflicts)} conflict(s), e.g. {first.table or 'debate'} "
                f"{first.key or ''} {first.field or ''}: {first.reason}. Nothing changed; save as a new file instead.",
                severity="error",
                timeout=15,
            )
            return
        self.apply(ops.replace_debate(self.debate, result.debate()))
        self.workfile.loaded_hash = their_hash  # the version merged is now the one we build on
        self.base = snapshot(theirs)
        self.notify("Merged their changes with yours. Check, then save with ctrl+s.", markup=False)

    def action_save_as(self) -> None:
        if self.served:  # the path would come from someone on the network
            self.notify("Save as is not offered in a browser: ctrl+s saves the served file.", markup=False)
            return

        def submit(values: dict) -> str | None:
            path = Path(values["path"] or "").expanduser()
            if not values["path"]:
                return "path: give a file name"
            if path.exists() or path.is_dir():
                return f"path: {path} exists; choose another name"
            target = WorkFile(path)
            try:
                target.save(self.debate)
            except (OSError, ConflictError) as exc:
                return f"path: cannot write: {getattr(exc, 'strerror', None) or exc}"
            self.workfile.discard_recovery()  # the edits are safe in the new file
            self.workfile = target
            self.bundled = False
            self.history.mark_saved()
            self.show_title()
            self.notify(f"Saved to {path}", markup=False)
            return None

        default = self.workfile.path.with_name(self.workfile.path.stem + "-mine" + self.workfile.path.suffix)
        self.push_screen(FormScreen("Save as", [FormField("path", "File", str(default))], submit))

    async def action_quit(self) -> None:
        if not self.history.dirty:
            if self._recovery_state is not None:
                self.workfile.discard_recovery()
            self.exit()
            return

        def answered(answer: str | None) -> None:
            if answer == "save":
                self.save(then_quit=True)
            elif answer == "discard":
                self.workfile.discard_recovery()
                self.exit()

        message = Text("There are unsaved changes. Save them before quitting?")
        choices = [("save", "Save and quit", "s"), ("discard", "Quit without saving", "q"), ("cancel", "Cancel", "c")]
        self.push_screen(ChoiceScreen(message, choices), answered)

    # ------------------------------------------------------------ autosave and recovery

    def autosave_now(self) -> None:
        """While dirty, keep a recovery copy of the edits (in a thread: big files take time)."""
        if not self.history.dirty:
            if self._recovery_state is not None:  # undone back to the saved file
                self._recovery_state = None
                self.workfile.discard_recovery()
            return
        if self._recovery_state == self.history.state:
            return
        self._recovery_state = self.history.state
        self._write_recovery(self.copy_to_write())

    @work(thread=True, exclusive=True, group="autosave", description="write the recovery copy")
    def _write_recovery(self, debate: Debate) -> None:
        try:
            self.workfile.write_recovery(debate)
        except OSError as exc:
            self.call_from_thread(
                self.notify, f"Autosave failed: {exc.strerror or exc}", severity="warning", markup=False
            )
            return
        self.call_from_thread(self._recovery_written)

    def _recovery_written(self) -> None:
        # A save that finished while this copy was being written has made it stale.
        if not self.history.dirty:
            self.workfile.discard_recovery()

    def offer_recovery(self) -> None:
        """Offer the newest recovery copy left by an instance that is gone (never one that
        another open instance is still writing)."""
        found = self.workfile.abandoned_recovery()
        if found is None:
            return
        if found.debate == self.debate:
            self.workfile.discard_found(found)
            return
        message = Text()
        message.append("Unsaved edits from an earlier session were found:\n", style="bold")
        message.append_text(describe_differences(self.debate, found.debate))
        message.append("\nRestore them (undoable), or discard them?")

        def answered(answer: str | None) -> None:
            if answer == "restore":
                if self.workfile.adopt_recovery(found):
                    self.apply(ops.replace_debate(self.debate, found.debate))
                else:
                    self.notify("Another window has taken up those edits.", severity="warning", markup=False)
            elif answer == "discard":
                if self.workfile.discard_found(found):
                    self.offer_recovery()  # an older copy may be left too
                else:
                    self.notify("Another window has taken up those edits.", severity="warning", markup=False)

        self.push_screen(ChoiceScreen(message, [("restore", "Restore", "r"), ("discard", "Discard", "d")]), answered)

    async def on_unmount(self) -> None:
        # Unsaved edits stay in the recovery copy; letting go of it lets the next open offer it.
        self.workfile.close()

    # ------------------------------------------------------------ export

    def action_export(self) -> None:
        """Ask for a format and a path, and write the export there (Markdown by default)."""
        if self.served:
            from .served_export import export_as_download

            export_as_download(self)
            return
        from export import render
        from export.formats import BY_NAME, writable

        from .screens.export_options import export_options, option_fields

        stem = self.workfile.path.with_suffix("")

        def submit(values: dict) -> str | None:
            fmt = values["format"]
            path = values["path"].strip()
            if not path or path == str(stem.with_suffix(".md")):
                path = str(stem) + BY_NAME[fmt].extension  # the default follows the format
            target = Path(path).expanduser()
            if target.resolve() == self.workfile.path.resolve():
                return "path: that is the debate itself; choose another file"
            try:
                write_text_atomic(target, render(fmt, self.debate, export_options(values)))
            except OSError as exc:
                return f"path: cannot write: {exc.strerror or exc}"
            self.notify(f"Exported {fmt} to {target}", markup=False)
            return None

        fields = [
            FormField("format", "Format", "markdown", kind="choice", choices=[(name, name) for name in writable()]),
            FormField(
                "path", "File (empty: the debate's name with the format's extension)", str(stem.with_suffix(".md"))
            ),
            *option_fields(),
        ]
        self.push_screen(
            FormScreen("Export", fields, submit, focus="path", cancelled="Export cancelled: nothing written.")
        )
