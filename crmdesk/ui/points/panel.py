"""The customer card's point tab: the counter (card, amount, points used) and the history.

Keyboard only: a scanner types the card number and Enter into the card field, the
customer opens and the amount field takes the focus; the amount and Enter confirm (Tab
to the points field first to use points). A number that belongs to nobody offers to
issue it to the open customer (Enter issues, Esc declines).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from crmdesk.core import clock
from crmdesk.core.errors import DomainError, NotFoundError
from crmdesk.core.normalize import normalize_text
from crmdesk.services import cards, points, purchases
from crmdesk.services.staff import Actor
from crmdesk.ui import i18n
from crmdesk.ui.errors import report_failure
from crmdesk.ui.extensions import CardPanel
from crmdesk.ui.operations import run_op
from crmdesk.ui.points.scanner import MIN_DIGITS
from crmdesk.ui.rows_model import RowsModel

KIND_LABELS = {
    "earn": QT_TRANSLATE_NOOP("PointsPanel", "付与"),
    "redeem": QT_TRANSLATE_NOOP("PointsPanel", "利用"),
    "expire": QT_TRANSLATE_NOOP("PointsPanel", "失効"),
    "bonus": QT_TRANSLATE_NOOP("PointsPanel", "ボーナス"),
    "adjust": QT_TRANSLATE_NOOP("PointsPanel", "調整"),
    "transfer": QT_TRANSLATE_NOOP("PointsPanel", "移行"),
}
SCAN_MIN_DIGITS = MIN_DIGITS  # an "amount" this long that is a card number is a card
COUNTER_ACTOR = Actor(staff_id=None, name="counter", role="staff")


def read_int(text: str) -> int | None:
    """What a person types at a till: 1,200 / １２００ / 1200円; None when not a number."""
    cleaned = normalize_text(text).replace(",", "").removesuffix("円").removesuffix("pt")
    if not cleaned:
        return 0
    try:
        return int(cleaned)
    except ValueError:
        return None


class PointsPanel(CardPanel):
    ORDER = 20
    customer_opened = Signal(str)  # a scanned card opened this customer
    changed = Signal(str)  # points or purchases of this customer changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db: Any = None
        self.customer_id: str | None = None
        self.actor = COUNTER_ACTOR
        self._pending_card = ""
        self._figures: dict[str, str] = {}
        self._build()
        # Inside the customer card (a QDialog) Enter would also press an auto-default
        # button: the fields' own returnPressed already confirms, once.
        for button in (self.confirm_button, self.issue_button, self.issue_cancel):
            button.setAutoDefault(False)
            button.setDefault(False)
        self._connect_signals()

    def title(self) -> str:
        return self.tr("ポイント・お買い上げ")

    # -- layout -----------------------------------------------------------------
    def _build(self) -> None:
        self.card_edit = QLineEdit(placeholderText=self.tr("カード番号（スキャン）"))
        self.amount_edit = QLineEdit(placeholderText=self.tr("金額（円）"))
        self.redeem_edit = QLineEdit(placeholderText=self.tr("利用ポイント"))
        self.confirm_button = QPushButton(self.tr("確定 (Enter)"))
        # a whole card number and the placeholder fit (English's was cut: "Card number (sc…")
        metrics = self.card_edit.fontMetrics()
        self.card_edit.setMinimumWidth(
            max(metrics.horizontalAdvance("0" * 13), metrics.horizontalAdvance(
                self.card_edit.placeholderText())) + 16
        )  # fmt: skip
        self.card_edit.setObjectName("card")
        self.amount_edit.setObjectName("amount")
        self.redeem_edit.setObjectName("redeem")
        counter = QHBoxLayout()
        for label, widget in (
            (self.tr("カード"), self.card_edit),
            (self.tr("金額"), self.amount_edit),
            (self.tr("ポイント利用"), self.redeem_edit),
        ):
            counter.addWidget(QLabel(label))
            counter.addWidget(widget)
        counter.addWidget(self.confirm_button)

        self.issue_bar = QWidget()
        self.issue_label = QLabel()
        self.issue_button = QPushButton(self.tr("発行する (Enter)"))
        self.issue_cancel = QPushButton(self.tr("やめる (Esc)"))
        bar = QHBoxLayout(self.issue_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.issue_label, 1)
        bar.addWidget(self.issue_button)
        bar.addWidget(self.issue_cancel)
        self.issue_bar.hide()

        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.hide()
        self.balance_label = QLabel("—")
        self.rank_label = QLabel("—")
        self.next_rank_label = QLabel("—")
        self.expiring_label = QLabel("—")
        big = self.balance_label.font()
        big.setPointSize(big.pointSize() + 6)
        big.setBold(True)
        self.balance_label.setFont(big)
        # the big figure keeps its height when the tab is short (the tables give way)
        self.balance_label.setMinimumHeight(self.balance_label.fontMetrics().height())
        # figures two by two: the card's tab is short, one per row would crush the tables
        figures = QGridLayout()
        figures.setVerticalSpacing(0)
        for label, value, row, col, span in (
            (self.tr("ポイント残高"), self.balance_label, 0, 0, 1),
            (self.tr("ランク"), self.rank_label, 0, 2, 1),
            (self.tr("まもなく失効"), self.expiring_label, 1, 0, 1),
            (self.tr("次のランクまで"), self.next_rank_label, 1, 2, 1),
        ):
            figures.addWidget(QLabel(label), row, col)
            figures.addWidget(value, row, col + 1, 1, span)
            value.setWordWrap(True)
        figures.setColumnStretch(1, 1)
        figures.setColumnStretch(3, 1)

        self.purchases_model = RowsModel(
            [self.tr("日時"), self.tr("金額"), self.tr("ポイント"), self.tr("カード"),
             self.tr("状態")]
        )  # fmt: skip
        self.ledger_model = RowsModel(
            [self.tr("日時"), self.tr("種類"), self.tr("ポイント"), self.tr("残高"),
             self.tr("有効期限"), self.tr("メモ")]
        )  # fmt: skip
        self.purchases_view = self._table(self.purchases_model)
        self.ledger_view = self._table(self.ledger_model)
        self.totals_label = QLabel()

        layout = QVBoxLayout(self)
        layout.addLayout(counter)
        layout.addWidget(self.issue_bar)
        layout.addWidget(self.message)
        layout.addLayout(figures)
        purchases_title = QHBoxLayout()
        purchases_title.addWidget(QLabel(self.tr("お買い上げ履歴")))
        purchases_title.addWidget(self.totals_label, 1)
        layout.addLayout(purchases_title)
        layout.addWidget(self.purchases_view, 1)
        layout.addWidget(QLabel(self.tr("ポイント履歴")))
        layout.addWidget(self.ledger_view, 1)

    @staticmethod
    def _table(model: RowsModel) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        rows = view.verticalHeader()
        rows.hide()
        # rows as tall as the text needs: the card's tab is short, and every row counts
        rows.setDefaultSectionSize(view.fontMetrics().height() + 6)
        view.horizontalHeader().setStretchLastSection(True)
        return view

    def _connect_signals(self) -> None:
        self.card_edit.returnPressed.connect(self.open_card)
        self.amount_edit.returnPressed.connect(self.confirm)
        self.redeem_edit.returnPressed.connect(self.confirm)
        self.confirm_button.clicked.connect(self.confirm)
        self.issue_button.clicked.connect(self.issue_pending_card)
        self.issue_cancel.clicked.connect(self.cancel_issue)
        self.issue_button.installEventFilter(self)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        # Enter on the issue button issues. Not a panel-wide key: the scanner's own Enter
        # (ignored by the card field, so it travels up to the panel) must not issue.
        if (
            watched is self.issue_button
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.issue_pending_card()
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: Any) -> None:
        if self.issue_bar.isVisible() and event.key() == Qt.Key.Key_Escape:
            self.cancel_issue()
            return
        super().keyPressEvent(event)

    # -- CardPanel ----------------------------------------------------------------
    def load(self, db: Any, customer_id: str | None) -> None:
        self.db = db
        if customer_id != self.customer_id:
            self._say("")
            self.card_edit.clear()
        self.customer_id = customer_id
        self.refresh()

    def header_figures(self) -> dict[str, str]:
        return dict(self._figures)

    def focus_amount(self) -> None:
        self.amount_edit.setFocus()
        self.amount_edit.selectAll()

    def take_counter_focus(self, card_number: str | None = None) -> bool:
        if card_number:
            self.card_edit.setText(card_number)
        self._say("")
        self.focus_amount()
        return True

    def show_counter_error(self, message: str) -> bool:
        self.message.setStyleSheet("color: #c00; font-weight: bold;")
        self._say(message)
        self.card_edit.setFocus()
        self.card_edit.selectAll()
        return True

    # -- counter ----------------------------------------------------------------
    def open_card(self, number: str | None = None) -> None:
        """The card number in the card field (or ``number``, typed elsewhere) was entered."""
        number = (number or self.card_edit.text()).strip()
        if not number or self.db is None:
            return
        self.issue_bar.hide()
        try:
            with self.db.transaction() as session:
                customer_id = cards.card_for_counter(session, number).customer_id
        except NotFoundError as error:
            if self.customer_id is None or error.code != "card_not_found":
                self._show_error(error)
                return
            self._offer_issue(number)
            return
        except DomainError as error:
            self._show_error(error)
            return
        self._say("")
        if customer_id == self.customer_id:
            self.card_edit.setText(number)
            self.focus_amount()
        elif self.customer_id is None:
            self.customer_id = customer_id
            self.refresh()
            self.customer_opened.emit(customer_id)
            self.focus_amount()
        else:
            # someone else's card while a customer is open: never charge the open one;
            # the card opens the card's owner (the panel alone just refuses)
            self._show_error(DomainError("card_of_another_customer", "card_number", card=number))
            self.card_scanned.emit(number)

    def _offer_issue(self, number: str) -> None:
        self._pending_card = number
        self.issue_label.setText(
            self.tr("カード番号 {number} は未登録です。この顧客に発行しますか？").format(
                number=number
            )
        )
        self.issue_bar.show()
        self.issue_button.setFocus()

    def issue_pending_card(self) -> None:
        if not self._pending_card or self.customer_id is None:
            return
        customer_id = self.customer_id
        done = run_op(
            self.db,
            lambda s: cards.issue_card(s, customer_id, self._pending_card, actor=self.actor),
            on_error=self._show_error,
        )
        if not done.ok:
            return
        change = done.value
        self.issue_bar.hide()
        self._pending_card = ""
        self._say(self.tr("カード {card} を発行しました").format(card=change.card_number))
        self.card_edit.setText(change.card_number)
        self.changed.emit(change.customer_id)
        self.figures_changed.emit()
        self.refresh()
        self.focus_amount()

    def cancel_issue(self) -> None:
        self.issue_bar.hide()
        self._pending_card = ""
        self.card_edit.setFocus()
        self.card_edit.selectAll()

    def confirm(self) -> None:
        if self.db is None or self.customer_id is None:
            self._show_error(DomainError("no_customer_open"))
            return
        typed = normalize_text(self.amount_edit.text()).replace("-", "")
        if len(typed) >= SCAN_MIN_DIGITS and typed.isdigit() and self._is_card(typed):
            # a card number in the amount field (a scanner too slow to be recognised as
            # one, or typed by hand) is a card, never an amount charged to the open customer
            self.amount_edit.clear()
            self.open_card(typed)
            return
        amount = read_int(self.amount_edit.text())
        redeem = read_int(self.redeem_edit.text())
        if amount is None or not self.amount_edit.text().strip():
            self._show_error(DomainError("invalid_amount", field="amount"))
            return
        if redeem is None:
            self._show_error(DomainError("invalid_points", field="redeem"))
            return
        number = self.card_edit.text().strip()
        try:
            with self.db.transaction() as session:
                # both: the service refuses a card that is not the open customer's
                result = purchases.record_purchase(
                    session,
                    amount=amount,
                    redeem=redeem,
                    actor=self.actor,
                    card_number=number or None,
                    customer_id=self.customer_id,
                )
        except DomainError as error:
            self._show_error(error)
            return
        except SQLAlchemyError as error:  # never a sale lost without a word
            text = report_failure(self.tr("お買い上げは記録されていません"), error, self)
            self.message.setStyleSheet("color: #c00; font-weight: bold;")
            self._say(text)
            self.amount_edit.setFocus()
            return
        earned = result.earned + result.bonus
        self.message.setStyleSheet("color: #0a5; font-size: 16pt; font-weight: bold;")
        self._say(
            self.tr(
                "付与 {earned} pt ／ 利用 {redeemed} pt ／ 残高 {balance} pt（お支払い {paid} 円）"
            ).format(
                earned=f"{earned:,}",
                redeemed=f"{result.redeemed:,}",
                balance=f"{result.balance:,}",
                paid=f"{result.paid:,}",
            )
        )
        self.amount_edit.clear()
        self.redeem_edit.clear()
        self.refresh()
        self.changed.emit(result.customer_id)
        self.figures_changed.emit()
        self.card_edit.setFocus()
        self.card_edit.selectAll()
        self.counter_done.emit()

    def _is_card(self, number: str) -> bool:
        with self.db.sessions() as session:
            return cards.find_card(session, number) is not None

    def _say(self, text: str) -> None:
        """The message line takes room only while it has something to say."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _show_error(self, error: DomainError) -> None:
        self.message.setStyleSheet("color: #c00; font-weight: bold;")
        self._say(error.message(i18n.language()))
        target = {"amount": self.amount_edit, "redeem": self.redeem_edit}.get(
            error.field or "", self.card_edit
        )
        target.setFocus()
        target.selectAll()

    # -- figures and history ---------------------------------------------------
    def refresh(self) -> None:
        if self.db is None or self.customer_id is None:
            self._figures = {}
            for label in (self.balance_label, self.rank_label, self.next_rank_label):
                label.setText("—")
            self.expiring_label.setText("—")
            self.purchases_model.set_rows([])
            self.ledger_model.set_rows([])
            self.totals_label.setText("")
            return
        with self.db.transaction() as session:
            summary = points.summary(session, self.customer_id)
            history = purchases.purchase_history(session, self.customer_id)
            ledger = points.ledger_history(session, self.customer_id)
            card = cards.active_card(session, self.customer_id)
        if card is not None and not self.card_edit.hasFocus():
            self.card_edit.setText(card.card_number)
        self.balance_label.setText(f"{summary.balance:,} pt")
        self.rank_label.setText(
            self.tr("{rank}（×{multiplier}）").format(
                rank=summary.rank.name, multiplier=f"{summary.rank.multiplier:g}"
            )
        )
        if summary.next_rank is None:
            self.next_rank_label.setText(self.tr("最上位ランクです"))
        else:
            self.next_rank_label.setText(
                self.tr("{rank}まであと {amount} 円（過去{months}か月 {spend} 円）").format(
                    rank=summary.next_rank.name,
                    amount=f"{summary.to_next_rank:,}",
                    months=summary.period_months,
                    spend=f"{summary.spend:,}",
                )
            )
        self.expiring_label.setText(
            self.tr("、").join(
                self.tr("{date}まで {points} pt").format(date=f"{d:%Y/%m/%d}", points=f"{p:,}")
                for d, p in summary.expiring
            )
            or self.tr("なし")
        )
        self._figures = {
            self.tr("ポイント"): f"{summary.balance:,} pt",
            self.tr("ランク"): summary.rank.name,
        }
        self.totals_label.setText(
            self.tr("{count} 件　合計 {total} 円（取消を除く）").format(
                count=f"{history.count:,}", total=f"{history.total:,}"
            )
        )
        self.purchases_model.set_rows(
            [
                (
                    f"{clock.to_local(line.purchased_at):%Y/%m/%d %H:%M}",
                    self.tr("{amount} 円").format(amount=f"{line.amount:,}"),
                    f"{line.points:+,}",
                    line.card_number or "",
                    self.tr("取消") if line.voided else "",
                )
                for line in history.lines
            ]
        )
        self.purchases_view.resizeColumnsToContents()
        self.ledger_model.set_rows(
            [
                (
                    f"{clock.to_local(line.occurred_at):%Y/%m/%d %H:%M}",
                    QCoreApplication.translate(
                        "PointsPanel", KIND_LABELS.get(line.kind, line.kind)
                    ),
                    f"{line.points:+,}",
                    f"{line.running_balance:,}",
                    f"{line.expires_on:%Y/%m/%d}" if line.expires_on else "",
                    self.tr("取消") if line.note == "void" else line.note,
                )
                for line in ledger
            ]
        )
        self.ledger_view.resizeColumnsToContents()


PANEL = PointsPanel
