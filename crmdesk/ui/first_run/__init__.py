"""The first-run wizard (issue 17): new shop, open a file, restore a backup, join a
branch hub or try demo data, in Japanese or English. ``actions`` is what each choice
does, ``pages`` and ``wizard`` the screens; :func:`is_first_run` (here, so asking loads
neither the wizard nor the database layer) says whether to show it."""

from __future__ import annotations

from pathlib import Path

from crmdesk import paths
from crmdesk.ui import settings


def is_first_run(db_path: Path | None) -> bool:
    """No ``--db``, no remembered file and no file at the default path yet."""
    return (
        db_path is None
        and settings.database_path() is None
        and not paths.default_database().exists()
    )
