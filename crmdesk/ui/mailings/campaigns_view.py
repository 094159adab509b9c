"""Past mailings and whether they brought people back (the response report)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core.errors import DomainError
from crmdesk.ui import i18n
from crmdesk.ui.mailings.models import ROW_ROLE, RowsModel


def _table(model: RowsModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().setVisible(False)
    return view


class CampaignsDialog(QDialog):
    """Mailings on the left; the chosen one's response and recipients on the right."""

    def __init__(self, db: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("DMの反応"))
        self.resize(960, 560)
        self.campaigns_model = RowsModel(
            [self.tr("送付日"), self.tr("名前"), self.tr("セグメント"), self.tr("送付数")], self
        )
        self.campaigns_view = _table(self.campaigns_model)
        self.days_spin = QSpinBox()
        self.days_spin.setRange(1, 365)
        self.days_spin.setValue(30)
        self.days_spin.setSuffix(self.tr(" 日以内"))
        self.report_label = QLabel(self.tr("DMを選んでください"))
        self.report_label.setWordWrap(True)
        self.recipients_model = RowsModel(
            [
                self.tr("No."),
                self.tr("顧客番号"),
                self.tr("氏名"),
                self.tr("反応"),
                self.tr("売上"),
            ],
            self,
        )
        right = QWidget()
        right_layout = QVBoxLayout(right)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("送付後")))
        row.addWidget(self.days_spin)
        row.addStretch(1)
        right_layout.addLayout(row)
        right_layout.addWidget(self.report_label)
        right_layout.addWidget(_table(self.recipients_model), 1)
        split = QSplitter()
        split.addWidget(self.campaigns_view)
        split.addWidget(right)
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self.campaigns_view.selectionModel().currentRowChanged.connect(self.show_report)
        self.days_spin.valueChanged.connect(self.show_report)
        self.reload()

    def reload(self) -> None:
        from crmdesk.services import campaigns

        with self.db.transaction() as session:
            found = campaigns.list_campaigns(session)
        self.campaigns_model.set_rows(
            [(c.sent_on.isoformat(), c.name, c.segment_name, c.recipients) for c in found], found
        )

    def select(self, row: int) -> None:
        self.campaigns_view.selectRow(row)
        self.campaigns_view.setCurrentIndex(self.campaigns_model.index(row, 0))

    def show_report(self) -> None:
        from crmdesk.services import campaigns, responses

        index = self.campaigns_view.currentIndex()
        if not index.isValid():
            return
        info = self.campaigns_model.data(index, ROW_ROLE)
        try:
            with self.db.transaction() as session:
                report = responses.response_report(session, info.id, days=self.days_spin.value())
                frozen = campaigns.frozen_recipients(session, info.id)
        except DomainError as error:
            self.report_label.setText(error.message(i18n.language()))
            return
        r, b = report.recipients, report.baseline
        self.report_label.setText(
            self.tr(
                "送付した{sent}人のうち{came}人が来店（反応率 {rate}、売上 {sales}円）。"
                "送付しなかった{others}人では{others_came}人（{others_rate}、{others_sales}円）。"
                "差 {lift}ポイント"
            ).format(
                sent=f"{r.size:,}",
                came=f"{r.responders:,}",
                rate=f"{r.rate:.1%}",
                sales=f"{r.sales:,}",
                others=f"{b.size:,}",
                others_came=f"{b.responders:,}",
                others_rate=f"{b.rate:.1%}",
                others_sales=f"{b.sales:,}",
                lift=f"{report.lift * 100:+.1f}",
            )
        )
        sales = {x.customer_id: x.sales for x in report.responders}
        self.recipients_model.set_rows(
            [
                (
                    f.position,
                    f.addressee.customer_number,
                    f.addressee.name,
                    self.tr("来店") if f.customer_id in sales else "",
                    sales.get(f.customer_id, 0),
                )
                for f in frozen
            ],
            frozen,
        )
