"""Inquiry channel, status and priority names in the window's language.

crmdesk.core.inquiry_rules keeps the Japanese names (Qt-free, also used by the CLI);
these tables repeat them where lupdate can see them, so the window can translate them.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from crmdesk.core import inquiry_rules as rules

CONTEXT = "InquiryLabels"
CHANNELS = {
    "phone": QT_TRANSLATE_NOOP("InquiryLabels", "電話"),
    "email": QT_TRANSLATE_NOOP("InquiryLabels", "メール"),
    "counter": QT_TRANSLATE_NOOP("InquiryLabels", "店頭"),
    "web": QT_TRANSLATE_NOOP("InquiryLabels", "Webフォーム"),
    "other": QT_TRANSLATE_NOOP("InquiryLabels", "その他"),
}
STATUSES = {
    "open": QT_TRANSLATE_NOOP("InquiryLabels", "未対応"),
    "in_progress": QT_TRANSLATE_NOOP("InquiryLabels", "対応中"),
    "waiting": QT_TRANSLATE_NOOP("InquiryLabels", "返答待ち"),
    "closed": QT_TRANSLATE_NOOP("InquiryLabels", "完了"),
}
PRIORITIES = {
    "low": QT_TRANSLATE_NOOP("InquiryLabels", "低"),
    "normal": QT_TRANSLATE_NOOP("InquiryLabels", "普通"),
    "high": QT_TRANSLATE_NOOP("InquiryLabels", "高"),
}


def _label(table: dict[str, str], fallback: dict[str, str], code: str) -> str:
    return QCoreApplication.translate(CONTEXT, table.get(code) or fallback.get(code, code))


def channel(code: str) -> str:
    return _label(CHANNELS, rules.CHANNEL_LABELS, code)


def status(code: str) -> str:
    return _label(STATUSES, rules.STATUS_LABELS, code)


def priority(code: str) -> str:
    return _label(PRIORITIES, rules.PRIORITY_LABELS, code)
