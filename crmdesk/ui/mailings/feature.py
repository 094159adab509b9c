"""Menu items for segments, the DM wizard and the mailings' responses."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QMessageBox

from crmdesk.core.errors import DomainError
from crmdesk.ui import i18n
from crmdesk.ui.window_api import WindowApi


def install(window: WindowApi) -> None:
    tools = window.menu("tools")
    tools.addAction(
        QCoreApplication.translate("MailingsMenu", "セグメント作成…"),
        lambda: open_segment_builder(window),
    )
    tools.addAction(
        QCoreApplication.translate("MailingsMenu", "保存したセグメントを開く…"),
        lambda: open_saved_segment(window),
    )
    tools.addAction(
        QCoreApplication.translate("MailingsMenu", "DM作成（宛名ラベル・はがき）…"),
        lambda: open_mailing_wizard(window),
    )
    tools.addAction(
        QCoreApplication.translate("MailingsMenu", "新しいラベル用紙…"),
        lambda: open_layout_editor(window),
    )
    reports = window.menu("reports")
    reports.addAction(
        QCoreApplication.translate("MailingsMenu", "DMの反応…"), lambda: open_campaigns(window)
    )


def open_segment_builder(window: WindowApi) -> None:
    # deferred: the dialog and its services load when first used, not at start-up
    from crmdesk.ui.mailings.segment_builder import SegmentBuilderDialog

    dialog = SegmentBuilderDialog(window.db, parent=window.window())
    if dialog.exec():
        window.show_status(QCoreApplication.translate("MailingsMenu", "セグメントを保存しました"))


def open_saved_segment(window: WindowApi, name: str | None = None) -> Any:
    """Pick a saved segment by name (type-ahead in the list) and edit it in the builder."""

    # deferred: the dialog and its services load when first used, not at start-up
    from crmdesk.services.segments import list_segments
    from crmdesk.ui.mailings.segment_builder import SegmentBuilderDialog

    with window.db.sessions() as session:
        names = [s.name for s in list_segments(session)]
    if not names:
        window.show_status(
            QCoreApplication.translate("MailingsMenu", "保存したセグメントはありません")
        )
        return None
    if name is None:
        name, ok = QInputDialog.getItem(
            window.window(),
            QCoreApplication.translate("MailingsMenu", "セグメントを開く"),
            QCoreApplication.translate("MailingsMenu", "セグメント:"),
            names,
            0,
            False,
        )
        if not ok:
            return None
    dialog = SegmentBuilderDialog(window.db, segment_ref=name, parent=window.window())
    dialog.open()
    return dialog


def open_mailing_wizard(window: WindowApi) -> None:
    # deferred: the dialog and its services load when first used, not at start-up
    from crmdesk.ui.mailings.wizard import MailingWizard

    MailingWizard(window.db, parent=window.window(), actor=_actor(window)).exec()
    window.refresh()


def _actor(window: WindowApi) -> Any:
    """Who uses the window: ``window.actor`` (an Actor or a callable), else the owner."""
    # deferred: the dialog and its services load when first used, not at start-up
    from crmdesk.ui.mailings.layout_editor import OWNER

    actor = getattr(window, "actor", None)
    if callable(actor):
        actor = actor()
    return actor if hasattr(actor, "is_owner") else OWNER


def open_layout_editor(window: WindowApi) -> Any:
    """Define a label sheet in mm (owner only); it is then listed in the DM wizard."""

    # deferred: the dialog and its services load when first used, not at start-up
    from crmdesk.ui.mailings.layout_editor import LayoutEditorDialog

    actor = _actor(window)
    if not actor.can("settings"):
        QMessageBox.warning(
            window.window(),
            QCoreApplication.translate("MailingsMenu", "新しいラベル用紙"),
            DomainError("permission_denied", field="settings").message(i18n.language()),
        )
        return None
    dialog = LayoutEditorDialog(actor, parent=window.window())
    dialog.saved.connect(
        lambda code: window.show_status(
            QCoreApplication.translate("MailingsMenu", "ラベル用紙「{0}」を登録しました").format(
                code
            )
        )
    )
    dialog.open()
    return dialog


def open_campaigns(window: WindowApi) -> None:
    # deferred: the dialog and its services load when first used, not at start-up
    from crmdesk.ui.mailings.campaigns_view import CampaignsDialog

    CampaignsDialog(window.db, parent=window.window()).exec()
