"""A group of segment conditions joined by AND / OR, holding conditions and nested groups.

The builder's top level is a group too; a nested group is framed and indented, e.g.
``(東京都 OR 神奈川県) AND 来店3回以上``. Everything is reachable with the keyboard: Tab
walks the fields and buttons, and the builder's shortcuts act on the group holding focus.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crmdesk.core import segments as rules
from crmdesk.ui.mailings.condition_row import ConditionRow, format_value

# Groups may go down to this depth (the top level is 0); the core refuses deeper trees.
DEEPEST = rules.MAX_DEPTH - 1
ADD_CONDITION_KEYS = "Ctrl+Shift+A"
ADD_GROUP_KEYS = "Ctrl+Shift+G"


class ConditionGroup(QFrame):
    """Conditions and groups in order; ``tree()`` gives them back as a condition tree."""

    changed = Signal()
    removed = Signal(object)

    def __init__(self, depth: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.depth = depth
        self.items: list[Any] = []  # ConditionRow | ConditionGroup, in order
        self.op_box = QComboBox()
        self.op_box.addItem(self.tr("すべての条件を満たす（AND）"), "and")
        self.op_box.addItem(self.tr("いずれかの条件を満たす（OR）"), "or")
        self.op_box.setAccessibleName(self.tr("条件のまとめ方"))
        self.add_button = QPushButton(self.tr("条件を追加"))
        self.add_button.setToolTip(self.tr("条件を追加（{0}）").format(ADD_CONDITION_KEYS))
        self.add_group_button = QPushButton(self.tr("グループを追加"))
        self.add_group_button.setToolTip(
            self.tr("（A または B）のような条件のまとまりを追加（{0}）").format(ADD_GROUP_KEYS)
        )
        self.add_group_button.setEnabled(depth < DEEPEST)
        self.remove_button = QPushButton(self.tr("グループを削除"))
        self.items_layout = QVBoxLayout()
        self.items_layout.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        if depth > 0:
            self.setFrameShape(QFrame.Shape.StyledPanel)
            header = QHBoxLayout()
            header.addWidget(QLabel(self.tr("グループ:")))
            header.addWidget(self.op_box)
            header.addStretch(1)
            header.addWidget(self.remove_button)
            layout.addLayout(header)
        else:
            layout.setContentsMargins(0, 0, 0, 0)
            self.remove_button.hide()
        layout.addLayout(self.items_layout)
        footer = QHBoxLayout()
        footer.addWidget(self.add_button)
        footer.addWidget(self.add_group_button)
        footer.addStretch(1)
        layout.addLayout(footer)
        self.op_box.currentIndexChanged.connect(self.changed)
        self.add_button.clicked.connect(self._add_condition_and_focus)
        self.add_group_button.clicked.connect(self._add_group_and_focus)
        self.remove_button.clicked.connect(lambda: self.removed.emit(self))

    # -- building --------------------------------------------------------------------

    def add_condition(self) -> ConditionRow:
        row = ConditionRow(self)
        row.changed.connect(self.changed)
        row.removed.connect(self._remove)
        return self._append(row)

    def add_group(self, op: str = "or") -> ConditionGroup | None:
        """A nested group (OR by default, the usual reason to nest); None when too deep."""
        if self.depth >= DEEPEST:
            return None
        group = ConditionGroup(self.depth + 1, self)
        group.op_box.setCurrentIndex(group.op_box.findData(op))
        group.changed.connect(self.changed)
        group.removed.connect(self._remove)
        return self._append(group)

    def _append(self, item: Any) -> Any:
        self.items.append(item)
        self.items_layout.addWidget(item)
        item.show()  # now, not at the layout's next pass: focus may move into it at once
        self.changed.emit()
        return item

    def _add_condition_and_focus(self) -> None:
        self.add_condition().field_box.setFocus()

    def _add_group_and_focus(self) -> None:
        group = self.add_group()
        if group is not None:
            group.add_condition().field_box.setFocus()

    def _remove(self, item: Any) -> None:
        index = self.items.index(item)
        self.items.remove(item)
        item.hide()
        item.deleteLater()
        # Keyboard users keep their place: the next item, else the previous, else "add".
        if self.items:
            neighbour = self.items[min(index, len(self.items) - 1)]
            target = neighbour.op_box if isinstance(neighbour, ConditionGroup) else None
            (target or neighbour.field_box).setFocus()
        else:
            self.add_button.setFocus()
        self.changed.emit()

    # -- the tree --------------------------------------------------------------------

    def rows(self) -> list[Any]:
        """The conditions directly in this group (not those of nested groups)."""
        return [i for i in self.items if not isinstance(i, ConditionGroup)]

    def groups(self) -> list[ConditionGroup]:
        return [i for i in self.items if isinstance(i, ConditionGroup)]

    def tree(self) -> dict[str, Any]:
        return {
            "op": self.op_box.currentData(),
            "conditions": [
                i.tree() if isinstance(i, ConditionGroup) else i.leaf() for i in self.items
            ],
        }

    def load(self, tree: dict[str, Any]) -> None:
        """Show a saved (validated) tree: its groups as groups, its leaves as conditions."""
        self.op_box.setCurrentIndex(max(0, self.op_box.findData(tree.get("op", "and"))))
        for node in tree.get("conditions", []):
            if "op" in node:
                group = self.add_group(node["op"])
                if group is not None:
                    group.load(node)
                continue
            row = self.add_condition()
            kind = rules.FIELDS[node["field"]][node["cmp"]]
            row.set_condition(node["field"], node["cmp"], format_value(kind, node["value"]))


def group_of(widget: QWidget | None) -> ConditionGroup | None:
    """The innermost group holding a widget (the one with keyboard focus, say)."""
    while widget is not None and not isinstance(widget, ConditionGroup):
        widget = widget.parentWidget()
    return widget
