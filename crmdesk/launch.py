"""``crmdesk``: the window when no command is given, the command line otherwise.

The one module that knows both: the command line never imports Qt, the window never
imports the command line, and this joins them (``crmdesk.cli | crmdesk.ui`` in the layer
contract).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from crmdesk import cli


def open_window(db_path: Path | None) -> int:
    # deferred: Qt (about 0.3 s) is loaded only when the window opens, never for a command
    from crmdesk.ui.app import run_app

    return run_app(db_path=db_path)


def window_checks(db_path: Path, translations: Path | None) -> list[tuple[str, Callable[[], str]]]:
    """``self-test``'s window steps (Qt is loaded only when the self-test runs)."""
    from crmdesk.ui.self_check import window_checks as checks

    return checks(db_path, translations)


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, open_window=open_window, window_checks=window_checks)
