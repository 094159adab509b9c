"""Messages for a mailing's random control group and its measured effect."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "invalid_control_share": {
        "ja": "{label}は{low}〜{high}%の整数で指定してください",
        "en": "{label} must be a whole percentage from {low} to {high}",
    },
    "control_too_few": {
        "ja": "送付先が{count}人のため比較グループを取れません（2人以上必要です）",
        "en": "With {count} recipient(s) no control group can be held back (2 or more needed)",
    },
    "control_needs_record": {
        "ja": "比較グループは送付記録と一緒に保存します。DMの名前を付けてください"
        "（コマンドでは --record）",
        "en": "A control group is kept with the mailing's record: give the mailing a name"
        " (--record on the command line)",
    },
    "invalid_cost_per_piece": {
        "ja": "{label}は0〜{max}円の整数で入力してください",
        "en": "{label} must be a whole number of yen from 0 to {max}",
    },
}

FIELD_LABELS = {
    "control": {"ja": "比較グループ（送らない割合）", "en": "Control group (share held back)"},
    "cost_per_piece": {"ja": "1通あたりの費用", "en": "Cost per piece"},
}
