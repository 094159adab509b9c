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


def open_mailing_wizard(window: Any) -> None:
    from crmdesk.ui.mailings.wizard import MailingWizard

    MailingWizard(window.db, parent=window).exec()
    window.refresh()


def open_campaigns(window: Any) -> None:
    from crmdesk.ui.mailings.campaigns_view import CampaignsDialog

    CampaignsDialog(window.db, parent=window).exec()
