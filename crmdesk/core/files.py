"""Where crmdesk may write a file of its own making, and how it writes one.

Every command that writes a file (exports, reject lists, labels, postcards, charts,
reports) and the window's save dialogs pass the chosen path through
:func:`check_output` first. It refuses, naming the option:

- a folder, or a file in a folder that does not exist;
- the open database itself, its ``-wal`` / ``-shm`` / ``-journal`` companions, or any
  other SQLite file (a backup, another shop's file): writing a CSV over one destroys it;
- a file the same command reads (an import's own list as its reject file).

:func:`write_atomic` then writes through a private temporary file beside the target
(mode 0600: exports hold personal data) that is renamed over it only when complete, and
removed when anything fails, so no half-written or hidden copy is ever left behind.
"""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from crmdesk.core.errors import DomainError

SQLITE_HEADER = b"SQLite format 3\x00"
COMPANIONS = ("-wal", "-shm", "-journal")


# POSIX drops every lock a process holds on a file when the process closes any one of
# its descriptors for that file. SQLite keeps its own descriptors open for that reason;
# a plain open() and close() of a database this process has open through SQLite drops
# SQLite's locks, and another process closing the file then takes itself for the last
# user: it checkpoints and deletes the write-ahead log this process is still writing to,
# whose later commits are lost (https://sqlite.org/howtocorrupt.html, 2.2). So the store
# says which files it holds open (:func:`hold_database`, per connection) and the header
# of such a file is known without reading it.
_held: dict[tuple[int, int], tuple[int, bool, str]] = {}  # id -> (connections, encrypted, path)
_held_lock = threading.Lock()


def file_id(path: str | Path) -> tuple[int, int] | None:
    """(device, inode) of ``path``, or None when it does not exist."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def hold_database(key: tuple[int, int] | None, path: Path, *, encrypted: bool) -> None:
    """A connection of this process opened the database ``key`` (see above)."""
    if key is None:
        return
    with _held_lock:
        count = _held.get(key, (0, encrypted, ""))[0]
        _held[key] = (count + 1, encrypted, str(path))


def release_database(key: tuple[int, int] | None) -> None:
    if key is None:
        return
    with _held_lock:
        held = _held.get(key)
        if held is None:
            return
        if held[0] <= 1:
            del _held[key]
        else:
            _held[key] = (held[0] - 1, held[1], held[2])


def held_database(path: str | Path) -> bool | None:
    """For a database this process holds open: whether it is encrypted; else None.

    An open descriptor keeps its inode, so an id held is never another file's; the path
    is compared too in case a connection was dropped without being closed.
    """
    key = file_id(path)
    if key is None:
        return None
    with _held_lock:
        held = _held.get(key)
    if held is None or held[2] != str(Path(path).resolve()):
        return None
    return held[1]


def file_head(path: Path, size: int = 16) -> bytes:
    """The first ``size`` bytes of ``path`` (b"" when unreadable). Never call it on a
    database this process may hold open: ask :func:`held_database` first."""
    try:
        with path.open("rb") as handle:
            return handle.read(size)
    except OSError:
        return b""


def is_sqlite_file(path: Path) -> bool:
    """Whether ``path`` is a plain (unencrypted) SQLite file, without disturbing SQLite's
    locks when it is a database this process has open."""
    held = held_database(path)
    if held is not None:
        return not held
    return file_head(path) == SQLITE_HEADER


def _same(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_output(
    path: str | Path,
    *,
    database: str | Path | None = None,
    inputs: Iterable[str | Path] = (),
    field: str = "output",
) -> Path:
    """The resolved path to write, or a DomainError naming ``field``."""
    if str(path).strip() == "-":  # stdout to a shell user; a hidden file named "-" here
        raise DomainError("output_is_stdout", field=field)
    target = Path(path).expanduser()
    shown = str(target)
    if target.is_dir() or str(path).endswith(("/", os.sep)):
        raise DomainError("output_is_folder", field=field, path=shown)
    if not target.parent.is_dir():
        raise DomainError("output_folder_missing", field=field, folder=str(target.parent))
    resolved = target.resolve()
    if database is not None:
        db = Path(database).expanduser().resolve()
        guarded = [db, *(db.with_name(db.name + suffix) for suffix in COMPANIONS)]
        if resolved in guarded or any(_same(resolved, g) for g in guarded):
            raise DomainError("output_is_database", field=field, path=shown)
    if is_sqlite_file(resolved):
        raise DomainError("output_is_database", field=field, path=shown)
    for source in inputs:
        source_path = Path(source).expanduser().resolve()
        if resolved == source_path or _same(resolved, source_path):
            raise DomainError("output_is_input", field=field, path=shown)
    return resolved


@contextmanager
def atomic_path(path: Path, suffix: str = "") -> Iterator[Path]:
    """A private temporary path beside ``path``; renamed over it when the block succeeds.

    On any failure the temporary file is removed and ``path`` is left as it was.
    """
    path = Path(path)
    _clear_stale_temps(path)
    fd, temp_name = _private_temp(path, suffix)
    os.close(fd)
    temp = Path(temp_name)
    try:
        yield temp
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` all at once (see :func:`atomic_path`)."""
    with atomic_path(path) as temp:
        temp.write_bytes(data)


#: A temporary file of ``path`` untouched this long was left by a write that was killed
#: (a power cut during an export): the next write of ``path`` removes it. Nothing writes
#: that long without touching its file.
STALE_TEMP_S = 3600


def _clear_stale_temps(path: Path) -> None:
    """Hidden copies a killed write left beside ``path`` (every customer's address, for an
    export) go when ``path`` is written again."""
    cutoff = time.time() - STALE_TEMP_S
    for temp in path.parent.glob(f".{glob.escape(path.name)}.*.part"):
        with contextlib.suppress(OSError):
            if temp.stat().st_mtime < cutoff:
                temp.unlink()


def _private_temp(path: Path, suffix: str) -> tuple[int, str]:
    # mkstemp creates the file 0600, whatever the umask.
    return tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix + ".part")


#: A spreadsheet cell starting with one of these is read as a formula (OWASP, "CSV
#: injection"): ``=cmd|' /C calc'!A0``, ``=HYPERLINK(...)``, ``@SUM(...)``, ``-1+2``.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value: object) -> object:
    """A text cell that would start a formula, prefixed with ``'`` as OWASP recommends.

    Numbers stay numbers (a negative balance is not text). The importer removes the
    prefix again, so an export reads back as it was.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unneutralize(text: str) -> str:
    """The reverse of :func:`neutralize`, for cells read back from a file crmdesk wrote."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text
