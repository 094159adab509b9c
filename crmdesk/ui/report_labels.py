"""Dashboard chart titles and table column names, as lupdate sees them.

crmdesk.reports keeps Japanese names (Qt-free, also used in exported files); the window
shows them through these tables so they follow the UI language.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "Dashboard"
CHART_TITLES = {
    "sales_daily": QT_TRANSLATE_NOOP("Dashboard", "日別売上"),
    "sales_monthly": QT_TRANSLATE_NOOP("Dashboard", "月別売上と来店数"),
    "new_vs_returning": QT_TRANSLATE_NOOP("Dashboard", "新規・リピート別売上"),
    "retention": QT_TRANSLATE_NOOP("Dashboard", "継続率"),
    "ltv": QT_TRANSLATE_NOOP("Dashboard", "LTV"),
    "rfm": QT_TRANSLATE_NOOP("Dashboard", "RFM分布"),
    "points": QT_TRANSLATE_NOOP("Dashboard", "ポイント"),
    "inquiries": QT_TRANSLATE_NOOP("Dashboard", "問い合わせ"),
    "close_times": QT_TRANSLATE_NOOP("Dashboard", "完了までの時間"),
    "mailings": QT_TRANSLATE_NOOP("Dashboard", "DM反応率"),
    "gender": QT_TRANSLATE_NOOP("Dashboard", "性別"),
    "age": QT_TRANSLATE_NOOP("Dashboard", "年代"),
    "area": QT_TRANSLATE_NOOP("Dashboard", "地域"),
}
COLUMN_LABELS = {
    "day": QT_TRANSLATE_NOOP("Dashboard", "日付"),
    "month": QT_TRANSLATE_NOOP("Dashboard", "月"),
    "sales": QT_TRANSLATE_NOOP("Dashboard", "売上"),
    "purchases": QT_TRANSLATE_NOOP("Dashboard", "購入件数"),
    "visits": QT_TRANSLATE_NOOP("Dashboard", "来店数"),
    "customers": QT_TRANSLATE_NOOP("Dashboard", "顧客数"),
    "new_sales": QT_TRANSLATE_NOOP("Dashboard", "新規売上"),
    "returning_sales": QT_TRANSLATE_NOOP("Dashboard", "リピート売上"),
    "anonymous_sales": QT_TRANSLATE_NOOP("Dashboard", "顧客不明の売上"),
    "cohort": QT_TRANSLATE_NOOP("Dashboard", "初回来店月"),
    "months_since": QT_TRANSLATE_NOOP("Dashboard", "経過月数"),
    "cohort_size": QT_TRANSLATE_NOOP("Dashboard", "初回人数"),
    "retained": QT_TRANSLATE_NOOP("Dashboard", "来店人数"),
    "rate": QT_TRANSLATE_NOOP("Dashboard", "率"),
    "monetary": QT_TRANSLATE_NOOP("Dashboard", "購入金額"),
    "m_mean": QT_TRANSLATE_NOOP("Dashboard", "M平均"),
    "issued": QT_TRANSLATE_NOOP("Dashboard", "発行"),
    "redeemed": QT_TRANSLATE_NOOP("Dashboard", "利用"),
    "expired": QT_TRANSLATE_NOOP("Dashboard", "失効"),
    "adjusted": QT_TRANSLATE_NOOP("Dashboard", "調整"),
    "outstanding": QT_TRANSLATE_NOOP("Dashboard", "残高"),
    "category": QT_TRANSLATE_NOOP("Dashboard", "分類"),
    "status": QT_TRANSLATE_NOOP("Dashboard", "状態"),
    "inquiries": QT_TRANSLATE_NOOP("Dashboard", "件数"),
    "closed": QT_TRANSLATE_NOOP("Dashboard", "完了件数"),
    "median_hours": QT_TRANSLATE_NOOP("Dashboard", "中央値(時間)"),
    "mean_hours": QT_TRANSLATE_NOOP("Dashboard", "平均(時間)"),
    "sent_on": QT_TRANSLATE_NOOP("Dashboard", "発送日"),
    "recipients": QT_TRANSLATE_NOOP("Dashboard", "送付数"),
    "responded": QT_TRANSLATE_NOOP("Dashboard", "反応数"),
    "gender": QT_TRANSLATE_NOOP("Dashboard", "性別"),
    "age_band": QT_TRANSLATE_NOOP("Dashboard", "年代"),
    "prefecture": QT_TRANSLATE_NOOP("Dashboard", "都道府県"),
    "city": QT_TRANSLATE_NOOP("Dashboard", "市区町村"),
}


def chart_title(name: str, fallback: str) -> str:
    return QCoreApplication.translate(CONTEXT, CHART_TITLES.get(name, fallback))


def column_label(column: str) -> str:
    return QCoreApplication.translate(CONTEXT, COLUMN_LABELS.get(column, column))
