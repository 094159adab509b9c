"""Timeline rows in the window's language.

The service (:mod:`crmdesk.services.timeline`) returns each event as a kind, an event
code and parameters; this module words them. The sentences are Japanese source strings
that lupdate sees (English in resources/translations/crmdesk_en.ts); names, subjects and
notes are the shop's data and stay as typed.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from crmdesk.core.messages import field_label
from crmdesk.services.timeline import TimelineEntry
from crmdesk.ui import i18n
from crmdesk.ui.inquiries import labels as inquiry_labels

CONTEXT = "TimelineText"
TITLES = {
    "purchase": QT_TRANSLATE_NOOP("TimelineText", "お買い上げ {amount}"),
    "void": QT_TRANSLATE_NOOP("TimelineText", "お買い上げ取消 {amount}"),
    "inquiry": QT_TRANSLATE_NOOP("TimelineText", "問い合わせ（{channel}）{subject}"),
    "note": QT_TRANSLATE_NOOP("TimelineText", "対応メモ: {subject}"),
    "note_by": QT_TRANSLATE_NOOP("TimelineText", "対応メモ（{staff}）: {subject}"),
    "mailing": QT_TRANSLATE_NOOP("TimelineText", "DM送付: {campaign}"),
}
POINTS = {
    "earn": QT_TRANSLATE_NOOP("TimelineText", "ポイント付与 {points} pt"),
    "redeem": QT_TRANSLATE_NOOP("TimelineText", "ポイント利用 {points} pt"),
    "expire": QT_TRANSLATE_NOOP("TimelineText", "ポイント失効 {points} pt"),
    "bonus": QT_TRANSLATE_NOOP("TimelineText", "ボーナスポイント {points} pt"),
    "adjust": QT_TRANSLATE_NOOP("TimelineText", "ポイント調整 {points} pt"),
    "transfer": QT_TRANSLATE_NOOP("TimelineText", "ポイント移行 {points} pt"),
    "": QT_TRANSLATE_NOOP("TimelineText", "ポイント {points} pt"),
}
CHANGES = {
    "customer.create": QT_TRANSLATE_NOOP("TimelineText", "顧客登録"),
    "customer.update": QT_TRANSLATE_NOOP("TimelineText", "顧客情報を変更"),
    "customer.tags": QT_TRANSLATE_NOOP("TimelineText", "タグを変更"),
    "customer.delete": QT_TRANSLATE_NOOP("TimelineText", "顧客を削除"),
    "customer.erase": QT_TRANSLATE_NOOP("TimelineText", "個人情報を消去"),
    "customer.merge": QT_TRANSLATE_NOOP("TimelineText", "重複顧客を統合"),
}
LAYOUTS = {
    "postcards": QT_TRANSLATE_NOOP("TimelineText", "はがき"),
    "labels": QT_TRANSLATE_NOOP("TimelineText", "宛名ラベル"),
}
#: How a list of names is joined ("、" in Japanese, ", " in English).
LIST_SEPARATOR = QT_TRANSLATE_NOOP("TimelineText", "、")
STATUS_AND_CATEGORY = QT_TRANSLATE_NOOP("TimelineText", "{status}・{category}")


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _yen(amount: int) -> str:
    return f"¥{amount:,}"


def _join(names: list[str]) -> str:
    return _tr(LIST_SEPARATOR).join(names)


def title_and_detail(entry: TimelineEntry) -> tuple[str, str]:
    """The row's (title, detail) in the window's language; the detail on one line."""
    p = entry.params
    kind = entry.kind
    if kind == "purchase":
        title, detail = _tr(TITLES[kind]).format(amount=_yen(p["amount"])), _join(p["items"])
    elif kind == "void":
        title, detail = _tr(TITLES[kind]).format(amount=_yen(p["amount"])), p["reason"]
    elif kind == "points":
        text = POINTS.get(entry.event, POINTS[""])
        title, detail = _tr(text).format(points=f"{p['points']:+,}"), p["note"]
    elif kind == "inquiry":
        channel = inquiry_labels.channel(p["channel"])
        title = _tr(TITLES[kind]).format(channel=channel, subject=p["subject"])
        detail = inquiry_labels.status(p["status"])
        if p["category"]:
            detail = _tr(STATUS_AND_CATEGORY).format(status=detail, category=p["category"])
    elif kind == "note":
        text = TITLES["note_by"] if p["staff"] else TITLES["note"]
        title, detail = _tr(text).format(staff=p["staff"], subject=p["subject"]), p["body"]
    elif kind == "mailing":
        title = _tr(TITLES[kind]).format(campaign=p["campaign"])
        detail = _tr(LAYOUTS.get(p["layout"], LAYOUTS["labels"]))
    else:
        title = _tr(CHANGES[entry.event]) if entry.event in CHANGES else entry.event
        lang = i18n.language()
        detail = _join([field_label(f, lang) for f in p.get("fields", ())])
    return title, detail.replace("\n", " ")
