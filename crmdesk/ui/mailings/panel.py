"""The customer's DM history in the card: which mailings they got, and if they came back."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QTableView, QVBoxLayout

from crmdesk.ui.extensions import CardPanel
from crmdesk.ui.rows_model import RowsModel


class MailingsPanel(CardPanel):
    ORDER = 60

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.model = RowsModel(
            [self.tr("送付日"), self.tr("DM"), self.tr("30日以内の来店"), self.tr("売上")], self
        )
        view = QTableView()
        view.setModel(self.model)
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(view)

    def title(self) -> str:
        return self.tr("DM")

    def load(self, db: Any, customer_id: str | None) -> None:
        # deferred: the mailings' services load when a card first shows the tab
        from crmdesk.services.responses import customer_mailings

        if customer_id is None:
            self.model.set_rows([])
            return
        with db.transaction() as session:
            found = customer_mailings(session, customer_id)
        self.model.set_rows(
            [
                (
                    m.sent_on.isoformat(),
                    m.name,
                    self.tr("あり") if m.responded else self.tr("なし"),
                    m.sales,
                )
                for m in found
            ],
            found,
        )


PANEL = MailingsPanel
