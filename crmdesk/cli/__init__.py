"""``crmdesk``: the services from the command line.

With no command it opens the window. Commands live in ``crmdesk/cli/cmd_*.py`` modules,
each with a ``register(subparsers)`` that adds its parsers and sets ``handler``; they are
found at start-up, so a feature adds its commands without editing this file. What a command
does lives beside it in ``run_*.py``, imported only when that command runs: ``cmd_*`` modules
import nothing but argparse and core, so ``crmdesk --help`` and a quick ``crmdesk search``
never load the services, charts, PDFs or the hub client of the other commands.

The global ``--staff NAME`` (with ``--pin`` or ``CRMDESK_PIN``) acts as that staff member;
without it the CLI is the owner in a shop without staff accounts (or when the owner's PIN
is given), and plain staff otherwise: a command needing a permission then ends in
``permission_denied``.

Exit status: 0 done, 1 a bug, 2 a domain error (bad input, not found), 141 the reader
of the output went away (``| head -1``). A bug prints where it happened and the kind of
error, never the values it was handling (``CRMDESK_DEBUG=1`` re-raises it). With ``--json``
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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias, cast

from crmdesk.core.bounds import MAX_AMOUNT, check_range
from crmdesk.core.errors import DomainError
from crmdesk.core.files import check_output
from crmdesk.core.messages import locale_language

if TYPE_CHECKING:  # for the annotations only: the CLI opens no database before a command
    from crmdesk.store.db import Database

#: What ``register`` gets (``parser.add_subparsers()``), with the parser type argparse makes.
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
#: The window's steps of ``self-test``: given the temporary database and ``--translations``,
#: (name, check) pairs; a check returns a short detail and raises when it fails.
WindowChecks: TypeAlias = Callable[[Path, Path | None], list[tuple[str, Callable[[], str]]]]

EXIT_OK, EXIT_BUG, EXIT_DOMAIN = 0, 1, 2
EXIT_PIPE = 141  # as a shell reports a command stopped by SIGPIPE


@dataclass(frozen=True)
class Handler:
    """A command's handler: ``function`` of ``module``, imported when the command runs."""

    module: str
    function: str

    def resolve(self) -> Callable[[CliContext], int | None]:
        handler: Callable[[CliContext], int | None] = getattr(
            importlib.import_module(self.module), self.function
        )
        return handler

    def __call__(self, ctx: CliContext) -> int | None:
        return self.resolve()(ctx)


class CliContext:
    """What a command handler gets: parsed args and the database, opened on first use."""

    def __init__(self, args: argparse.Namespace, window_checks: WindowChecks | None = None) -> None:
        self.args = args
        self.window_checks = window_checks  # self-test's window steps (from crmdesk.launch)
        self._db: Database | None = None
        self._actor: Any = None

    @property
    def db_path(self) -> Path:
        from crmdesk.paths import default_database  # deferred: platformdirs; --help needs no path

        return Path(self.args.db) if self.args.db else default_database()

    @property
    def db(self) -> Database:
        if self._db is None:
            from crmdesk.store.db import open_database  # deferred: SQLAlchemy + alembic, ~1 s

            self._db = open_database(self.db_path)
        return self._db

    def output_path(self, value: str | Path, *, field: str = "output") -> Path:
        """A file the command may write: never the database, a backup or a folder."""
        return check_output(value, database=self.db_path, field=field)

    @property
    def actor(self) -> Any:
        """Who the command acts as (see the module doc), signed in on first use."""
        if self._actor is None:
            from crmdesk.services.staff import cli_actor  # deferred: the models (SQLAlchemy)

            pin = self.args.pin if self.args.pin is not None else os.environ.get("CRMDESK_PIN")
            self._actor = cli_actor(self.db, self.args.staff, pin)
            # what this command writes carries who (to the other branches' conflict inbox)
            self.db.acting_staff_id = getattr(self._actor, "staff_id", None)
        return self._actor

    def emit(self, data: Any, text: str | None = None) -> None:
        """Print ``data`` as JSON with --json, else ``text`` (or the JSON when no text)."""
        if getattr(self.args, "json", False) or text is None:
            print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        else:
            print(text)


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print stable JSON")


