"""The segment builder: conditions and nested groups joined by AND / OR, with a live count
while editing (e.g. ``(東京都 OR 神奈川県) AND 来店3回以上``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core import segments as rules
from crmdesk.core.errors import DomainError
from crmdesk.services import segments
from crmdesk.ui import i18n
from crmdesk.ui.mailings.condition_group import (
    ADD_CONDITION_KEYS,
    ADD_GROUP_KEYS,
    ConditionGroup,
    group_of,
)
from crmdesk.ui.mailings.condition_row import (  # noqa: F401 - the builder's public parts
    ConditionRow,
    format_value,
    parse_value,
)
from crmdesk.ui.operations import in_label, run_op
from crmdesk.ui.screen_fit import fit_to_screen
from crmdesk.ui.workers import run_in_background

DEBOUNCE_MS = 300


class SegmentBuilderDialog(QDialog):
    """Build or edit a segment; the count follows every edit (debounced, off the UI thread)."""

    counted = Signal(int)

    def __init__(self, db: Any, segment_ref: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.segment_id: str | None = None
        self._generation = 0
        self._workers: set[Any] = set()  # every running count, kept alive until it ends
        self.setWindowTitle(self.tr("セグメント"))
        fit_to_screen(self, 760, 480)
        self.name_edit = QLineEdit()
        self.description_edit = QLineEdit()
        self.root = ConditionGroup(0)
        self.op_box = self.root.op_box
        self.add_button = self.root.add_button
        self.add_group_button = self.root.add_group_button
        self.count_label = QLabel("—")
        self.error_label = QLabel("")
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        form = QFormLayout()
        form.addRow(self.tr("名前"), self.name_edit)
        form.addRow(self.tr("説明"), self.description_edit)
        form.addRow(self.tr("条件のまとめ方"), self.op_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(0, 0, 0, 0)
        inner_layout.addWidget(self.root)
        inner_layout.addStretch(1)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(scroll, 1)
        count_row = QHBoxLayout()
        count_row.addWidget(QLabel(self.tr("該当する顧客:")))
        count_row.addWidget(self.count_label)
        count_row.addStretch(1)
        count_row.addWidget(
            QLabel(
                self.tr("{0}：条件を追加、{1}：グループを追加").format(
                    ADD_CONDITION_KEYS, ADD_GROUP_KEYS
                )
            )
        )
        layout.addLayout(count_row)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self._connect_signals()
        if segment_ref:
            self._load(segment_ref)
        self.schedule_count()

    def _connect_signals(self) -> None:
        self.root.changed.connect(self.schedule_count)
        self.timer.timeout.connect(self._count_now)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for keys, action in (
            (ADD_CONDITION_KEYS, self.add_condition_here),
            (ADD_GROUP_KEYS, self.add_group_here),
        ):
            QShortcut(QKeySequence(keys), self, action)

    def _load(self, ref: str) -> None:

        with self.db.transaction() as session:
            info = segments.get_segment(session, ref)
        self.segment_id = info.id
        self.name_edit.setText(info.name)
        self.description_edit.setText(info.description)
        self.root.load(info.definition)

    @property
    def rows(self) -> list[ConditionRow]:
        """The conditions at the top level (those of nested groups are in ``root``)."""
        return self.root.rows()

    def add_condition(self) -> ConditionRow:
        """A new condition at the top level."""
        return self.root.add_condition()  # type: ignore[no-any-return]

    def add_group(self, op: str = "or") -> ConditionGroup | None:
        """A new nested group at the top level (None when nested too deep)."""
        return self.root.add_group(op)

    def focused_group(self) -> ConditionGroup:
        """The group holding keyboard focus (the top level when focus is elsewhere)."""
        group = group_of(QApplication.focusWidget())
        return group if group is not None and self.isAncestorOf(group) else self.root

    def add_condition_here(self) -> ConditionRow:
        row = self.focused_group().add_condition()
        row.field_box.setFocus()
        return row  # type: ignore[no-any-return]

    def add_group_here(self) -> ConditionGroup | None:
        """A nested group with one condition, in the focused group (or beside it if full)."""
        group = self.focused_group()
        while group.depth >= rules.MAX_DEPTH - 1 and group is not self.root:
            group = group_of(group.parentWidget()) or self.root
        new = group.add_group()
        if new is not None:
            new.add_condition().field_box.setFocus()
        return new

    def tree(self) -> dict[str, Any]:
        return self.root.tree()

    def schedule_count(self) -> None:
        self.timer.start()

    def _count_now(self) -> None:
        if any(not row.value_edit.text().strip() for row in self.findChildren(ConditionRow)):
            # a condition still being filled in: a hint, not an error in red before she
            # has typed anything (saving still names what is missing)
            self.count_label.setText(self.tr("—（条件の値を入力すると数えます）"))
            self.error_label.setText("")
            return
        try:
            tree = rules.validate_tree(self.tree())
        except DomainError as error:
            self.count_label.setText("—")
            self.error_label.setText(error.message(i18n.language()))
            return
        self.error_label.setText("")
        self._generation += 1
        generation = self._generation
        worker = run_in_background(
            _count_job,
            self.db,
            tree,
            on_done=lambda n: self._show_count(generation, n, worker),
            on_error=lambda e: self._show_error(generation, e, worker),
            owner=self,
        )
        self._workers.add(worker)

    def _show_count(self, generation: int, count: int, worker: Any) -> None:
        self._workers.discard(worker)
        if generation == self._generation:
            self.count_label.setText(self.tr("{0}人").format(f"{count:,}"))
            self.counted.emit(count)

    def _show_error(self, generation: int, error: Exception, worker: Any) -> None:
        self._workers.discard(worker)
        if generation == self._generation:
            self.count_label.setText("—")
            text = error.message(i18n.language()) if isinstance(error, DomainError) else str(error)
            self.error_label.setText(text)

    def save(self) -> None:

        done = run_op(
            self.db,
            lambda s: segments.save_segment(
                s,
                self.name_edit.text(),
                self.tree(),
                description=self.description_edit.text(),
                segment_id=self.segment_id,
            ),
            on_error=in_label(self.error_label),
        )
        if not done.ok:
            return
        self.segment_id = done.value.id
        self.accept()


def _count_job(db: Any, tree: dict[str, Any]) -> int:

    with db.sessions() as session:
        return segments.count_segment(session, tree)
