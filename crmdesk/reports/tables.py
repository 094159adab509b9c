"""The data under each chart: column names and display text in Japanese or English, files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from crmdesk.core.channels import display_name as channel_name
from crmdesk.core.files import atomic_path, neutralize
from crmdesk.core.inquiry_rules import STATUS_LABELS, status_label
from crmdesk.core.money import format_yen
from crmdesk.reports.charts import GENDER_LABELS, count, percent
from crmdesk.reports.words import check_lang, t, value

COLUMN_LABELS: dict[str, str] = {
    "day": "日付", "month": "月", "sales": "売上", "purchases": "購入件数", "visits": "来店数",
    "customers": "顧客数", "new_sales": "新規売上", "returning_sales": "リピート売上",
    "anonymous_sales": "顧客不明の売上", "cohort": "初回来店月", "months_since": "経過月数",
    "cohort_size": "初回人数", "retained": "来店人数", "rate": "率", "ltv": "LTV",
    "r": "R", "f": "F", "monetary": "購入金額", "m_mean": "M平均", "issued": "発行",
    "redeemed": "利用", "expired": "失効", "adjusted": "調整", "outstanding": "残高",
    "category": "分類", "status": "状態", "inquiries": "件数", "closed": "完了件数",
    "median_hours": "中央値(時間)", "mean_hours": "平均(時間)", "campaign": "DM",
    "sent_on": "発送日", "recipients": "送付数", "responded": "反応数", "gender": "性別",
    "age_band": "年代", "prefecture": "都道府県", "city": "市区町村",
    "channel": "流入経路", "new_customers": "新規顧客数", "eligible_90d": "90日経過人数",
    "returned_90d": "90日内再来", "repeat_rate_90d": "90日再来率",
    "eligible_180d": "180日経過人数", "returned_180d": "180日内再来",
    "repeat_rate_180d": "180日再来率", "revenue_180d": "180日売上", "spend_yen": "費用",
    "cost_per_new_yen": "新規1人あたり費用", "cost_per_returning_yen": "再来1人あたり費用",
}  # fmt: skip

_YEN = {"sales", "new_sales", "returning_sales", "anonymous_sales", "ltv", "monetary",
        "revenue_180d", "spend_yen", "cost_per_new_yen", "cost_per_returning_yen"}  # fmt: skip
_PEOPLE = {"customers", "cohort_size", "retained", "recipients", "responded", "new_customers",
           "eligible_90d", "returned_90d", "eligible_180d", "returned_180d"}  # fmt: skip
_RATES = {"rate", "repeat_rate_90d", "repeat_rate_180d"}
_THINGS = {"purchases", "inquiries", "closed"}
_POINTS = {"issued", "redeemed", "expired", "adjusted", "outstanding"}


_WORDS = {"age_band", "prefecture", "category"}
"""Columns whose values the services write in Japanese words (20代, 不明, 未分類...)."""


def column_label(column: str, lang: str = "ja") -> str:
    """The name of a column as a person reads it (売上 / Sales)."""
    return t(COLUMN_LABELS[column], lang) if column in COLUMN_LABELS else column


def display_text(column: str, value_: object, lang: str = "ja") -> str:
    """How the table under a chart shows one value: ¥1,234, 12人, 3件, 45.0% in Japanese;
    ¥1,234, 12, 3, 45.0% in English (the column's name says what is counted)."""
    if column == "channel":  # the shop's name for it; "(not set)" for none
        missing = value_ is None or (isinstance(value_, float) and pd.isna(value_))
        return channel_name(None if missing else str(value_), lang)
    if value_ is None or (isinstance(value_, float) and pd.isna(value_)):
        # a rate or cost that cannot be told yet (too young, no spend entered): a dash
        return "—" if column in _RATES - {"rate"} or column.startswith("cost_per") else ""
    if column in _YEN:
        return format_yen(float(value_), lang)  # type: ignore[arg-type]
    if column in _PEOPLE:
        return count(float(value_), "人" if lang == "ja" else "", lang)  # type: ignore[arg-type]
    if column in _THINGS:
        return count(float(value_), "件", lang)  # type: ignore[arg-type]
    if column == "visits":
        return count(float(value_), "回" if lang == "ja" else "", lang)  # type: ignore[arg-type]
    if column in _POINTS:
        return f"{round(float(value_)):,}pt"  # type: ignore[arg-type]
    if column in _RATES:
        return percent(float(value_))  # type: ignore[arg-type]
    if column in ("median_hours", "mean_hours", "m_mean"):
        return f"{float(value_):,.1f}"  # type: ignore[arg-type]
    if column == "gender" and value_ in GENDER_LABELS:
        return t(GENDER_LABELS[str(value_)], lang)
    if column == "status" and value_ in STATUS_LABELS:
        return status_label(str(value_), lang)
    if column in _WORDS:
        return value(value_, lang)
    return str(value_)


def labelled(df: pd.DataFrame, lang: str = "ja") -> pd.DataFrame:
    """The frame with column names people read (for files people open in Excel); in
    English the services' Japanese words (20代, 不明...) are translated too."""
    out = df.rename(columns={c: column_label(c, check_lang(lang)) for c in df.columns})
    if lang == "en":
        for column in _WORDS & set(df.columns):
            out[column_label(column, lang)] = [value(v, lang) for v in df[column]]
    if "channel" in df.columns:
        out[column_label("channel", lang)] = [
            display_text("channel", v, lang) for v in df["channel"]
        ]
    return out


def export_frame(df: pd.DataFrame, path: str | Path, lang: str = "ja") -> Path:
    """Write the data as CSV (UTF-8 with BOM, opens in Excel) or xlsx, by extension."""
    path = Path(path)
    out = labelled(df, lang)
    out = out.map(neutralize)  # a category named "=1+2" stays text; numbers stay numbers
    with atomic_path(path, path.suffix) as temp:
        if path.suffix.lower() == ".xlsx":
            out.to_excel(temp, index=False)
        else:
            out.to_csv(temp, index=False, encoding="utf-8-sig")
    return path
