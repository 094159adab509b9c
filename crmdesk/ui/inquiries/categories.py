"""The owner's list of inquiry categories: add, rename, retire/restore, reorder.

The same dialog edits the acquisition channels (:mod:`crmdesk.ui.channels.channel_list`), given
their :class:`CategorySource`.

Keyboard first: the name field has focus, Enter adds what is typed; in the list,
F2 puts the selected name in the field to rename it (Enter then renames), Del retires
or restores, Ctrl+Up / Ctrl+Down move it. Every button has a mnemonic too. Each action
is one service call in one transaction; a refused one (a name in use, an empty name)
shows the message naming the field and writes nothing. Staff who are not the owner see
the list read-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crmdesk.services import inquiry_categories
from crmdesk.services.staff import Actor
from crmdesk.ui.operations import all_in_label, run_op
from crmdesk.ui.screen_fit import fit_to_screen

ID_ROLE = Qt.ItemDataRole.UserRole
OWNER = Actor(staff_id=None, name="desktop", role="owner")


@dataclass(frozen=True)
class CategoryRow:
    id: str
    name: str
    active: bool
    label: str = ""  # what the list shows, when not the name (an English starting name)


class CategorySource:
    """What the dialog edits: the inquiry categories. Another owner's list (the
    acquisition channels) passes its own source with the same five calls and its texts."""

    def rows(self, session: Any) -> list[CategoryRow]:
        inquiry_categories.ensure_default_categories(session)
        return [
            CategoryRow(c.id, c.name, c.active)
            for c in inquiry_categories.list_categories(session, include_inactive=True)
        ]

    def add(self, session: Any, name: str, actor: Actor) -> str:
        return inquiry_categories.add_category(session, name, actor=actor).id

    def rename(self, session: Any, row_id: str, name: str, actor: Actor) -> object:
        return inquiry_categories.rename_category(session, row_id, name, actor=actor)

    def set_active(self, session: Any, row_id: str, active: bool, actor: Actor) -> object:
        return inquiry_categories.set_category_active(session, row_id, active, actor=actor)

    def move(self, session: Any, row_id: str, offset: int, actor: Actor) -> object:
        return inquiry_categories.move_category(session, row_id, offset, actor=actor)

    def texts(self, dialog: QDialog) -> dict[str, str]:
        return {
            "title": QCoreApplication.translate("InquiryCategoriesDialog", "問い合わせの分類"),
            "placeholder": QCoreApplication.translate("InquiryCategoriesDialog", "分類の名前"),
            "list": QCoreApplication.translate("InquiryCategoriesDialog", "分類(&L):"),
            "owner_only": QCoreApplication.translate(
                "InquiryCategoriesDialog", "分類を変更できるのはオーナーだけです。"
            ),
            "note": QCoreApplication.translate(
                "InquiryCategoriesDialog",
                "使用をやめた分類は新しい問い合わせに出ません（記録済みのものはそのまま）。",
            ),
        }


class InquiryCategoriesDialog(QDialog):
    """Edit the categories offered when an inquiry is logged."""

    changed = Signal()

    def __init__(
        self,
        db: Any,
        actor: Actor | None = None,
        parent: QWidget | None = None,
        source: CategorySource | None = None,
    ):
        super().__init__(parent)
        self.db = db
        self.actor = actor or OWNER
        self.source = source or CategorySource()
        self.texts = self.source.texts(self)
        self.rows: list[CategoryRow] = []
        self.renaming: str | None = None  # the id being renamed, when F2 was pressed
        self.setWindowTitle(self.texts["title"])
        fit_to_screen(self, 420, 440)
        self._build()
        self._reload()
        self.name.setFocus()

    def _build(self) -> None:
        self.name = QLineEdit(placeholderText=self.texts["placeholder"])
        name_label = QLabel(self.tr("名前(&N):"))
        name_label.setBuddy(self.name)
        self.list = QListWidget()
        list_label = QLabel(self.texts["list"])
        list_label.setBuddy(self.list)
        self.add_button = QPushButton(self.tr("追加(&A)"))
        self.rename_button = QPushButton(self.tr("名前を変更(&R)"))
        self.retire_button = QPushButton(self.tr("使用をやめる(&D)"))
        self.up_button = QPushButton(self.tr("上へ(&U)"))
        self.down_button = QPushButton(self.tr("下へ(&W)"))
        self.up_button.setToolTip(self.tr("Ctrl+↑"))
        self.down_button.setToolTip(self.tr("Ctrl+↓"))
        self.message = QLabel(wordWrap=True)
        self.message.setStyleSheet("color: #b00020")
        self.note = QLabel(wordWrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(name_label)
        top.addWidget(self.name, 1)
        top.addWidget(self.add_button)
        top.addWidget(self.rename_button)
        side = QGridLayout()
        for row, button in enumerate((self.retire_button, self.up_button, self.down_button)):
            side.addWidget(button, row, 0)
        side.setRowStretch(3, 1)
        middle = QHBoxLayout()
        middle.addWidget(self.list, 1)
        middle.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(list_label)
        layout.addLayout(middle)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        # Enter belongs to the name field: no button may take it (or close the dialog).
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)

        self.name.returnPressed.connect(self._enter)
        self.add_button.clicked.connect(self.add)
        self.rename_button.clicked.connect(self.rename)
        self.retire_button.clicked.connect(self.toggle_active)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.list.currentRowChanged.connect(self._update_buttons)
        self.list.installEventFilter(self)
        self.setTabOrder(self.name, self.list)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        """The list's keys: F2 rename, Del retire/restore, Ctrl+Up/Down move."""
        if watched is self.list and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier  # type: ignore
            if key == Qt.Key.Key_F2:
                self.start_rename()
            elif key == Qt.Key.Key_Delete:
                self.toggle_active()
            elif ctrl and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move(-1 if key == Qt.Key.Key_Up else 1)
            else:
                return super().eventFilter(watched, event)
            return True
        return super().eventFilter(watched, event)

    # --- data ----------------------------------------------------------------------
    def _reload(self, select: str | None = None) -> None:
        current = select or self.current_id()
        with self.db.transaction() as session:
            self.rows = self.source.rows(session)
        self.list.blockSignals(True)
        self.list.clear()
        retired = self.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        for row in self.rows:
            shown = row.label or row.name
            text = shown if row.active else self.tr("{name}（使用終了）").format(name=shown)
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, row.id)
            if not row.active:
                item.setForeground(QBrush(retired))
            self.list.addItem(item)
        ids = [r.id for r in self.rows]
        self.list.setCurrentRow(ids.index(current) if current in ids else 0)
        self.list.blockSignals(False)
        self._update_buttons()

    def names(self) -> list[str]:
        """The categories offered for new inquiries, in order."""
        return [r.name for r in self.rows if r.active]

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item is not None else None

    def _current_row(self) -> CategoryRow | None:
        wanted = self.current_id()
        return next((r for r in self.rows if r.id == wanted), None)

    def _update_buttons(self, *_: Any) -> None:
        owner = self.actor.can("settings")
        row = self._current_row()
        for widget in (self.name, self.add_button):
            widget.setEnabled(owner)
        for button in (self.rename_button, self.retire_button, self.up_button, self.down_button):
            button.setEnabled(owner and row is not None)
        if row is not None and not row.active:
            self.retire_button.setText(self.tr("使用を再開(&D)"))
        else:
            self.retire_button.setText(self.tr("使用をやめる(&D)"))
        self.note.setText(self.texts["note"] if owner else self.texts["owner_only"])

    def _run(self, action: Any) -> Any:
        """One service call in one transaction; a refusal is shown, nothing written."""
        done = run_op(self.db, action, on_error=all_in_label(self.message))
        if not done.ok:
            return None
        result = done.value
        self.message.clear()
        return result or True

    # --- actions -------------------------------------------------------------------
    def _enter(self) -> None:
        self.rename() if self.renaming else self.add()

    def add(self) -> None:
        name = self.name.text()
        added = self._run(lambda s: self.source.add(s, name, self.actor))
        if added:
            self.name.clear()
            self._done(added)

    def start_rename(self) -> None:
        row = self._current_row()
        if row is None or not self.actor.can("settings"):
            return
        self.renaming = row.id
        self.name.setText(row.name)
        self.name.selectAll()
        self.name.setFocus()

    def rename(self) -> None:
        target = self.renaming or self.current_id()
        if target is None:
            return
        name = self.name.text()
        if self._run(lambda s: self.source.rename(s, target, name, self.actor)):
            self.renaming = None
            self.name.clear()
            self._done(target)

    def toggle_active(self) -> None:
        row = self._current_row()
        if row is None:
            return
        if self._run(lambda s: self.source.set_active(s, row.id, not row.active, self.actor)):
            self._done(row.id)

    def move(self, offset: int) -> None:
        row = self._current_row()
        if row is None:
            return
        if self._run(lambda s: self.source.move(s, row.id, offset, self.actor)):
            self._done(row.id)

    def _done(self, select: str) -> None:
        self._reload(select)
        self.changed.emit()
