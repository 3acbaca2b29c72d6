"""`python -m tui` runs the debatemap command."""

from .cli import main

main()
