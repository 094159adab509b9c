"""Error messages of the owner's dashboard, charts and monthly report."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "period_end_before_start": {
        "ja": "{label}が開始日より前になっています",
        "en": "{label} is before the start of the period",
    },
    "invalid_month": {
        "ja": "{label}は「2026-04」のように年と月で入力してください（{value}）",
        "en": "{label} must be a year and month such as 2026-04 (got {value})",
    },
    "period_too_long": {
        "ja": "期間は{max}年以内で指定してください",
        "en": "The period may be at most {max} years long",
    },
    "unknown_chart": {
        "ja": "{label}「{name}」というグラフはありません（{known}）",
        "en": "There is no chart called {name} ({known})",
    },
    "unknown_chart_format": {
        "ja": "{label}の拡張子は .png .pdf .svg のいずれかにしてください",
        "en": "{label} must end in .png, .pdf or .svg",
    },
    "invalid_report_output": {
        "ja": "{label}は .pdf で終わるファイル名にしてください",
        "en": "{label} must end in .pdf",
    },
    "branch_not_found": {
        "ja": "店舗コード「{branch_code}」の店舗が見つかりません",
        "en": "No branch has the code {branch_code}",
    },
}

FIELD_LABELS: dict[str, dict[str, str]] = {
    "from": {"ja": "開始日", "en": "Start date"},
    "to": {"ja": "終了日", "en": "End date"},
    "month": {"ja": "対象月", "en": "Month"},
    "branch": {"ja": "店舗", "en": "Branch"},
    "chart": {"ja": "グラフ名", "en": "Chart name"},
    "output": {"ja": "出力ファイル", "en": "Output file"},
}
