"""Email to a segment, beside the DM wizard: who gets it, the message, a preview for one
recipient, a test to yourself, then sending in the background with progress and cancel.

The services decide everything (consent, exclusions, the legal footer, resume); this
dialog only shows and asks.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core.email_template import FIELDS, Template, check_fields
from crmdesk.core.errors import DomainError
from crmdesk.services.email_campaigns import create_email_campaign, email_preview, send_campaign
from crmdesk.services.email_message import build_message, merge_values
from crmdesk.services.email_setup import smtp_settings
from crmdesk.services.email_test import send_test_message
from crmdesk.services.segments import list_segments
from crmdesk.services.shop import shop_info
from crmdesk.store.models import Customer
from crmdesk.ui import i18n
from crmdesk.ui.operations import run_check, run_op, run_read
from crmdesk.ui.screen_fit import fit_to_screen
from crmdesk.ui.workers import run_in_background

REASON_WORDS = {
    "erased": {"ja": "消去済み", "en": "erased"},
    "no_email": {"ja": "アドレスなし", "en": "no address"},
    "invalid_email": {"ja": "アドレスが不正", "en": "invalid address"},
    "no_email_consent": {"ja": "メール不可", "en": "no email consent"},
    "same_email": {"ja": "同じアドレス", "en": "same address"},
}


class EmailCampaignDialog(QDialog):
    previewed = Signal(int)  # recipients
    finished_sending = Signal(object)  # the SendReport
    sending_progress = Signal(int, int)  # emitted from the sending thread, shown here

    def __init__(self, db: Any, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.found: Any = None
        self.report: Any = None
        self._worker: Any = None
        self._stop = threading.Event()
        self.setWindowTitle(self.tr("メール配信"))
        fit_to_screen(self, 760, 640)
        self.segment_box = QComboBox()
        self.check_button = QPushButton(self.tr("送付先を確認"))
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.subject_edit = QLineEdit()
        self.body_edit = QPlainTextEdit()
        self.field_box = QComboBox()
        self.field_box.addItem(self.tr("差し込み項目を挿入…"), None)
        for name, words in FIELDS.items():
            self.field_box.addItem(f"{{{name}}}  {words[i18n.language()]}", name)
        self.name_edit = QLineEdit()
        self.recipient_box = QComboBox()
        self.preview_view = QPlainTextEdit()
        self.preview_view.setReadOnly(True)
        self.test_button = QPushButton(self.tr("自分にテスト送信"))
        self.send_button = QPushButton(self.tr("送信"))
        self.cancel_button = QPushButton(self.tr("送信を中止"))
        self.progress = QProgressBar()
        self.progress.hide()
        self.cancel_button.hide()
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self._layout()
        self._load_segments()
        self._connect_signals()

    def _layout(self) -> None:
        form = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.segment_box, 1)
        row.addWidget(self.check_button)
        form.addRow(self.tr("セグメント"), row)
        form.addRow("", self.summary)
        form.addRow(self.tr("件名"), self.subject_edit)
        form.addRow(self.tr("本文"), self.body_edit)
        form.addRow("", self.field_box)
        form.addRow(self.tr("記録名"), self.name_edit)
        form.addRow(self.tr("プレビュー（宛先）"), self.recipient_box)
        form.addRow("", self.preview_view)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def _load_segments(self) -> None:

        with self.db.sessions() as session:
            for s in list_segments(session):
                self.segment_box.addItem(s.name, s.id)

    def _connect_signals(self) -> None:
        self.check_button.clicked.connect(self.check_recipients)
        self.field_box.activated.connect(self._insert_field)
        self.recipient_box.currentIndexChanged.connect(self.show_preview)
        self.subject_edit.textChanged.connect(self.show_preview)
        self.body_edit.textChanged.connect(self.show_preview)
        self.test_button.clicked.connect(self.send_test)
        self.send_button.clicked.connect(self.send)
        self.cancel_button.clicked.connect(self.cancel)
        self.sending_progress.connect(self._progress)

    def _insert_field(self, index: int) -> None:
        name = self.field_box.itemData(index)
        if name:
            self.body_edit.insertPlainText(f"{{{name}}}")
        self.field_box.setCurrentIndex(0)
        self.body_edit.setFocus()

    def _error(self, error: Exception) -> None:
        if isinstance(error, DomainError):
            self.message.setText(error.message(i18n.language()))
        else:
            self.message.setText(self.tr("エラー: {0}").format(type(error).__name__))

    def template(self) -> Template:
        """The message as typed; unknown merge fields are refused by name."""
        subject, body = self.subject_edit.text().strip(), self.body_edit.toPlainText().strip()
        if not subject:
            raise DomainError("email_template_no_subject", field="template")
        if not body:
            raise DomainError("email_template_no_body", field="template")
        check_fields(subject)
        check_fields(body)
        return Template(subject, body)

    def check_recipients(self) -> None:

        ref = self.segment_box.currentData()
        if ref is None:
            return
        found = run_read(self.db, lambda session: email_preview(session, ref), on_error=self._error)
        if not found.ok:
            return
        self.found = found.value
        lang = i18n.language()
        reasons = self.tr("、").join(
            f"{REASON_WORDS[k][lang]} {v:,}" for k, v in self.found.reason_counts().items()
        )
        self.summary.setText(
            self.tr("送信 {sent}人 / 対象外 {excluded}人").format(
                sent=f"{len(self.found.recipients):,}", excluded=f"{len(self.found.excluded):,}"
            )
            + (self.tr("（{0}）").format(reasons) if reasons else "")
        )
        self.recipient_box.clear()
        for r in self.found.recipients[:200]:
            self.recipient_box.addItem(f"{r.customer_number} {r.name}", r.customer_id)
        if not self.name_edit.text():
            self.name_edit.setText(self.segment_box.currentText())
        self.previewed.emit(len(self.found.recipients))

    def show_preview(self) -> None:
        """The message as the chosen recipient will read it, footer included."""

        customer_id = self.recipient_box.currentData()
        if customer_id is None:
            return
        try:
            template = self.template()
            with self.db.sessions() as session:
                shop, settings = shop_info(session), smtp_settings(session)
                if shop is None:
                    raise DomainError("email_needs_shop", field="shop_name")
                if settings is None:
                    raise DomainError("email_not_set_up", field="host")
                customer = session.get(Customer, customer_id)
                values = merge_values(session, customer, shop)
                message = build_message(
                    template, values, settings, shop, customer.email, "preview", customer_id
                )
        except DomainError as error:
            self.preview_view.setPlainText(error.message(i18n.language()))
            return
        body = message.get_body(("plain",)).get_content()
        self.preview_view.setPlainText(
            self.tr("件名: {0}").format(message["Subject"]) + "\n\n" + body
        )

    def send_test(self) -> None:

        sent = run_check(lambda: send_test_message(self.db, self.template()), on_error=self._error)
        if not sent.ok:
            return
        to = sent.value
        self.message.setText(self.tr("テストメールを {0} に送りました").format(to))

    def send(self) -> None:
        """Record the mailing (one transaction), then send it off the UI thread."""

        if self.found is None:
            self.check_recipients()
        checked = run_check(self.template, on_error=self._error)
        if not checked.ok:
            return
        template, name, found = checked.value, self.name_edit.text(), self.found
        created = run_op(
            self.db,
            lambda session: create_email_campaign(session, name, found, template, actor=self.actor),
            on_error=self._error,
        )
        if not created.ok:
            return
        info = created.value
        self.run_send(info.id)

    def run_send(self, campaign_id: str) -> None:
        """Send (or resume) ``campaign_id`` in the background; Cancel stops between messages."""
        self.send_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.message.setText(self.tr("送信しています…"))
        self._stop.clear()
        self._worker = run_in_background(
            _send_job,
            self.db,
            campaign_id,
            self.actor,
            self._stop,
            self.sending_progress.emit,
            on_done=self._sent,
            on_error=self._failed,
            writes=True,
            owner=self,
        )

    def cancel(self) -> None:
        if self._worker is not None:
            self._stop.set()
            self.message.setText(self.tr("中止しています（送信中の1通が終わるまで）…"))

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _finish(self) -> None:
        self._worker = None
        self.progress.hide()
        self.cancel_button.hide()
        self.send_button.setEnabled(True)

    def _sent(self, report: Any) -> None:
        self._finish()
        self.report = report
        text = self.tr("送信 {sent}通、受け取り拒否 {refused}通、未送信 {pending}通").format(
            sent=report.sent, refused=report.refused, pending=report.pending
        )
        if report.stopped == "daily_limit":
            text += self.tr("（1日の上限に達しました。残りは明日再開できます）")
        elif report.stopped in ("cancelled", "connection_lost"):
            text += self.tr("（残りは後で再開できます）")
        self.message.setText(text)
        self.finished_sending.emit(report)

    def _failed(self, error: Exception) -> None:
        self._finish()
        self._error(error)


def _send_job(db: Any, campaign_id: str, actor: Any, stop: threading.Event, progress: Any) -> Any:
    """Runs on the writer pool; ``stop`` is checked between two messages."""

    return send_campaign(db, campaign_id, actor=actor, should_stop=stop.is_set, progress=progress)
