"""The window's side of the output-path guard (:mod:`crmdesk.core.files`).

The save dialogs ask before replacing an existing file (QFileDialog does that natively;
none of ours sets DontConfirmOverwrite); a path typed into a field is asked about here.
Whatever the dialog said, the database, its backups and folders are refused.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from crmdesk.core.errors import DomainError
from crmdesk.core.files import atomic_path, check_output
from crmdesk.ui import i18n


def checked_target(db: Any, path: str | Path) -> tuple[Path | None, str]:
    """The path to write, or None and the message saying why not (window's language)."""
    try:
        return check_output(path, database=getattr(db, "path", None)), ""
    except DomainError as error:
        return None, error.message(i18n.language())


def copy_into(source: Path, target: Path) -> None:
    """Copy a finished file (a PDF made in the background) over ``target`` all at once."""
    with atomic_path(target) as temp:
        shutil.copyfile(source, temp)


def confirm_replace(parent: QWidget, path: Path) -> bool:
    """Ask before a typed path replaces an existing file."""
    if not path.exists():
        return True
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("SaveGuard", "上書きの確認"),
        QCoreApplication.translate("SaveGuard", "{name} はすでにあります。置き換えますか？").format(
            name=path.name
        ),
    )
    return answer == QMessageBox.StandardButton.Yes
