"""Acquisition channels (流入経路): the starting list, ids, names per language, months.

Pure rules, no database. A channel's id is derived from the name it was created with, so
two branches that seed the list (or add the same channel) offline make one row. The
starting channels have an English name the UI and reports show in English; a channel
the owner added or renamed is shown as she wrote it.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from crmdesk.core.errors import DomainError
from crmdesk.core.normalize import normalize_text

_NAMESPACE = uuid.UUID("6f1d2a4e-5b0c-4d43-9a57-1c7e8d3b2f60")
MAX_NAME = 40
MAX_SPEND_YEN = 10_000_000_000  # ten billion yen a month: beyond any small shop
MAX_CHAIN = 10_000  # referral links followed before a chain is called a cycle


@dataclass(frozen=True)
class DefaultChannel:
    key: str
    ja: str
    en: str


DEFAULT_CHANNELS = (
    DefaultChannel("referral", "紹介", "Referral"),
    DefaultChannel("flyer", "チラシ", "Flyer"),
    DefaultChannel("web", "Web", "Web"),
    DefaultChannel("sns", "SNS", "Social media"),
    DefaultChannel("walk_in", "通りがかり", "Walk-in"),
    DefaultChannel("dm", "DM", "Direct mail"),
    DefaultChannel("event", "イベント", "Event"),
    DefaultChannel("other", "その他", "Other"),
)
REFERRAL = DEFAULT_CHANNELS[0].ja
_ENGLISH = {c.ja: c.en for c in DEFAULT_CHANNELS}
_NONE = {"ja": "（未設定）", "en": "(not set)"}

# The words a shop's own list uses for the starting channels (an import maps them).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "紹介": ("紹介", "ご紹介", "友人の紹介", "知人の紹介", "口コミ", "referral", "friend"),
    "チラシ": ("チラシ", "ちらし", "折込", "折り込み", "ポスティング", "flyer", "leaflet"),
    "Web": (
        "web",
        "ウェブ",
        "ホームページ",
        "hp",
        "ネット",
        "インターネット",
        "検索",
        "google",
        "website",
        "internet",
    ),  # fmt: skip
    "SNS": (
        "sns",
        "instagram",
        "インスタ",
        "インスタグラム",
        "twitter",
        "x",
        "facebook",
        "line",
        "tiktok",
        "social media",
        "social",
    ),  # fmt: skip
    "通りがかり": ("通りがかり", "通りすがり", "看板", "店頭", "walk-in", "walk in", "walkin"),
    "DM": ("dm", "ダイレクトメール", "はがき", "direct mail"),
    "イベント": ("イベント", "催事", "展示会", "event"),
    "その他": ("その他", "other"),
}


def channel_id(name: str) -> str:
    """The id of a channel created under ``name`` (the same on every computer)."""
    return str(uuid.uuid5(_NAMESPACE, f"channel|{normalize_text(name)}"))


def spend_id(channel: str, month: str) -> str:
    """The id of one channel's spend in one month (the same on every computer)."""
    return str(uuid.uuid5(_NAMESPACE, f"spend|{channel}|{month}"))


def name_key(name: str) -> str:
    """A name as compared: width, case and kana forms do not make two channels."""
    return normalize_text(name).replace(" ", "")


def display_name(name: str | None, lang: str) -> str:
    """The name shown in ``lang``: a starting channel in English, "(not set)" for None."""
    english = not (lang or "").lower().startswith("ja")
    if name is None:
        return _NONE["en" if english else "ja"]
    return _ENGLISH.get(name, name) if english else name


def synonym_names() -> dict[str, str]:
    """Normalised word -> starting channel name (its Japanese name)."""
    out: dict[str, str] = {}
    for channel in DEFAULT_CHANNELS:
        for word in (channel.ja, channel.en, *SYNONYMS.get(channel.ja, ())):
            out[name_key(word)] = channel.ja
    return out


_MONTH = re.compile(r"(\d{4})-(\d{1,2})")


def parse_month(text: str, field: str = "month") -> str:
    """``2026-4`` / ``2026-04`` -> ``2026-04``; anything else is refused naming ``field``."""
    found = _MONTH.fullmatch(normalize_text(text or "").strip())
    if not found or not 1 <= int(found[2]) <= 12 or int(found[1]) < 1900:
        raise DomainError("invalid_month", field=field, value=text)
    return f"{int(found[1]):04d}-{int(found[2]):02d}"


def check_spend(yen: int, field: str = "yen") -> int:
    if yen < 0:
        raise DomainError("spend_negative", field=field, value=yen)
    if yen > MAX_SPEND_YEN:
        raise DomainError("out_of_range", field=field, min=0, max=f"{MAX_SPEND_YEN:,}")
    return yen


def check_referral(
    customer: str | None, referrer: str, referrer_of: Callable[[str], str | None]
) -> None:
    """Refuse a referrer who is the customer herself, or one she (indirectly) referred.

    ``referrer_of(id)`` answers who referred a customer (None: nobody). Following the
    referrer's own chain upward must never reach ``customer``.
    """
    if customer is not None and referrer == customer:
        raise DomainError("referral_self", field="referred_by")
    seen: set[str] = set()
    current: str | None = referrer
    while current is not None and len(seen) < MAX_CHAIN:
        if current in seen:
            return  # an old loop above (two branches, offline): not made by this edit
        seen.add(current)
        current = referrer_of(current)
        if customer is not None and current == customer:
            raise DomainError("referral_cycle", field="referred_by")
