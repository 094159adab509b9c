"""Files holding personal data are the owner's alone: mode 0600 on POSIX.

The database is created 0600 before SQLite opens it, and SQLite gives its ``-wal`` and
``-shm`` files the database's own mode; backups are copied into 0600 files in a 0700
folder. An existing file that others could read is tightened when crmdesk opens it.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def private_file(path: Path) -> Path:
    """Create ``path`` empty with mode 0600 if missing, else take its group/other bits away."""
    if os.name != "posix":
        return path
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
        os.close(fd)
    except FileExistsError:
        with contextlib.suppress(PermissionError):  # a file of another user: leave it
            if os.stat(path).st_mode & 0o077:
                os.chmod(path, FILE_MODE)
    for suffix in ("-wal", "-shm"):
        companion = Path(f"{path}{suffix}")
        with contextlib.suppress(FileNotFoundError, PermissionError):
            if os.stat(companion).st_mode & 0o077:
                os.chmod(companion, FILE_MODE)
    return path


def private_dir(path: Path) -> Path:
    """Make the folder (0700 when new) and return it."""
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    return path
