"""Errors staff must see at once: a database that fails is never a silent loss.

:func:`report_failure` puts a red notice bar in the main window naming what failed
("お買い上げは記録されていません") and why (the database's own words, e.g. "database disk
image is malformed"), shows it in the status bar and logs it, without the SQL parameters
(they hold names and phone numbers). :func:`install_excepthook` sends anything else that
escapes a slot the same way, so no failure stays in a terminal nobody reads.
"""

from __future__ import annotations

import logging
import sqlite3
import sys
import traceback
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

log = logging.getLogger(__name__)


def reason(error: BaseException) -> str:
    """The failure in the database's own words, never the statement or its parameters."""
    from sqlalchemy.exc import DBAPIError, SQLAlchemyError  # loaded after the first frame

    from crmdesk.core.errors import DomainError
    from crmdesk.ui import i18n

    if isinstance(error, DomainError):  # an error she can act on, in the window's language
        return error.message(i18n.language())
    if isinstance(error, DBAPIError) and error.orig is not None:
        return f"{type(error.orig).__name__}: {error.orig}"
    if isinstance(error, SQLAlchemyError):
        return type(error).__name__
    return f"{type(error).__name__}: {error}"


def is_database_error(error: BaseException) -> bool:
    from sqlalchemy.exc import SQLAlchemyError

    return isinstance(error, SQLAlchemyError | sqlite3.Error)


def _main_window() -> Any:
    for widget in QApplication.topLevelWidgets():
        if hasattr(widget, "show_notice") and widget.isVisible():
            return widget
    return None


def report_failure(what: str, error: BaseException, parent: QWidget | None = None) -> str:
    """Say at once that ``what`` failed and why; returns the text shown."""
    kind = (
        QCoreApplication.translate("Errors", "データベースのエラー")
        if is_database_error(error)
        else QCoreApplication.translate("Errors", "エラー")
    )
    text = QCoreApplication.translate("Errors", "{what}（{kind}: {reason}）").format(
        what=what, kind=kind, reason=reason(error)
    )
    log.error("%s: %s", what, reason(error))
    window = _main_window()
    if window is not None:
        window.show_notice(text, error=True)
        window.show_status(text)
    else:
        QMessageBox.critical(parent, "crmdesk", text)
    return text


def _hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    # the frames say where, not what: no locals, no SQL parameters
    where = "".join(traceback.format_tb(tb, limit=-3)) if tb else ""
    log.error("uncaught %s\n%s", kind.__name__, where)
    report_failure(QCoreApplication.translate("Errors", "操作が完了しませんでした"), error)


def install_excepthook() -> None:
    sys.excepthook = _hook
