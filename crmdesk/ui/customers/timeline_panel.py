"""The customer card's timeline tab: everything that happened with the customer.

Purchases, voids, points, inquiries and their notes, mailings and card changes in one
list, newest first, with a toggle per kind. Enter or a double click on an inquiry (or a
note) opens it; "問い合わせを記録" logs a new one for this customer.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core.clock import to_local
from crmdesk.services.inquiry_queries import count_open
from crmdesk.services.timeline import KINDS, TimelineEntry, customer_timeline
from crmdesk.ui.customers.timeline_text import kind_label, title_and_detail
from crmdesk.ui.extensions import CardPanel
from crmdesk.ui.inquiries.dialog import InquiryDialog

REF_ROLE = Qt.ItemDataRole.UserRole + 1


class TimelinePanel(CardPanel):
    ORDER = 20

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db: Any = None
        self.customer_id: str | None = None
        self.entries: list[TimelineEntry] = []
        self.open_inquiries = 0
        self.filters: dict[str, QCheckBox] = {}
        bar = QHBoxLayout()
        for kind in KINDS:
            button = QCheckBox(kind_label(kind))
            button.setChecked(True)
            button.toggled.connect(self._reload)
            self.filters[kind] = button
            bar.addWidget(button)
        bar.addStretch(1)
        self.new_button = QPushButton(self.tr("問い合わせを記録"))
        self.new_button.clicked.connect(self.new_inquiry)
        bar.addWidget(self.new_button)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(
            [self.tr("日時"), self.tr("種類"), self.tr("内容"), self.tr("詳細"), self.tr("店舗")]
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setColumnWidth(0, 130)
        self.tree.setColumnWidth(1, 90)
        self.tree.setColumnWidth(2, 300)
        self.tree.setColumnWidth(3, 220)
        self.tree.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tree)
        self._dialog: Any = None

    def title(self) -> str:
        return self.tr("履歴")

    def load(self, db: Any, customer_id: str | None) -> None:
        self.db, self.customer_id = db, customer_id
        self._reload()

    def header_figures(self) -> dict[str, str]:
        if not self.customer_id:
            return {}
        return {self.tr("未完了の問い合わせ"): self.tr("{0} 件").format(self.open_inquiries)}

    def kinds(self) -> list[str]:
        return [k for k, b in self.filters.items() if b.isChecked()]

    def set_kinds(self, kinds: list[str]) -> None:
        for kind, button in self.filters.items():
            button.blockSignals(True)
            button.setChecked(kind in kinds)
            button.blockSignals(False)
        self._reload()

    def _reload(self, *_: Any) -> None:
        self.tree.clear()
        self.new_button.setEnabled(self.customer_id is not None)
        if self.db is None or self.customer_id is None:
            self.entries, self.open_inquiries = [], 0
            return
        with self.db.transaction() as session:
            self.entries = customer_timeline(session, self.customer_id, kinds=self.kinds())
            self.open_inquiries = count_open(session, self.customer_id)
        for entry in self.entries:
            title, detail = title_and_detail(entry)
            when = to_local(entry.when).strftime("%Y-%m-%d %H:%M")
            item = QTreeWidgetItem([when, kind_label(entry.kind), title, detail, entry.branch])
            item.setData(0, REF_ROLE, (entry.kind, entry.ref_id))
            self.tree.addTopLevelItem(item)

    def titles(self) -> list[str]:
        """The titles as shown, in the window's language."""
        return [self.tree.topLevelItem(i).text(2) for i in range(self.tree.topLevelItemCount())]

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        kind, ref = item.data(0, REF_ROLE)
        if kind in ("inquiry", "note"):
            self._open_dialog(inquiry_id=ref)

    def new_inquiry(self) -> None:
        if self.customer_id is not None:
            self._open_dialog(customer_id=self.customer_id)

    def _open_dialog(self, **kwargs: Any) -> None:

        self._dialog = InquiryDialog(self.db, parent=self, **kwargs)
        self._dialog.saved.connect(self._reload)
        self._dialog.show()


PANEL = TimelinePanel
