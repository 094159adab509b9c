"""One condition of a segment (field, comparison, value) and how its value is typed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from crmdesk.core import rfm
from crmdesk.core import segments as rules
from crmdesk.core.messages import field_label
from crmdesk.ui import i18n

CMP_LABELS = {
    "before": QT_TRANSLATE_NOOP("SegmentBuilder", "より前"),
    "after": QT_TRANSLATE_NOOP("SegmentBuilder", "以降"),
    "within": QT_TRANSLATE_NOOP("SegmentBuilder", "以内に来店あり"),
    "not_within": QT_TRANSLATE_NOOP("SegmentBuilder", "来店なし（期間）"),
    "eq": QT_TRANSLATE_NOOP("SegmentBuilder", "＝"),
    "ne": QT_TRANSLATE_NOOP("SegmentBuilder", "≠"),
    "gt": QT_TRANSLATE_NOOP("SegmentBuilder", "＞"),
    "ge": QT_TRANSLATE_NOOP("SegmentBuilder", "≧"),
    "lt": QT_TRANSLATE_NOOP("SegmentBuilder", "＜"),
    "le": QT_TRANSLATE_NOOP("SegmentBuilder", "≦"),
    "between": QT_TRANSLATE_NOOP("SegmentBuilder", "範囲（a-b）"),
    "in": QT_TRANSLATE_NOOP("SegmentBuilder", "いずれか"),
    "contains": QT_TRANSLATE_NOOP("SegmentBuilder", "を含む"),
    "startswith": QT_TRANSLATE_NOOP("SegmentBuilder", "で始まる"),
    "any": QT_TRANSLATE_NOOP("SegmentBuilder", "いずれかあり"),
    "all": QT_TRANSLATE_NOOP("SegmentBuilder", "すべてあり"),
    "none": QT_TRANSLATE_NOOP("SegmentBuilder", "どれもなし"),
    "is": QT_TRANSLATE_NOOP("SegmentBuilder", "である"),
    "not": QT_TRANSLATE_NOOP("SegmentBuilder", "でない"),
}
HINTS = {
    "int": QT_TRANSLATE_NOOP("SegmentBuilder", "例: 3"),
    "int_range": QT_TRANSLATE_NOOP("SegmentBuilder", "例: 20-39"),
    "date": QT_TRANSLATE_NOOP("SegmentBuilder", "例: 2026-05-01"),
    "period": QT_TRANSLATE_NOOP("SegmentBuilder", "例: 6m（6か月）、30d、1y"),
    "rfm_groups": QT_TRANSLATE_NOOP("SegmentBuilder", "例: 優良顧客, 常連顧客（best, loyal）"),
    "months": QT_TRANSLATE_NOOP("SegmentBuilder", "例: 12、来月、今月"),
    "genders": QT_TRANSLATE_NOOP("SegmentBuilder", "例: female, male"),
    "texts": QT_TRANSLATE_NOOP("SegmentBuilder", "例: VIP, 常連"),
    "text": "",
    "digits": QT_TRANSLATE_NOOP("SegmentBuilder", "例: 100"),
    "bool": QT_TRANSLATE_NOOP("SegmentBuilder", "はい / いいえ"),
}
#: Hints of fields whose values are not what their kind's hint suggests.
FIELD_HINTS = {
    "acquisition_channel": QT_TRANSLATE_NOOP("SegmentBuilder", "例: チラシ, Web（流入経路の名前）"),
}
FIELD_LABEL_OVERRIDES = {
    "city": QT_TRANSLATE_NOOP("SegmentBuilder", "市区町村"),
    "tags": QT_TRANSLATE_NOOP("SegmentBuilder", "タグ"),
    "gender": QT_TRANSLATE_NOOP("SegmentBuilder", "性別"),
}
MONTH_WORDS = {"来月": "next_month", "今月": "this_month"}
MONTH_WORDS_EN = {"next month": "next_month", "this month": "this_month"}


def _tr(text: str) -> str:
    """A text from the tables above (lupdate saw it there) in the window's language."""
    return QCoreApplication.translate("SegmentBuilder", text) if text else ""


