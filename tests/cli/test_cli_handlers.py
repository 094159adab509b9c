"""Every command names its handler as ``module`` + ``function`` (imported when it runs):
a typo there would only show when a user runs that command, so each one is resolved here."""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Iterator

from crmdesk.cli import Handler, build_parser


def _parsers(
    parser: argparse.ArgumentParser, path: str = "crmdesk"
) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, f"{path} {name}")


def test_every_command_has_a_handler_that_imports() -> None:
    leaves = [
        (path, p) for path, p in _parsers(build_parser())
        if not any(isinstance(a, argparse._SubParsersAction) for a in p._actions)
    ]  # fmt: skip
    assert len(leaves) > 50
    for path, parser in leaves:
        handler = parser.get_default("handler")
        assert isinstance(handler, Handler), path
        assert callable(handler.resolve()), path


def test_help_loads_no_service_and_no_database_layer() -> None:
    code = (
        "import sys; from crmdesk.cli import build_parser; build_parser(); "
        "print(sorted(m for m in sys.modules if m.startswith(('crmdesk.services', "
        "'crmdesk.store', 'crmdesk.cli.run_', 'sqlalchemy'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
