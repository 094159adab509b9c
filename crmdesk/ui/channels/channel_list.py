"""The owner's list of acquisition channels (流入経路): add, rename, retire, reorder.

The inquiry categories' dialog with the channels as its source (the same keys: Enter
adds, F2 renames, Del retires or restores, Ctrl+Up / Ctrl+Down move). A retired channel
stays on the customers who have it and is no longer offered on new cards. The starting
channels show their English names in English.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QWidget

from crmdesk.core.channels import display_name
from crmdesk.services import channels
from crmdesk.services.staff import Actor
from crmdesk.ui import i18n
from crmdesk.ui.inquiries.categories import CategoryRow, CategorySource, InquiryCategoriesDialog


class ChannelSource(CategorySource):
    def rows(self, session: Any) -> list[CategoryRow]:
        channels.ensure_default_channels(session)
        lang = i18n.language()
        return [
            CategoryRow(c.id, c.name, c.active, display_name(c.name, lang))
            for c in channels.list_channels(session, include_retired=True)
        ]

    def add(self, session: Any, name: str, actor: Actor) -> str:
        return channels.add_channel(session, name, actor=actor).id

    def rename(self, session: Any, row_id: str, name: str, actor: Actor) -> object:
        return channels.rename_channel(session, row_id, name, actor=actor)

    def set_active(self, session: Any, row_id: str, active: bool, actor: Actor) -> object:
        return channels.set_channel_active(session, row_id, active, actor=actor)

    def move(self, session: Any, row_id: str, offset: int, actor: Actor) -> object:
        return channels.move_channel(session, row_id, offset, actor=actor)

    def texts(self, dialog: QDialog) -> dict[str, str]:
        return {
            "title": QCoreApplication.translate("ChannelListDialog", "流入経路"),
            "placeholder": QCoreApplication.translate("ChannelListDialog", "流入経路の名前"),
            "list": QCoreApplication.translate("ChannelListDialog", "流入経路(&L):"),
            "owner_only": QCoreApplication.translate(
                "ChannelListDialog", "流入経路を変更できるのはオーナーだけです。"
            ),
            "note": QCoreApplication.translate(
                "ChannelListDialog",
                "使用をやめた流入経路は新しい顧客カードに出ません（登録済みの顧客はそのまま）。",
            ),
        }


def channel_list_dialog(
    db: Any, actor: Actor | None = None, parent: QWidget | None = None
) -> InquiryCategoriesDialog:
    return InquiryCategoriesDialog(db, actor, parent, source=ChannelSource())