def parse_value(kind: str, text: str) -> Any:
    """What the person typed, as a tree value (the core validates it afterwards)."""
    text = text.strip()
    items = [t.strip() for t in text.replace("、", ",").split(",") if t.strip()]
    if kind == "int":
        return text
    if kind == "int_range":
        low, _, high = text.replace("〜", "-").replace("~", "-").partition("-")
        return [low.strip(), high.strip()]
    if kind == "period":
        unit = {"m": "months", "d": "days", "y": "years"}.get(text[-1:].lower())
        return {unit: text[:-1]} if unit else text
    if kind == "rfm_groups":
        by_label = {g.ja: g.code for g in rfm.GROUPS} | {g.en.lower(): g.code for g in rfm.GROUPS}
        return [by_label.get(i.lower(), by_label.get(i, i)) for i in items]
    if kind == "months":
        words = MONTH_WORDS | MONTH_WORDS_EN
        return [words.get(i.lower(), words.get(i, i)) for i in items]
    if kind in ("genders", "texts"):
        return items
    if kind == "bool":
        return {"はい": True, "yes": True, "true": True, "いいえ": False, "no": False}.get(
            text.lower(), text
        )
    return text


def format_value(kind: str, value: Any) -> str:
    """A tree value as the person would type it (for editing a saved segment)."""
    if kind == "int_range":
        return f"{value[0]}-{value[1]}"
    if kind == "period":
        unit, amount = next(iter(value.items()))
        return f"{amount}{unit[0]}"
    english = i18n.language() == "en"
    if kind == "bool":
        if english:
            return "yes" if value else "no"
        return "はい" if value else "いいえ"
    if isinstance(value, list):
        words = {v: k for k, v in (MONTH_WORDS_EN if english else MONTH_WORDS).items()}
        return ", ".join(words.get(str(v), str(v)) for v in value)
    return str(value)


class ConditionRow(QWidget):
    changed = Signal()
    removed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field_box = QComboBox()
        for name in rules.FIELDS:
            label = FIELD_LABEL_OVERRIDES.get(name)
            text = _tr(label) if label else field_label(name, i18n.language())
            self.field_box.addItem(text, name)
        self.cmp_box = QComboBox()
        self.value_edit = QLineEdit()
        self.remove_button = QPushButton(self.tr("削除"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.field_box, self.cmp_box, self.value_edit, self.remove_button):
            layout.addWidget(w)
        layout.setStretch(2, 1)
        self._fill_cmps()
        self.field_box.currentIndexChanged.connect(self._on_field)
        self.cmp_box.currentIndexChanged.connect(self._on_cmp)
        self.value_edit.textChanged.connect(self.changed)
        self.remove_button.clicked.connect(lambda: self.removed.emit(self))

    def field(self) -> str:
        return str(self.field_box.currentData())

    def cmp(self) -> str:
        return str(self.cmp_box.currentData())

    def kind(self) -> str:
        return rules.FIELDS[self.field()][self.cmp()]

    def set_condition(self, field: str, cmp: str, text: str) -> None:
        self.field_box.setCurrentIndex(self.field_box.findData(field))
        self.cmp_box.setCurrentIndex(self.cmp_box.findData(cmp))
        self.value_edit.setText(text)

    def leaf(self) -> dict[str, Any]:
        value = parse_value(self.kind(), self.value_edit.text())
        return {"field": self.field(), "cmp": self.cmp(), "value": value}

    def _fill_cmps(self) -> None:
        self.cmp_box.blockSignals(True)
        self.cmp_box.clear()
        for cmp in rules.FIELDS[self.field()]:
            self.cmp_box.addItem(_tr(CMP_LABELS[cmp]), cmp)
        self.cmp_box.blockSignals(False)
        self._on_cmp()

    def _on_field(self) -> None:
        self._fill_cmps()

    def _on_cmp(self) -> None:
        hint = FIELD_HINTS.get(self.field()) or HINTS.get(self.kind(), "")
        self.value_edit.setPlaceholderText(_tr(hint))
        self.changed.emit()
