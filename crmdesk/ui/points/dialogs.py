"""Dialogs for points: the shop's point rules (owner), voiding a purchase, adjusting."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core import clock
from crmdesk.core.errors import DomainError
from crmdesk.core.points import CampaignDay, PointRules, Rank
from crmdesk.services import points, purchases
from crmdesk.services.staff import Actor
from crmdesk.ui.operations import all_in_label, in_label, run_op
from crmdesk.ui.rows_model import RowsModel

EXPIRY_CHOICES = (
    ("earned", QT_TRANSLATE_NOOP("PointRulesDialog", "獲得日から")),
    ("last_visit", QT_TRANSLATE_NOOP("PointRulesDialog", "最終来店日から")),
    ("never", QT_TRANSLATE_NOOP("PointRulesDialog", "なし")),
)


def _spin(low: int, high: int, value: int, suffix: str = "") -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setValue(value)
    box.setSuffix(suffix)
    return box


def _multiplier(value: float) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(1.0, 10.0)
    box.setSingleStep(0.1)
    box.setDecimals(1)
    box.setValue(value)
    box.setPrefix("×")
    return box


class PointRulesDialog(QDialog):
    """The owner's point rules. Ranks and campaign days are one per line."""

    def __init__(self, db: Any, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.setWindowTitle(self.tr("ポイントのルール"))
        with db.transaction() as session:
            rules = points.load_rules(session)
        self.yen_per_point = _spin(1, 100_000, rules.yen_per_point, self.tr(" 円ごとに"))
        self.points_per_unit = _spin(1, 1_000, rules.points_per_unit, " pt")
        self.point_value = _spin(1, 1_000, rules.yen_per_point_redeemed, self.tr(" 円"))
        self.min_redemption = _spin(1, 1_000_000, rules.min_redemption, " pt")
        self.on_paid = QCheckBox(self.tr("ポイント利用後の支払額に付与する"))
        self.on_paid.setChecked(rules.earn_on_paid_amount)
        self.expiry_mode = QComboBox()
        for code, label in EXPIRY_CHOICES:
            self.expiry_mode.addItem(QCoreApplication.translate("PointRulesDialog", label), code)
        self.expiry_mode.setCurrentIndex([c for c, _ in EXPIRY_CHOICES].index(rules.expiry_mode))
        self.expiry_months = _spin(1, 120, rules.expiry_months, self.tr(" か月"))
        self.rank_months = _spin(1, 60, rules.rank_period_months, self.tr(" か月"))
        self.birthday = _multiplier(rules.birthday_multiplier)
        self.ranks = QPlainTextEdit(
            "\n".join(f"{r.name} {r.min_spend} {r.multiplier:g}" for r in rules.ranks)
        )
        self.campaigns = QPlainTextEdit(
            "\n".join(f"{c.day.isoformat()} {c.multiplier:g}" for c in rules.campaign_days)
        )
        self.error = QLabel()
        self.error.setStyleSheet("color: #c00;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("付与"), self.yen_per_point)
        form.addRow(self.tr("付与ポイント"), self.points_per_unit)
        form.addRow(self.tr("1ポイントの価値"), self.point_value)
        form.addRow(self.tr("最低利用ポイント"), self.min_redemption)
        form.addRow("", self.on_paid)
        form.addRow(self.tr("有効期限"), self.expiry_mode)
        form.addRow(self.tr("有効期間"), self.expiry_months)
        form.addRow(self.tr("ランク集計期間"), self.rank_months)
        form.addRow(self.tr("誕生月の倍率"), self.birthday)
        form.addRow(self.tr("ランク（名前 必要額 倍率）"), self.ranks)
        form.addRow(self.tr("キャンペーン日（日付 倍率）"), self.campaigns)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.saved: PointRules | None = None

    def rules(self) -> PointRules:
        ranks = []
        for line in self.ranks.toPlainText().splitlines():
            parts = line.split()
            if parts:
                name, spend, mult = (parts + ["0", "1"])[:3]
                ranks.append(Rank(name, int(spend), float(mult)))
        days = []
        for line in self.campaigns.toPlainText().splitlines():
            parts = line.split()
            if parts:
                day, mult = (parts + ["2"])[:2]
                days.append(CampaignDay(date.fromisoformat(day), float(mult)))
        return PointRules(
            yen_per_point=self.yen_per_point.value(),
            points_per_unit=self.points_per_unit.value(),
            yen_per_point_redeemed=self.point_value.value(),
            min_redemption=self.min_redemption.value(),
            earn_on_paid_amount=self.on_paid.isChecked(),
            expiry_mode=str(self.expiry_mode.currentData()),
            expiry_months=self.expiry_months.value(),
            ranks=tuple(ranks),
            rank_period_months=self.rank_months.value(),
            birthday_multiplier=self.birthday.value(),
            campaign_days=tuple(days),
        )

    def save(self) -> None:
        try:
            rules = self.rules()
        except ValueError:
            self.error.setText(
                self.tr("ランクまたはキャンペーン日の行が読み取れません（例: ゴールド 150000 1.5）")
            )
            return
        done = run_op(
            self.db,
            lambda s: points.save_rules(s, rules, self.actor),
            on_error=in_label(self.error),
        )
        if not done.ok:
            return
        self.saved = done.value
        self.accept()


class VoidPurchaseDialog(QDialog):
    """Pick one of the customer's purchases (arrows) and void it (Enter)."""

    def __init__(
        self, db: Any, customer_id: str, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db, self.customer_id, self.actor = db, customer_id, actor
        self.setWindowTitle(self.tr("お買い上げの取り消し"))
        self.model = RowsModel(
            [self.tr("日時"), self.tr("金額"), self.tr("ポイント"), self.tr("状態")]
        )
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.reason = QLineEdit(placeholderText=self.tr("理由（任意）"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("取り消す"))
        buttons.accepted.connect(self.void_selected)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(self.reason)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.result_: purchases.VoidResult | None = None
        self._ids: list[str] = []
        self._load()
        self.view.setFocus()
        if self._ids:
            self.view.selectRow(0)

    def _load(self) -> None:
        with self.db.transaction() as session:
            history = purchases.purchase_history(session, self.customer_id, limit=50)
        self._ids = [line.id for line in history.lines]
        self.model.set_rows(
            [
                (
                    f"{clock.to_local(line.purchased_at):%Y/%m/%d %H:%M}",
                    self.tr("{amount} 円").format(amount=f"{line.amount:,}"),
                    f"{line.points:+,}",
                    self.tr("取消済") if line.voided else "",
                )
                for line in history.lines
            ]
        )

    def void_selected(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return
        purchase_id = self._ids[rows[0].row()]

        def refused(error: DomainError) -> None:
            self.message.setStyleSheet("color: #c00;")
            in_label(self.message)(error)

        done = run_op(
            self.db,
            lambda s: purchases.void_purchase(
                s, purchase_id, actor=self.actor, reason=self.reason.text().strip()
            ),
            on_error=refused,
        )
        if not done.ok:
            return
        self.result_ = done.value
        self.accept()


class AdjustPointsDialog(QDialog):
    """The owner's correction of a balance: points (+/-) and a required note; Enter saves."""

    def __init__(
        self, db: Any, customer_id: str, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db, self.customer_id, self.actor = db, customer_id, actor
        self.setWindowTitle(self.tr("ポイントの調整"))
        with db.transaction() as session:
            self.balance_before = points.balance(session, customer_id)
        self.balance = QLabel(
            self.tr("現在の残高: {points} pt").format(points=f"{self.balance_before:,}")
        )
        self.points = _spin(-1_000_000, 1_000_000, 0, " pt")
        self.points.setToolTip(self.tr("減らすときはマイナス（例: -50）"))
        self.note = QLineEdit(placeholderText=self.tr("理由（必須）例: 付与漏れの訂正"))
        self.note.setMaxLength(points.ADJUST_NOTE_MAX)
        self.note.setMinimumWidth(280)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c00;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.balance)
        form.addRow(self.tr("調整するポイント(&P)"), self.points)
        form.addRow(self.tr("理由(&N)"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.new_balance: int | None = None
        self.points.setFocus()
        self.points.selectAll()

    def save(self) -> None:
        done = run_op(
            self.db,
            lambda s: points.adjust_points(
                s, self.customer_id, self.points.value(), self.note.text(), actor=self.actor
            ),
            on_error=all_in_label(self.error),
        )
        if not done.ok:
            return
        self.new_balance = done.value
        self.accept()
