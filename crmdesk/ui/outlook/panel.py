"""来店の見込み: the customer's stored outlook estimates on the card, said to be estimates.

Reads one precomputed row (``services/outlook.py``); nothing is fitted while the card opens.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout

from crmdesk.core import clock
from crmdesk.core.money import format_yen
from crmdesk.ui.extensions import CardPanel


def percent(p: float) -> str:
    if p < 0.005:
        return QCoreApplication.translate("OutlookPanel", "1%未満")
    return f"{p * 100:.0f}%"


def local_day(moment: str) -> str:
    return clock.to_local(datetime.fromisoformat(moment)).date().isoformat()


class OutlookPanel(CardPanel):
    ORDER = 70

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.outlook: dict[str, Any] | None = None
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: gray")
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.note)
        layout.addStretch(1)

    def title(self) -> str:
        return self.tr("来店の見込み")

    def load(self, db: Any, customer_id: str | None) -> None:
        # deferred: services.outlook loads numpy (0.2 s): when a card first shows the tab
        from crmdesk.services import outlook

        self.outlook = None
        if customer_id is not None:
            with db.sessions() as session:
                self.outlook = outlook.for_customer(session, customer_id)
        self._show()
        self.figures_changed.emit()

    def _show(self) -> None:
        found = self.outlook
        if found is None:
            self.text.setText(self.tr("来店の記録がまだないため、見込みはありません。"))
            self.note.clear()
            return
        if found["model"] != "bgnbd":
            self.text.setText(self.tr("最終来店 {day}").format(day=found["last_visit"]))
            self.note.setText(self.tr(
                "お店の来店記録がまだ少ないため、見込みは計算していません（RFMで表示しています）。"
            ))  # fmt: skip
            return
        self.text.setText("<br>".join([
            self.tr("まだ来店してくださる見込み: <b>{p}</b>").format(p=percent(found["p_active"])),
            self.tr("今後90日の来店: <b>約{n}回</b>").format(
                n=f"{found['expected_visits_90d']:.1f}"),
            self.tr("今後90日のお買い上げ: <b>約{spend}</b>").format(
                spend=format_yen(found["expected_spend_90d"])),
        ]))  # fmt: skip
        self.note.setText(self.tr(
            "これは過去の来店から計算した推定値です（{day}時点、BG/NBD・Gamma-Gammaモデル）。"
        ).format(day=local_day(found["computed_at"])))  # fmt: skip

    def header_figures(self) -> dict[str, str]:
        found = self.outlook
        if found is None or found["model"] != "bgnbd":
            return {}
        label = self.tr("来店の見込み")
        return {label: self.tr("90日で約{n}回（推定）").format(
            n=f"{found['expected_visits_90d']:.1f}")}  # fmt: skip


PANEL = OutlookPanel
