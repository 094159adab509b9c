"""Menu items for segments, the DM wizard and the mailings' responses."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication


def install(window: Any) -> None:
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
    reports = window.menu("reports")
    reports.addAction(
        QCoreApplication.translate("MailingsMenu", "DMの反応…"), lambda: open_campaigns(window)
    )


def open_segment_builder(window: Any) -> None:
    from crmdesk.ui.mailings.segment_builder import SegmentBuilderDialog

    dialog = SegmentBuilderDialog(window.db, parent=window)
    if dialog.exec():
        window.show_status(QCoreApplication.translate("MailingsMenu", "セグメントを保存しました"))


def open_saved_segment(window: Any, name: str | None = None) -> Any:
    """Pick a saved segment by name (type-ahead in the list) and edit it in the builder."""
    from PySide6.QtWidgets import QInputDialog

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
            window,
            QCoreApplication.translate("MailingsMenu", "セグメントを開く"),
            QCoreApplication.translate("MailingsMenu", "セグメント:"),
            names,
            0,
            False,
        )
        if not ok:
            return None
    dialog = SegmentBuilderDialog(window.db, segment_ref=name, parent=window)
    dialog.open()
    return dialog


def open_mailing_wizard(window: Any) -> None:
    from crmdesk.ui.mailings.wizard import MailingWizard

    MailingWizard(window.db, parent=window).exec()
    window.refresh()


def open_campaigns(window: Any) -> None:
    from crmdesk.ui.mailings.campaigns_view import CampaignsDialog

    CampaignsDialog(window.db, parent=window).exec()
