"""Widgets of the debatemap app: each shows part of the debate and never edits it directly."""
