"""The words of the charts, tables and monthly report, in Japanese and English.

The reports are written with Japanese source text (as the window is); :func:`t` gives the
English for ``lang="en"``. This small catalogue lives here, not in the Qt translations, so
the CLI and the PDF (no Qt) speak English too. A missing English text is a KeyError, so a
test that builds every chart in English finds it.
"""

from __future__ import annotations

LANGS = ("ja", "en")

REPEAT_NOTE = (
    "再来率は初来店から90日・180日が過ぎた人のうち、再び来店した割合（—: まだ過ぎた人がいない）"
)

EN: dict[str, str] = {
    # chart titles (long, on the figure) and short names (dashboard boxes, --list)
    "日別売上": "Daily sales",
    "月別売上と来店数": "Monthly sales and visits",
    "新規・リピート別売上": "Sales: new vs returning customers",
    "初回来店月別の継続率": "Retention by first-visit month",
    "初回来店月別 顧客生涯価値(LTV)": "Lifetime value (LTV) by first-visit month",
    "RFM分布（最新性×頻度, 人数）": "RFM: recency × frequency (customers)",
    "ポイント 発行・利用・失効と残高": "Points issued, redeemed, expired and balance",
    "問い合わせ 分類・状態別件数": "Inquiries by category and status",
    "問い合わせ 完了までの時間（中央値）": "Inquiries: median time to close",
    "DM 反応率（30日以内の来店）": "Mailing response (visit within 30 days)",
    "性別 顧客数": "Customers by gender",
    "年代別 顧客数": "Customers by age",
    "地域別 顧客数（上位{top}）": "Customers by area (top {top})",
    "流入経路別 新規顧客と90日再来率": "New customers by channel, and back within 90 days",
    "流入経路": "Channel",
    "新規顧客数": "New customers",
    "90日経過人数": "Past 90 days",
    "90日内再来": "Back within 90 days",
    "90日再来率": "90-day repeat rate",
    "180日経過人数": "Past 180 days",
    "180日内再来": "Back within 180 days",
    "180日再来率": "180-day repeat rate",
    "180日売上": "Revenue, first 180 days",
    "費用": "Spend",
    "新規1人あたり費用": "Cost per new customer",
    "再来1人あたり費用": "Cost per returning customer",
    "再来 {rate}": "back {rate}",
    "流入経路別の新規顧客（{start}〜{end}に初来店）": (
        "New customers by channel (first visit {start} to {end})"
    ),
    "90日再来": "Back 90d",
    "180日再来": "Back 180d",
    "180日の売上": "Rev. 180d",
    "新規1人": "Per new",
    "再来1人": "Per returning",
    REPEAT_NOTE: (
        "Repeat rate: of those whose first visit is 90 / 180 days past, the share who came "
        "back (—: nobody's window is over yet)"
    ),
    "再来 —（90日未経過）": "back — (90 days not over)",
    "継続率": "Retention",
    "LTV": "LTV",
    "R": "R",
    "F": "F",
    "RFM分布": "RFM",
    "ポイント": "Points",
    "問い合わせ": "Inquiries",
    "完了までの時間": "Time to close",
    "DM反応率": "Mailing response",
    "性別": "Gender",
    "年代": "Age",
    "地域": "Area",
    # series, axes
    "売上": "Sales",
    "来店数": "Visits",
    "新規": "New",
    "リピート": "Returning",
    "顧客不明": "No customer",
    "1人あたり累計売上": "Sales per customer to date",
    "R: 最近来店したほど高い": "R: higher = visited more recently",
    "F: 来店回数が多いほど高い": "F: higher = visits more often",
    "発行": "Issued",
    "利用": "Redeemed",
    "失効": "Expired",
    "残高（月末）": "Balance (month end)",
    "中央値（時間）": "Median (hours)",
    "時間": "Hours",
    "反応率": "Response rate",
    "顧客数": "Customers",
    "件数": "Inquiries",
    "初月": "1st",
    "{k}か月後": "+{k}",
    "経過月数": "Months after the first visit",
    "初回来店月": "First-visit month",
    " {hours:.1f}時間 ({n}件)": " {hours:.1f} h ({n} closed)",
    " {hours:.1f}時間": " {hours:.1f} h",
    # values the analytics services write in Japanese
    "女性": "Female",
    "男性": "Male",
    "その他": "Other",
    "未登録": "Not given",
    "〜19歳": "Under 20",
    "20代": "20s",
    "30代": "30s",
    "40代": "40s",
    "50代": "50s",
    "60代": "60s",
    "70代": "70s",
    "80歳〜": "80+",
    "不明": "Unknown",
    "未分類": "Uncategorised",
    "全体": "All",
    # table columns
    "日付": "Date",
    "月": "Month",
    "購入件数": "Purchases",
    "新規売上": "New customers' sales",
    "リピート売上": "Returning customers' sales",
    "顧客不明の売上": "Sales without a customer",
    "初回人数": "Cohort size",
    "来店人数": "Customers who came",
    "率": "Rate",
    "購入金額": "Amount bought",
    "M平均": "Mean M",
    "調整": "Adjusted",
    "残高": "Balance",
    "分類": "Category",
    "状態": "Status",
    "完了件数": "Closed",
    "中央値(時間)": "Median (h)",
    "平均(時間)": "Mean (h)",
    "DM": "Mailing",
    "発送日": "Sent on",
    "送付数": "Recipients",
    "反応数": "Responded",
    "都道府県": "Prefecture",
    "市区町村": "City",
    # the monthly report
    "月次レポート　{year}年{month}月": "Monthly report: {month_name} {year}",
    "対象期間 {start} 〜 {end}": "Period {start} – {end}",
    "今月": "This month",
    "前月": "Last month",
    "前月比": "Change",
    "前年同月": "A year ago",
    "前年比": "Change",
    "crmdesk　{page}ページ": "crmdesk · page {page}",
    "平均購入単価": "Average spend",
    "来店頻度（回/人）": "Visits per customer",
    "リピート率": "Repeat rate",
    "顧客数（月末）": "Customers (month end)",
    "新規顧客": "New customers",
    "来店顧客": "Customers who came",
    "休眠顧客（180日以上）": "Dormant customers (180+ days)",
    "ポイント発行": "Points issued",
    "ポイント利用": "Points redeemed",
    "ポイント失効": "Points expired",
    "ポイント残高（円換算）": "Points balance (in yen)",
    "問い合わせ受付": "Inquiries received",
    "ポイント見込み負担（円）": "Points: expected cost (yen)",
    "ポイント残高の失効月別内訳（{date}末）": "Points outstanding by expiry month (end of {date})",
    "失効月": "Expires",
    "円換算": "In yen",
    "見込み負担": "Expected cost",
    "失効なし": "Never",
    "{month}以降": "{month} or later",
    "利用率 {rate}（利用÷(利用＋失効)）": "Redemption rate {rate} (redeemed/(redeemed+expired))",
    "利用率100%と仮定（精算済み{n}pt未満）": "Rate taken as 100% (under {n} settled pt)",
    "利用率 100%（ポイントは失効しない設定）": "Redemption rate 100% (points never expire)",
    "{title}: データがありません": "{title}: no data",
}

MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
             "Dec"]  # fmt: skip
MONTH_NAMES_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December"]  # fmt: skip


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    return lang


def t(text: str, lang: str = "ja") -> str:
    """``text`` (Japanese) in ``lang``."""
    return text if check_lang(lang) == "ja" else EN[text]


SERVICE_WORDS = frozenset(["〜19歳", "20代", "30代", "40代", "50代", "60代", "70代", "80歳〜",
                           "不明", "未分類", "全体"])  # fmt: skip
"""The words the analytics services write into frames themselves (crmdesk.services.
analytics_more); every other text in a frame is the shop's data."""


def value(text: object, lang: str = "ja") -> str:
    """A value an analytics frame holds in ``lang``: the services' own words (an age band,
    不明, 未分類) are translated; the shop's data (a category called その他, a place, a
    campaign name) stays as it was entered."""
    text = str(text)
    return EN[text] if lang == "en" and text in SERVICE_WORDS else text
