"""``crmdesk``: the services from the command line.

With no command it opens the window. Commands live in ``crmdesk/cli/cmd_*.py`` modules,
each with a ``register(subparsers)`` that adds its parsers and sets ``handler``; they are
found at start-up, so a feature adds its commands without editing this file.

Exit status: 0 done, 1 a bug, 2 a domain error (bad input, not found). With ``--json``
an error is printed as ``{"ok": false, "error": {"code": ..., "field": ..., ...}}``
(both languages); without it, on stderr in the locale's language (LC_ALL, LC_MESSAGES,
LANG: Japanese for ja_*, else English).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pkgutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from crmdesk.core.errors import DomainError
from crmdesk.core.messages import locale_language

EXIT_OK, EXIT_BUG, EXIT_DOMAIN = 0, 1, 2


class CliContext:
    """What a command handler gets: parsed args and the database, opened on first use."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self._db: Any = None

    @property
    def db_path(self) -> Path:
        from crmdesk.paths import default_database

        return Path(self.args.db) if self.args.db else default_database()

    @property
    def db(self) -> Any:
        if self._db is None:
            from crmdesk.store.db import open_database

            self._db = open_database(self.db_path)
        return self._db

    def emit(self, data: Any, text: str | None = None) -> None:
        """Print ``data`` as JSON with --json, else ``text`` (or the JSON when no text)."""
        if getattr(self.args, "json", False) or text is None:
            print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        else:
            print(text)


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print stable JSON")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="crmdesk", description=__doc__.splitlines()[0])
    parser.add_argument("--db", metavar="PATH", help="database file (default: user data dir)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    package = Path(__file__).parent
    for info in sorted(pkgutil.iter_modules([str(package)]), key=lambda i: i.name):
        if info.name.startswith("cmd_"):
            importlib.import_module(f"{__name__}.{info.name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    ctx = CliContext(args)
    if args.command is None:
        from crmdesk.ui.app import run_app

        return run_app(db_path=Path(args.db) if args.db else None)
    try:
        return int(args.handler(ctx) or EXIT_OK)
    except DomainError as error:
        if getattr(args, "json", False):
            print(json.dumps({"ok": False, "error": error.to_json()}, ensure_ascii=False))
        else:
            lang = locale_language(os.environ)  # as the window follows the system's
            for each in getattr(error, "errors", None) or [error]:  # every bad field
                where = f" [{each.field}]" if each.field else ""
                print(f"error{where}: {each.message(lang)} ({each.code})", file=sys.stderr)
        return EXIT_DOMAIN
    finally:
        if ctx._db is not None:
            ctx._db.close()


if __name__ == "__main__":
    sys.exit(main())
