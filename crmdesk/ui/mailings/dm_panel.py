"""The card's 連名・喪中・追加項目 tab: what Japanese DM needs, and the owner's own fields.

連名 (joint names, one per line), 喪中 (no mailings through a date) and every custom field
the owner defined (``crmdesk field add``), each checked by its type. 保存 writes them in
one transaction; a bad value is named next to its field and nothing is written. Kept apart
from the card's main form, so the form stays the same for every shop.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core.custom_fields import FieldDef
from crmdesk.core.errors import DomainError, ValidationError
from crmdesk.core.validate import FieldErrors
from crmdesk.services import custom_fields, customer_fields, customer_index, customers
from crmdesk.ui import i18n
from crmdesk.ui.extensions import CardPanel


class DmFieldsPanel(CardPanel):
    ORDER = 70

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db: Any = None
        self.customer_id: str | None = None
        self.defs: list[FieldDef] = []
        self._shown: tuple[dict[str, Any], dict[str, str]] = ({}, {})
        self.inputs: dict[str, Any] = {}
        self.errors: dict[str, QLabel] = {}
        self.form = QFormLayout()
        self.joint_names = QPlainTextEdit()
        self.mourning_until = QLineEdit()
        self.status = QLabel()
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(bar)
        layout.addStretch(1)

    def title(self) -> str:
        return self.tr("連名・喪中・追加項目")

    # --- building the form ---------------------------------------------------------
    def _row(self, key: str, label: str, widget: QWidget) -> None:
        error = QLabel()
        error.setStyleSheet("color: #c0392b")
        error.setVisible(False)
        box = QVBoxLayout()
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(widget)
        box.addWidget(error)
        holder = QWidget()
        holder.setLayout(box)
        self.form.addRow(label, holder)
        self.inputs[key] = widget
        self.errors[key] = error

    def _rebuild(self) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.inputs.clear()
        self.errors.clear()
        self.joint_names = QPlainTextEdit()
        self.joint_names.setTabChangesFocus(True)
        self.joint_names.setFixedHeight(60)
        self.joint_names.setPlaceholderText(self.tr("1行に1人（例: 花子）"))
        self.mourning_until = QLineEdit()
        self.mourning_until.setPlaceholderText(
            self.tr("この日までDM・年賀状を送らない（例: 2027-01-15）")
        )
        self._row("joint_names", self.tr("連名"), self.joint_names)
        self._row("mourning_until", self.tr("喪中"), self.mourning_until)
        for field in self.defs:
            widget: QWidget
            if field.kind == "choice":
                combo = QComboBox()
                combo.addItems(["", *field.choices])
                widget = combo
            elif field.kind == "yesno":
                combo = QComboBox()
                combo.addItems(["", self.tr("はい"), self.tr("いいえ")])
                widget = combo
            else:
                widget = QLineEdit()
            self._row(f"field:{field.name}", field.name, widget)

    # --- loading and saving --------------------------------------------------------
    def load(self, db: Any, customer_id: str | None) -> None:

        self.db, self.customer_id = db, customer_id
        with db.transaction() as session:
            self.defs = custom_fields.list_fields(session)
            record = (
                customers.customer_record(customer_index.get_customer(session, customer_id))
                if customer_id
                else {}
            )
        self._rebuild()
        self.joint_names.setPlainText(record.get("joint_names") or "")
        self.mourning_until.setText(record.get("mourning_until") or "")
        values = record.get("fields", {})
        for field in self.defs:
            self._set(field, values.get(field.name))
        self._shown = self.values()  # what the tab showed: only what is changed is saved
        enabled = customer_id is not None
        for widget in self.inputs.values():
            widget.setEnabled(enabled)
        self.save_button.setEnabled(enabled)
        self.status.setText("" if enabled else self.tr("顧客を保存すると入力できます"))

    def _set(self, field: FieldDef, value: Any) -> None:
        widget = self.inputs[f"field:{field.name}"]
        if field.kind == "yesno":
            widget.setCurrentIndex(0 if value is None else 1 if value else 2)
        elif field.kind == "choice":
            widget.setCurrentIndex(max(widget.findText(value or ""), 0))
        else:
            widget.setText("" if value is None else str(value))

    def _get(self, field: FieldDef) -> str:
        widget = self.inputs[f"field:{field.name}"]
        if field.kind == "yesno":
            return ("", "yes", "no")[widget.currentIndex()]
        if field.kind == "choice":
            return str(widget.currentText())
        return str(widget.text())

    def values(self) -> tuple[dict[str, Any], dict[str, str]]:
        card = {
            "joint_names": self.joint_names.toPlainText(),
            "mourning_until": self.mourning_until.text().strip(),
        }
        return card, {f.name: self._get(f) for f in self.defs}

    def save(self) -> bool:
        """Write 連名, 喪中 and the custom fields together; show what is wrong, if anything."""

        if self.customer_id is None:
            return False
        for label in self.errors.values():
            label.setVisible(False)
        card, extra = self.values()
        # Only what was changed here: what another counter changed meanwhile stays
        shown_card, shown_extra = self._shown
        card = {k: v for k, v in card.items() if shown_card.get(k) != v}
        extra = {k: v for k, v in extra.items() if shown_extra.get(k) != v}
        try:
            with self.db.transaction() as session:
                check = FieldErrors()  # every bad field is named at once
                check.check(customer_fields.clean_fields, card, partial=True)
                check.check(custom_fields.clean_values, session, extra)
                check.raise_if_any()
                customers.update_customer(session, self.customer_id, card, actor="window")
                custom_fields.set_values(session, self.customer_id, extra, actor="window")
        except DomainError as error:
            errors = error.errors if isinstance(error, ValidationError) else [error]
            for e in errors:
                label = self.errors.get(e.field or "")
                if label is not None:
                    label.setText(e.message(i18n.language()))
                    label.setVisible(True)
            self.status.setText(self.tr("保存できませんでした"))
            return False
        self.status.setText(self.tr("保存しました"))
        self.load(self.db, self.customer_id)
        self.status.setText(self.tr("保存しました"))
        return True

    def error_text(self, key: str) -> str:
        label = self.errors.get(key)
        return label.text() if label is not None and label.isVisibleTo(self) else ""


PANEL = DmFieldsPanel
