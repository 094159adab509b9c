"""Messages for acquisition channels (流入経路), referrals (紹介者) and channel spend."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "channel_not_found": {
        "ja": "{label}「{ref}」は一覧にありません（channel list で確認、channel add で追加）",
        "en": "{label} {ref} is not in the list (see channel list; add it with channel add)",
    },
    "duplicate_channel": {
        "ja": "{label}「{ref}」はすでにあります",
        "en": "{label} {ref} already exists",
    },
    "channel_retired": {
        "ja": "{label}「{ref}」は使用をやめています"
        "（登録済みの顧客はそのまま。新しく選ぶことはできません）",
        "en": "{label} {ref} is retired (customers who have it keep it; it cannot be chosen anew)",
    },
    "channel_retired_in_use": {
        "ja": "{label}「{ref}」の使用をやめました。"
        "この流入経路の顧客{count}人はそのままです（新規には選べません）",
        "en": "{label} {ref} retired. The {count} customers who have it keep it "
        "(new ones cannot choose it)",
    },
    "referral_self": {
        "ja": "{label}に本人は選べません",
        "en": "{label}: a customer cannot have referred herself",
    },
    "referral_cycle": {
        "ja": "{label}が循環します（この顧客が紹介した人を紹介者にはできません）",
        "en": "{label} would make a circle (she referred this person, directly or not)",
    },
    "referrer_not_found": {
        "ja": "{label}「{ref}」が見つかりません（顧客番号・カード番号・氏名で指定）",
        "en": "{label} {ref} not found (give a customer number, card number or name)",
    },
    "referrer_ambiguous": {
        "ja": "{label}「{ref}」に当てはまる顧客が{count}人います。顧客番号で指定してください",
        "en": "{label} {ref} matches {count} customers; give a customer number",
    },
    "spend_negative": {
        "ja": "{label}はマイナスにできません（{value}）",
        "en": "{label} cannot be negative ({value})",
    },
    "unknown_channel_value": {
        "ja": "{label}「{value}」は流入経路の一覧にありません"
        "（先に channel add で追加するか、値を直してください）",
        "en": "{label} {value} is not a known channel "
        "(add it with channel add first, or fix the value)",
    },
    "invalid_kpi_by": {
        "ja": "{label}「{value}」では分けられません（channel のみ）",
        "en": "{label} {value} is not supported (only channel)",
    },
}

FIELD_LABELS: dict[str, dict[str, str]] = {
    "channel_id": {"ja": "流入経路", "en": "Acquisition channel"},
    "referred_by": {"ja": "紹介者", "en": "Referred by"},
    "referred_by_id": {"ja": "紹介者", "en": "Referred by"},
    "acquisition_channel": {"ja": "流入経路", "en": "Acquisition channel"},
    "yen": {"ja": "金額", "en": "Amount"},
    "by": {"ja": "集計の単位", "en": "Breakdown"},
}
