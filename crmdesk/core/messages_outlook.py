"""Messages for the customer outlook (BG/NBD / Gamma-Gamma estimates)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "invalid_limit": {
        "ja": "{label}は1〜10000の整数で指定してください",
        "en": "{label} must be a whole number from 1 to 10000",
    },
    "fit_summary_unreadable": {
        "ja": "{label}のファイル {path} を読み取れません",
        "en": "{label}: the file {path} cannot be read",
    },
    "fit_summary_columns": {
        "ja": "{label}に列がありません: {columns}（frequency, recency, T が必要です）",
        "en": "{label} lacks columns: {columns} (frequency, recency and T are needed)",
    },
    "fit_summary_failed": {
        "ja": "{label}の表ではモデルを当てはめられません（{reason}）",
        "en": "{label}: the models cannot be fitted to this table ({reason})",
    },
}

FIELD_LABELS: dict[str, dict[str, str]] = {
    "limit": {"ja": "件数", "en": "Limit"},
    "fit_summary": {"ja": "集計表", "en": "Summary table"},
    "p_active": {"ja": "継続の見込み", "en": "Still-active probability"},
    "expected_spend_90d": {"ja": "90日の購入見込み額", "en": "Expected spend in 90 days"},
}
