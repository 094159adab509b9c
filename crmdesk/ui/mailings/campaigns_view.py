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

from crmdesk.services import campaigns, responses
from crmdesk.ui.operations import in_label, run_read
from crmdesk.ui.rows_model import ROW_ROLE, RowsModel
from crmdesk.ui.screen_fit import fit_to_screen


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
        fit_to_screen(self, 960, 560)
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

        with self.db.transaction() as session:
            found = campaigns.list_campaigns(session)
        self.campaigns_model.set_rows(
            [(c.sent_on.isoformat(), c.name, c.segment_name, c.recipients) for c in found], found
        )

    def select(self, row: int) -> None:
        self.campaigns_view.selectRow(row)
        self.campaigns_view.setCurrentIndex(self.campaigns_model.index(row, 0))

    def _control_text(self, report: Any) -> str:
        """Recipients against the random control group, with the 95% intervals."""
        c, u = report.control, report.uplift
        lines = [
            self.tr("比較グループ（送らなかった{size}人）では{came}人が来店（{rate}）。").format(
                size=f"{c.size:,}", came=f"{c.responders:,}", rate=f"{c.rate:.1%}"
            )
        ]
        v = u.visits
        if v.value is None:
            lines.append(self._no_estimate(v.reason))
        else:
            lines.append(
                self.tr("DMの効果: 来店率 {lift}ポイント（95%信頼区間 {low}〜{high}）").format(
                    lift=f"{v.value * 100:+.1f}",
                    low=f"{v.low * 100:+.1f}",
                    high=f"{v.high * 100:+.1f}",
                )
            )
        sp = u.spend
        if sp.value is not None:
            lines.append(
                self.tr("1人あたり売上 {lift}円（95%信頼区間 {low}〜{high}円）").format(
                    lift=f"{sp.value:+,.0f}", low=f"{sp.low:+,.0f}", high=f"{sp.high:+,.0f}"
                )
            )
            e = u.extra_sales
            line = self.tr("増えた売上の見込み {extra}円").format(extra=f"{e.value:+,.0f}")
            if u.net is not None:
                line += self.tr("、費用 {cost}円を引いて {net}円").format(
                    cost=f"{u.cost:,}", net=f"{u.net.value:+,.0f}"
                )
            lines.append(line)
        return "\n".join(lines)

    def _no_estimate(self, reason: str) -> str:
        if reason == "group_too_small":
            return self.tr("人数が少ないため、DMの効果はまだ判断できません")
        return self.tr("来店が少ないため、DMの効果はまだ判断できません")

    def show_report(self) -> None:

        index = self.campaigns_view.currentIndex()
        if not index.isValid():
            return
        info = self.campaigns_model.data(index, ROW_ROLE)
        days = self.days_spin.value()
        found = run_read(
            self.db,
            lambda session: (
                responses.response_report(session, info.id, days=days),
                campaigns.frozen_recipients(session, info.id),
            ),
            on_error=in_label(self.report_label),
        )
        if not found.ok:
            return
        report, frozen = found.value
        r, b = report.recipients, report.baseline
        text = self.tr(
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
        if report.control is not None and report.uplift is not None:
            text += "\n" + self._control_text(report)
        self.report_label.setText(text)
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