def subcommands(sub: Subparsers, command: str) -> Subparsers:
    """The actions of an existing ``command``, for a module adding one (``customer disclose``)."""
    parser = sub.choices[command]
    for action in parser._actions:  # argparse keeps no public handle on them
        if isinstance(action, argparse._SubParsersAction):
            return cast(Subparsers, action)  # argparse's own: its choices are parsers
    raise LookupError(command)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="crmdesk", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action=_VersionAction, help="print the version and exit")
    parser.add_argument("--db", metavar="PATH", help="database file (default: user data dir)")
    parser.add_argument("--staff", metavar="NAME", help="act as this staff member")
    parser.add_argument("--pin", metavar="PIN", help="the PIN (default: $CRMDESK_PIN)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    package = Path(__file__).parent
    for info in sorted(pkgutil.iter_modules([str(package)]), key=lambda i: i.name):
        if info.name.startswith("cmd_"):
            importlib.import_module(f"{__name__}.{info.name}").register(sub)
    return parser


class _VersionAction(argparse.Action):
    """``--version``: the version looked up only when asked (metadata costs a few ms)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        from crmdesk.core.version import version

        print(f"crmdesk {version()}")
        parser.exit()


def main(
    argv: Sequence[str] | None = None,
    open_window: Callable[[Path | None], int] | None = None,
    window_checks: WindowChecks | None = None,
) -> int:
    """Run one command. Without a command, ``open_window`` (:mod:`crmdesk.launch` passes
    the window's) opens the window; without that, the help is printed. ``window_checks``
    are the window's steps of ``self-test`` (without them those steps fail)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    ctx = CliContext(args, window_checks)
    if args.command is None:
        if open_window is None:
            parser.print_help()
            return 2
        return open_window(Path(args.db) if args.db else None)
    try:
        _check_numbers(args)
        if args.staff or args.pin or os.environ.get("CRMDESK_PIN"):
            ctx.actor  # noqa: B018 - sign in before the command's own transaction
        handler = cast(Handler, args.handler)  # every command's set_defaults gives one
        code = int(handler(ctx) or EXIT_OK)
        sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
        return code
    except DomainError as error:
        if getattr(args, "json", False):
            print(json.dumps({"ok": False, "error": error.to_json()}, ensure_ascii=False))
        else:
            lang = locale_language(os.environ)  # as the window follows the system's
            for each in getattr(error, "errors", None) or [error]:  # every bad field
                where = f" [{each.field}]" if each.field else ""
                print(f"error{where}: {each.message(lang)} ({each.code})", file=sys.stderr)
        return EXIT_DOMAIN
    except BrokenPipeError:  # `crmdesk ... --json | head -1`: the reader has gone
        _silence_stdout()
        return EXIT_PIPE
    except Exception as error:  # a bug: reported without the data it was handling
        if os.environ.get("CRMDESK_DEBUG"):
            raise
        print(bug_report(error), file=sys.stderr)
        return EXIT_BUG
    finally:
        if ctx._db is not None:
            ctx._db.close()


#: Options that are seeds, not amounts or counts: any non-negative 64-bit number.
SEED_OPTIONS = ("seed", "control_seed")


def _check_numbers(args: argparse.Namespace) -> None:
    """Every whole-number option within a sane bound (``--limit 10**20`` is no limit).

    Amounts and points have their own bounds in the services; this catches the counts,
    limits and positions argparse reads as plain ints, before SQLite overflows on them.
    """

    for name, value in vars(args).items():
        if isinstance(value, int) and not isinstance(value, bool):
            low, high = (0, 2**63 - 1) if name in SEED_OPTIONS else (-MAX_AMOUNT, MAX_AMOUNT)
            check_range(value, name, minimum=low, maximum=high)


def bug_report(error: BaseException) -> str:
    """What a bug prints: where it happened and what kind of error, never the values.

    Exception messages and SQL parameters can hold names, phone numbers and addresses;
    the frames (file, line, code) and the exception's type cannot. For a database error
    the first line of the driver's message is kept (``UNIQUE constraint failed:
    customer.email``); PostgreSQL's DETAIL line, which quotes values, is not.
    """
    import traceback  # deferred: only a bug needs it

    frames = traceback.format_list(traceback.extract_tb(error.__traceback__))
    kind = type(error).__name__
    orig = getattr(error, "orig", None)
    # The driver's first line only: PostgreSQL's DETAIL line quotes the values.
    first = str(orig).splitlines()[0] if orig is not None and str(orig) else ""
    detail = f"{kind} ({type(orig).__name__}: {first})" if orig is not None else kind
    return (
        "crmdesk: internal error, please report it (no personal data is shown here)\n"
        + "".join(frames)
        + detail
    )


def _silence_stdout() -> None:
    # Python's documented recipe: point stdout at devnull so the exit flush cannot fail.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a real file (tests capture it)
        pass


if __name__ == "__main__":
    sys.exit(main())
