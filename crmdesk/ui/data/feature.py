"""Moving in and staying safe: import, export, 名寄せ, backups, in the window's menus.

File menu: 取り込み…, 書き出し…, バックアップを作成, バックアップから復元…
Tools menu: 名寄せ（重複の統合）…
Automatic backups: once a day (checked at start and every hour) and when the app quits.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox

from crmdesk.services import backup
from crmdesk.services.staff import Actor
from crmdesk.store.backup import backup_dir
from crmdesk.ui.errors import report_failure
from crmdesk.ui.operations import in_message_box, run_check
from crmdesk.ui.window_api import WindowApi
from crmdesk.ui.workers import run_in_background

log = logging.getLogger(__name__)
OWNER = Actor(staff_id=None, name="owner", role="owner")
HOUR_MS = 3_600_000


def _actor(window: WindowApi) -> Actor:
    actor = getattr(window, "actor", None)
    return actor() if callable(actor) else actor or OWNER


def _db_path(window: WindowApi) -> Path | None:
    db = getattr(window, "db", None)
    return getattr(db, "path", None)


def install(window: WindowApi) -> None:
    file_menu, tools = window.menu("file"), window.menu("tools")
    file_menu.addSeparator()
    for text, slot in (
        (QT_TRANSLATE_NOOP("DataMenu", "取り込み（CSV・Excel）…"), lambda: open_import(window)),
        (QT_TRANSLATE_NOOP("DataMenu", "書き出し…"), lambda: open_export(window)),
        (QT_TRANSLATE_NOOP("DataMenu", "バックアップを作成"), lambda: manual_backup(window)),
        (QT_TRANSLATE_NOOP("DataMenu", "バックアップから復元…"), lambda: restore_backup(window)),
    ):
        action = QAction(QCoreApplication.translate("DataMenu", str(text)), window.window())
        action.triggered.connect(slot)
        file_menu.addAction(action)
    action = QAction(
        QCoreApplication.translate("DataMenu", "名寄せ（重複の統合）…"), window.window()
    )
    action.triggered.connect(lambda: open_dupes(window))
    tools.addAction(action)

    timer = QTimer(window.window())
    timer.setInterval(HOUR_MS)
    timer.timeout.connect(lambda: daily(window))
    timer.start()
    window._data_backup_timer = timer
    QTimer.singleShot(5_000, lambda: daily(window))
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(lambda: on_quit(window))


def daily(window: WindowApi) -> None:
    path = _db_path(window)
    if path is not None:
        window._data_daily = run_in_background(
            backup.daily_backup,
            path,
            on_error=lambda e: report_failure(
                QCoreApplication.translate("DataMenu", "毎日のバックアップを作成できませんでした"),
                e,
            ),
        )


def on_quit(window: WindowApi) -> None:
    path = _db_path(window)
    if path is None:
        return
    try:
        backup.backup_on_close(path)
    except Exception:  # never keep the app from closing
        log.exception("the backup on close failed")


def open_import(window: WindowApi) -> None:
    # deferred: the dialog and its services load when first used, not at start-up
    from crmdesk.ui.data.import_wizard import ImportWizard

    wizard = ImportWizard(window.db, window, actor_name=_actor(window).name)
    wizard.exec()
    if wizard.imported:
        window.refresh()


def open_export(window: WindowApi) -> None:
    # deferred: the dialog and its services load when first used, not at start-up
    from crmdesk.ui.data.export_dialog import ExportDialog

    actor = _actor(window)
    if not actor.can("export"):
        # as 表示 on the card: someone allowed confirms with their PIN or card there and
        # then, and the export is theirs (the audit log names them), not a dead end
        from crmdesk.ui.staff.sign_in import SignInDialog

        approval = SignInDialog(window.db, window.window(), permission="export")
        if approval.exec() != QDialog.DialogCode.Accepted or approval.actor is None:
            return
        actor = approval.actor
    ExportDialog(window.db, actor, window).exec()


def open_dupes(window: WindowApi) -> None:
    # deferred: the dialog and its services load when first used, not at start-up
    from crmdesk.ui.customers.dupes_dialog import DupesDialog

    dialog = DupesDialog(window.db, window, actor=_actor(window))
    dialog.find()
    dialog.exec()
    window.refresh()


def manual_backup(window: WindowApi) -> None:
    path = _db_path(window)
    if path is None:
        return
    window.show_status(QCoreApplication.translate("DataMenu", "バックアップを作成しています…"))
    window._data_backup = run_in_background(
        backup.make_backup,
        path,
        actor=_actor(window).name,
        on_done=lambda info: window.show_status(
            QCoreApplication.translate("DataMenu", "バックアップを作成しました: {path}").format(
                path=info.path
            )
        ),
        on_error=lambda e: window.show_status(
            QCoreApplication.translate("DataMenu", "バックアップに失敗しました: {error}").format(
                error=e
            )
        ),
    )


def restore_backup(window: WindowApi) -> None:
    path = _db_path(window)
    if path is None:
        return
    chosen, _ = QFileDialog.getOpenFileName(
        window.window(),
        QCoreApplication.translate("DataMenu", "復元するバックアップ"),
        str(backup_dir(path)),
        "*.sqlite3;;*",
    )
    if not chosen:
        return
    title = QCoreApplication.translate("DataMenu", "復元できません")
    if not run_check(
        lambda: backup.check_backup(Path(chosen)), on_error=in_message_box(window.window(), title)
    ).ok:
        return
    answer = QMessageBox.question(
        window.window(),
        QCoreApplication.translate("DataMenu", "バックアップから復元"),
        QCoreApplication.translate(
            "DataMenu",
            "現在のデータをこのバックアップで置き換えます（現在のファイルは保管されます）。"
            "よろしいですか？",
        ),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    window.db.close()
    info = backup.restore(path, Path(chosen), actor=_actor(window).name)
    files = getattr(window, "files", None)
    if files is not None and hasattr(files, "switch_to"):
        files.switch_to(path)
    else:
        # deferred: alembic loads only when a backup is restored
        from crmdesk.store.migrate import upgrade

        upgrade(window.db.engine, path)
    window.refresh()
    window.show_status(
        QCoreApplication.translate("DataMenu", "復元しました。置き換えたファイル: {path}").format(
            path=info.replaced_kept_as
        )
    )
