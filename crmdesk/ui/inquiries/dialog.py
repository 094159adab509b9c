"""The inquiry dialog: log a new inquiry or edit one, add notes, link an unknown caller.

Built for the keyboard: the subject has focus, Tab walks subject → body → follow-up →
category → channel → priority → assignee → status, Ctrl+Enter saves, Esc cancels. The
follow-up field takes a date (2026-11-30, 11/30, R8.11.30), ``+3`` (in three days),
``今日`` or ``明日``. The dialog works on its own given a Database; it never writes SQL.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core import inquiry_rules as rules
from crmdesk.core.clock import local_today, to_local
from crmdesk.core.errors import DomainError
from crmdesk.core.validate import parse_date
from crmdesk.services import inquiries, inquiry_categories
from crmdesk.services.customer_index import get_customer
from crmdesk.services.inquiry_queries import get_inquiry, likely_customers
from crmdesk.services.staff import Actor, active_staff
from crmdesk.ui.inquiries import labels as inquiry_labels
from crmdesk.ui.operations import all_in_label, run_op
from crmdesk.ui.screen_fit import fit_to_screen

DESKTOP_ACTOR = Actor(staff_id=None, name="desktop", role="staff")
_PLUS_DAYS = re.compile(r"^\+\s*(\d{1,3})$")


def parse_follow_up(text: str, today: date) -> date | None:
    """What the follow-up field means. Raises DomainError(invalid_date) when unreadable."""

    value = unicodedata.normalize("NFKC", text).strip()
    if not value:
        return None
    words = {"今日": 0, "きょう": 0, "明日": 1, "あした": 1, "明後日": 2, "あさって": 2}
    words |= {"today": 0, "tomorrow": 1}
    value = value.lower() if value.isascii() else value
    if value in words:
        return today + timedelta(days=words[value])
    match = _PLUS_DAYS.match(value)
    if match:
        return today + timedelta(days=int(match[1]))
    short = re.fullmatch(r"(\d{1,2})[/\-.月](\d{1,2})日?", value)
    try:
        if short:
            return date(today.year, int(short[1]), int(short[2]))
        return parse_date(value)
    except ValueError:
        raise DomainError("invalid_date", field="follow_up_on") from None


class InquiryDialog(QDialog):
    """New inquiry (for ``customer_id`` or an unknown caller) or edit ``inquiry_id``."""

    saved = Signal(str)  # the inquiry's id

    def __init__(
        self,
        db: Any,
        *,
        customer_id: str | None = None,
        inquiry_id: str | None = None,
        actor: Actor | None = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor or DESKTOP_ACTOR
        self.today = today or local_today()
        self.inquiry_id = inquiry_id
        self.customer_id = customer_id
        self.setWindowTitle(self.tr("問い合わせ") if inquiry_id else self.tr("問い合わせを記録"))
        fit_to_screen(self, 560, 620)
        self._build()
        self._load()
        self._connect_signals()
        self.subject.setFocus()

    # --- layout ------------------------------------------------------------------
    def _build(self) -> None:
        self.who = QLabel()
        self.caller_name = QLineEdit(placeholderText=self.tr("お名前（わかる範囲で）"))
        self.caller_phone = QLineEdit(placeholderText=self.tr("電話番号"))
        self.subject = QLineEdit(placeholderText=self.tr("件名（空なら内容の1行目）"))
        self.body = QPlainTextEdit()
        self.body.setTabChangesFocus(True)
        self.body.setPlaceholderText(self.tr("お問い合わせの内容"))
        self.follow_up = QLineEdit(placeholderText=self.tr("例: 2026-11-30、+3、明日"))
        self.category = QComboBox()
        self.channel = QComboBox()
        for code in rules.CHANNELS:
            self.channel.addItem(inquiry_labels.channel(code), code)
        self.priority = QComboBox()
        for code in rules.PRIORITIES:
            self.priority.addItem(inquiry_labels.priority(code), code)
        self.priority.setCurrentIndex(rules.PRIORITIES.index("normal"))
        self.assignee = QComboBox()
        self.status = QComboBox()
        for code in rules.STATUSES:
            self.status.addItem(inquiry_labels.status(code), code)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("顧客"), self.who)
        form.addRow(self.tr("お名前"), self.caller_name)
        form.addRow(self.tr("電話番号"), self.caller_phone)
        form.addRow(self.tr("件名"), self.subject)
        form.addRow(self.tr("内容"), self.body)
        form.addRow(self.tr("フォローアップ日"), self.follow_up)
        form.addRow(self.tr("分類"), self.category)
        form.addRow(self.tr("受付方法"), self.channel)
        form.addRow(self.tr("優先度"), self.priority)
        form.addRow(self.tr("担当者"), self.assignee)
        form.addRow(self.tr("状態"), self.status)

        self.matches_box = QGroupBox(self.tr("この方かもしれない顧客"))
        self.matches = QListWidget()
        self.link_button = QPushButton(self.tr("この顧客に紐付ける"))
        box = QVBoxLayout(self.matches_box)
        box.addWidget(self.matches)
        box.addWidget(self.link_button)

        self.notes_box = QGroupBox(self.tr("対応メモ"))
        self.notes = QListWidget()
        self.note_text = QLineEdit(placeholderText=self.tr("対応メモを追加（Enter）"))
        self.note_button = QPushButton(self.tr("追加"))
        row = QHBoxLayout()
        row.addWidget(self.note_text)
        row.addWidget(self.note_button)
        notes_layout = QVBoxLayout(self.notes_box)
        notes_layout.addWidget(self.notes)
        notes_layout.addLayout(row)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(
            self.tr("保存 (Ctrl+Enter)")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("閉じる"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.matches_box)
        layout.addWidget(self.notes_box)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        for a, b in zip(
            (
                self.subject,
                self.body,
                self.follow_up,
                self.category,
                self.channel,
                self.priority,
                self.assignee,
            ),
            (
                self.body,
                self.follow_up,
                self.category,
                self.channel,
                self.priority,
                self.assignee,
                self.status,
            ),
            strict=True,
        ):
            QWidget.setTabOrder(a, b)

    def _connect_signals(self) -> None:
        for keys in ("Ctrl+Return", "Ctrl+Enter", "Ctrl+S"):
            QShortcut(QKeySequence(keys), self, activated=self.save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.note_button.clicked.connect(self.add_note)
        self.note_text.returnPressed.connect(self.add_note)
        self.link_button.clicked.connect(self.link_selected)

    # --- data --------------------------------------------------------------------
    def _load(self) -> None:
        with self.db.transaction() as session:
            inquiry_categories.ensure_default_categories(session)
            categories = [(c.id, c.name) for c in inquiry_categories.list_categories(session)]
            staff = [(s.id, s.name) for s in active_staff(session)]
            row = get_inquiry(session, self.inquiry_id) if self.inquiry_id else None
            if row is not None:
                self.customer_id = row.customer_id
            customer = get_customer(session, self.customer_id) if self.customer_id else None
            who = f"{customer.customer_number} {customer.name}" if customer else ""
        self.category.addItem(self.tr("（未分類）"), None)
        for cid, name in categories:
            self.category.addItem(name, cid)
        self.assignee.addItem(self.tr("（未定）"), None)
        for sid, name in staff:
            self.assignee.addItem(name, sid)
        if self.actor.staff_id:
            self._select(self.assignee, self.actor.staff_id)
        self._shown: dict[str, Any] = {}
        if row is not None:
            self._fill(row)
            with contextlib.suppress(DomainError):  # (a date the form cannot read back)
                self._shown = self.values()  # what the form showed: only changes are saved
        self._show_side(row, who)

    def _fill(self, row: Any) -> None:
        self.caller_name.setText(row.caller_name)
        self.caller_phone.setText(row.caller_phone)
        self.subject.setText(row.subject)
        self.body.setPlainText(row.body)
        self.follow_up.setText(row.follow_up_on.isoformat() if row.follow_up_on else "")
        self._select(self.category, row.category_id)
        self._select(self.channel, row.channel)
        self._select(self.priority, row.priority)
        self._select(self.assignee, row.assignee_id)
        self._select(self.status, row.status)

    def _show_side(self, row: Any, who: str) -> None:
        """The parts that change without a save: who, notes, likely matches."""
        self.who.setText(who or self.tr("未登録のお客様（あとで顧客に紐付けできます）"))
        self.caller_name.setVisible(not self.customer_id)
        self.caller_phone.setVisible(not self.customer_id)
        self.status.setEnabled(row is not None)
        self.notes_box.setVisible(row is not None)
        self.matches_box.setVisible(row is not None and not row.customer_id)
        if row is None:
            return
        self.notes.clear()
        for note in row.notes:
            when = to_local(note.noted_at).strftime("%Y-%m-%d %H:%M")
            staff = f" {note.staff}" if note.staff else ""
            self.notes.addItem(f"{when}{staff}  {note.body}")
        if not row.customer_id:
            self._load_matches()

    def _load_matches(self) -> None:
        with self.db.transaction() as session:
            hits = likely_customers(session, self.inquiry_id or "")
        self.matches.clear()
        for hit in hits:
            item = QListWidgetItem(
                self.tr("{number} {name}（{kana}） {phones}").format(
                    number=hit.customer_number,
                    name=hit.name,
                    kana=hit.kana,
                    phones=" / ".join(hit.phones),
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, hit.id)
            self.matches.addItem(item)
        if hits:
            self.matches.setCurrentRow(0)
        self.link_button.setEnabled(bool(hits))

    @staticmethod
    def _select(combo: QComboBox, value: Any) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def values(self) -> dict[str, Any]:
        """The form as service input (raises DomainError for an unreadable date)."""
        values: dict[str, Any] = {
            "subject": self.subject.text(),
            "body": self.body.toPlainText(),
            "follow_up_on": parse_follow_up(self.follow_up.text(), self.today),
            "category_id": self.category.currentData(),
            "channel": self.channel.currentData(),
            "priority": self.priority.currentData(),
            "assignee_id": self.assignee.currentData(),
        }
        if self.customer_id:
            values["customer_id"] = self.customer_id
        else:
            values["caller_name"] = self.caller_name.text()
            values["caller_phone"] = self.caller_phone.text()
        if self.inquiry_id:
            values["status"] = self.status.currentData()
        return values

    def _run(self, action: Any) -> bool:
        if not run_op(self.db, action, on_error=all_in_label(self.error)).ok:
            return False
        self.error.clear()
        return True

    def save(self) -> None:
        def write(session: Any) -> None:
            values = self.values()
            if self.inquiry_id:
                # Only what was changed here: what another counter changed meanwhile stays
                values = {k: v for k, v in values.items() if self._shown.get(k, ...) != v}
                inquiries.update_inquiry(session, self.inquiry_id, values, actor=self.actor)
            else:
                change = inquiries.create_inquiry(session, values, actor=self.actor)
                self.inquiry_id = change.inquiry_id

        if self._run(write):
            self.saved.emit(self.inquiry_id or "")
            self.accept()

    def add_note(self) -> None:
        text = self.note_text.text()
        if not self.inquiry_id or not self._run(
            lambda s: inquiries.add_note(s, self.inquiry_id, text, actor=self.actor)
        ):
            return
        self.note_text.clear()
        self._reload()
        self.saved.emit(self.inquiry_id)

    def link_selected(self) -> None:
        item = self.matches.currentItem()
        if item is None or not self.inquiry_id:
            return
        customer_id = item.data(Qt.ItemDataRole.UserRole)
        if self._run(
            lambda s: inquiries.link_customer(s, self.inquiry_id, customer_id, actor=self.actor)
        ):
            self._reload()
            self.saved.emit(self.inquiry_id)

    def _reload(self) -> None:
        with self.db.transaction() as session:
            row = get_inquiry(session, self.inquiry_id or "")
            self.customer_id = row.customer_id
        who = f"{row.customer_number} {row.customer_name}" if row.customer_id else ""
        self._show_side(row, who)
