"""The data under each chart: Japanese column names, display text, CSV / xlsx files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from crmdesk.reports.charts import count, percent, yen

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
}  # fmt: skip

_YEN = {"sales", "new_sales", "returning_sales", "anonymous_sales", "ltv", "monetary"}
_PEOPLE = {"customers", "cohort_size", "retained", "recipients", "responded"}
_THINGS = {"purchases", "inquiries", "closed"}
_POINTS = {"issued", "redeemed", "expired", "adjusted", "outstanding"}


def display_text(column: str, value: object) -> str:
    """How the table under a chart shows one value (¥1,234, 12人, 3件, 45.0%)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if column in _YEN:
        return yen(float(value))  # type: ignore[arg-type]
    if column in _PEOPLE:
        return count(float(value), "人")  # type: ignore[arg-type]
    if column in _THINGS:
        return count(float(value), "件")  # type: ignore[arg-type]
    if column == "visits":
        return count(float(value), "回")  # type: ignore[arg-type]
    if column in _POINTS:
        return f"{round(float(value)):,}pt"  # type: ignore[arg-type]
    if column == "rate":
        return percent(float(value))  # type: ignore[arg-type]
    if column in ("median_hours", "mean_hours", "m_mean"):
        return f"{float(value):,.1f}"  # type: ignore[arg-type]
    return str(value)


def labelled(df: pd.DataFrame) -> pd.DataFrame:
    """The frame with Japanese column names (for files people open in Excel)."""
    return df.rename(columns=COLUMN_LABELS)


def export_frame(df: pd.DataFrame, path: str | Path) -> Path:
    """Write the data as CSV (UTF-8 with BOM, opens in Excel) or xlsx, by extension."""
    path = Path(path)
    out = labelled(df)
    if path.suffix.lower() == ".xlsx":
        out.to_excel(path, index=False)
    else:
        out.to_csv(path, index=False, encoding="utf-8-sig")
    return path
