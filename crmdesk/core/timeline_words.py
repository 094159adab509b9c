"""The sentences of a customer's timeline, in Japanese and English: their one home.

:mod:`crmdesk.services.timeline` returns each event as a kind, an event code and its
parameters; :func:`title_and_detail` words it. The CLI and JSON show the Japanese, the
window shows the language it speaks (crmdesk.ui.customers.timeline_text). Names, subjects and
notes are the shop's data and stay as typed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from crmdesk.core.inquiry_rules import channel_label, status_label
from crmdesk.core.messages import field_label
from crmdesk.core.money import format_yen

Words = dict[str, str]  # {"ja": ..., "en": ...}

KIND_LABELS: dict[str, Words] = {
    "purchase": {"ja": "お買い上げ", "en": "Purchase"},
    "void": {"ja": "取消", "en": "Void"},
    "points": {"ja": "ポイント", "en": "Points"},
    "inquiry": {"ja": "問い合わせ", "en": "Inquiry"},
    "note": {"ja": "対応メモ", "en": "Note"},
    "mailing": {"ja": "DM", "en": "Mailing"},
    "change": {"ja": "顧客情報の変更", "en": "Customer changes"},
}
TITLES: dict[str, Words] = {
    "purchase": {"ja": "お買い上げ {amount}", "en": "Purchase {amount}"},
    "void": {"ja": "お買い上げ取消 {amount}", "en": "Purchase voided {amount}"},
    "inquiry": {"ja": "問い合わせ（{channel}）{subject}", "en": "Inquiry ({channel}) {subject}"},
    "note": {"ja": "対応メモ: {subject}", "en": "Note: {subject}"},
    "note_by": {"ja": "対応メモ（{staff}）: {subject}", "en": "Note ({staff}): {subject}"},
    "mailing": {"ja": "DM送付: {campaign}", "en": "Mailing sent: {campaign}"},
}
POINTS: dict[str, Words] = {
    "earn": {"ja": "ポイント付与 {points} pt", "en": "Points earned {points} pt"},
    "redeem": {"ja": "ポイント利用 {points} pt", "en": "Points redeemed {points} pt"},
    "expire": {"ja": "ポイント失効 {points} pt", "en": "Points expired {points} pt"},
    "bonus": {"ja": "ボーナスポイント {points} pt", "en": "Bonus points {points} pt"},
    "adjust": {"ja": "ポイント調整 {points} pt", "en": "Points adjusted {points} pt"},
    "transfer": {"ja": "ポイント移行 {points} pt", "en": "Points transferred {points} pt"},
    "": {"ja": "ポイント {points} pt", "en": "Points {points} pt"},  # a kind from a newer branch
}
#: The audit actions the timeline shows (a change of the card, field names only).
CHANGES: dict[str, Words] = {
    "customer.create": {"ja": "顧客登録", "en": "Customer registered"},
    "customer.update": {"ja": "顧客情報を変更", "en": "Customer details changed"},
    "customer.tags": {"ja": "タグを変更", "en": "Tags changed"},
    "customer.delete": {"ja": "顧客を削除", "en": "Customer deleted"},
    "customer.erase": {"ja": "個人情報を消去", "en": "Personal data erased"},
    "customer.merge": {"ja": "重複顧客を統合", "en": "Duplicate customers merged"},
}
LAYOUTS: dict[str, Words] = {
    "postcards": {"ja": "はがき", "en": "Postcards"},
    "labels": {"ja": "宛名ラベル", "en": "Address labels"},
}
LIST_SEPARATOR: Words = {"ja": "、", "en": ", "}
STATUS_AND_CATEGORY: Words = {"ja": "{status}・{category}", "en": "{status} · {category}"}


def _check(lang: str) -> str:
    if lang not in ("ja", "en"):
        raise ValueError(f"lang must be 'ja' or 'en', not {lang!r}")
    return lang


def kind_label(kind: str, lang: str = "ja") -> str:
    """お買い上げ / Purchase: the name of a kind of timeline row."""
    words = KIND_LABELS.get(kind)
    return words[_check(lang)] if words else kind


def title_and_detail(
    kind: str, event: str, params: Mapping[str, Any], lang: str = "ja"
) -> tuple[str, str]:
    """One timeline row as a (title, detail) pair of plain text in ``lang``.

    ``kind``, ``event`` and ``params`` are those of
    :class:`crmdesk.services.timeline.TimelineEntry`.
    """
    p = params
    join = LIST_SEPARATOR[_check(lang)].join
    if kind == "purchase":
        return TITLES[kind][lang].format(amount=format_yen(p["amount"], lang)), join(p["items"])
    if kind == "void":
        return TITLES[kind][lang].format(amount=format_yen(p["amount"], lang)), p["reason"]
    if kind == "points":
        text = POINTS.get(event, POINTS[""])[lang]
        return text.format(points=f"{p['points']:+,}"), p["note"]
    if kind == "inquiry":
        channel = channel_label(p["channel"], lang)
        title = TITLES[kind][lang].format(channel=channel, subject=p["subject"])
        detail = status_label(p["status"], lang)
        if p["category"]:
            detail = STATUS_AND_CATEGORY[lang].format(status=detail, category=p["category"])
        return title, detail
    if kind == "note":
        text = TITLES["note_by" if p["staff"] else "note"][lang]
        return text.format(staff=p["staff"], subject=p["subject"]), p["body"]
    if kind == "mailing":
        layout = LAYOUTS.get(p["layout"], LAYOUTS["labels"])[lang]
        return TITLES[kind][lang].format(campaign=p["campaign"]), layout
    title = CHANGES[event][lang] if event in CHANGES else event
    return title, join([field_label(f, lang) for f in p.get("fields", ())])
