"""Messages and field labels for segments, mailings (campaigns) and their responses."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "segment_bad_group": {
        "ja": "条件のまとまりは「すべて満たす（AND）」か「いずれか（OR）」です",
        "en": "A group of conditions must be AND or OR",
    },
    "segment_too_deep": {
        "ja": "条件の入れ子は{max}段までです",
        "en": "Conditions may be nested at most {max} deep",
    },
    "segment_unknown_custom": {
        "ja": "追加項目「{name}」はありません（crmdesk field list で一覧）",
        "en": "There is no custom field called {name} (see crmdesk field list)",
    },
    "segment_unknown_field": {
        "ja": "「{name}」という条件の項目はありません",
        "en": "There is no condition field called {name}",
    },
    "segment_bad_cmp": {
        "ja": "{label}の比べ方「{cmp}」は使えません（使えるもの: {allowed}）",
        "en": "{label} cannot be compared with {cmp} (use one of: {allowed})",
    },
    "segment_bad_value": {
        "ja": "{label}の値「{value}」が正しくありません",
        "en": "{label}: the value {value} is not valid",
    },
    "segment_name_taken": {
        "ja": "セグメント名「{name}」はすでに使われています",
        "en": "A segment called {name} already exists",
    },
    "segment_definition_unreadable": {
        "ja": "条件のファイルを読めません: {path}",
        "en": "Cannot read the definition file: {path}",
    },
    "segment_definition_not_json": {
        "ja": "条件がJSONとして読めません（{line}行{column}文字目: {reason}）",
        "en": "The definition is not valid JSON (line {line}, column {column}: {reason})",
    },
    "segment_not_found": {
        "ja": "セグメント「{ref}」が見つかりません",
        "en": "Segment {ref} not found",
    },
    "rank_rules_missing": {
        "ja": "{label}の条件を使うには、先にポイント設定でランクを決めてください",
        "en": "{label} needs ranks: set them up in the point rules first",
    },
    "campaign_not_found": {
        "ja": "DM「{ref}」が見つかりません",
        "en": "Mailing {ref} not found",
    },
    "no_recipients": {
        "ja": "送付先が1件もありません（対象外の理由を確認してください）",
        "en": "There is no one to send this to (see who was excluded and why)",
    },
    "invalid_output": {
        "ja": "保存先のフォルダがありません: {path}",
        "en": "The folder to save in does not exist: {path}",
    },
    "invalid_days": {
        "ja": "{label}は1〜365日で指定してください",
        "en": "{label} must be 1 to 365 days",
    },
}

FIELD_LABELS: dict[str, dict[str, str]] = {
    "segment": {"ja": "セグメント", "en": "Segment"},
    "custom": {"ja": "追加項目", "en": "Custom field"},
    "segment_name": {"ja": "セグメント名", "en": "Segment name"},
    "definition": {"ja": "条件（JSON）", "en": "Definition (JSON)"},
    "field": {"ja": "条件の項目", "en": "Condition field"},
    "op": {"ja": "条件のまとめ方", "en": "AND / OR"},
    "last_visit": {"ja": "最終来店日", "en": "Last visit"},
    "visit_count": {"ja": "来店回数", "en": "Visit count"},
    "total_spend": {"ja": "累計購入金額", "en": "Total spend"},
    "rfm_group": {"ja": "RFM分類", "en": "RFM group"},
    "birthday_month": {"ja": "誕生月", "en": "Birthday month"},
    "age": {"ja": "年齢", "en": "Age"},
    "city_contains": {"ja": "市区町村", "en": "City"},
    "postal_prefix": {"ja": "郵便番号（先頭）", "en": "Postal code prefix"},
    "point_balance": {"ja": "ポイント残高", "en": "Point balance"},
    "rank": {"ja": "ランク", "en": "Rank"},
    "open_inquiry": {"ja": "未対応の問い合わせ", "en": "Open inquiry"},
    "received_mailing": {"ja": "DM送付歴", "en": "Received mailing"},
    "campaign": {"ja": "DM", "en": "Mailing"},
    "days": {"ja": "集計日数", "en": "Days"},
    "start": {"ja": "開始位置", "en": "Start position"},
    "output": {"ja": "保存先", "en": "Output file"},
}

#: Why a segment member gets no mailing.
EXCLUSION_REASONS: dict[str, dict[str, str]] = {
    "no_dm_consent": {"ja": "DM不可", "en": "No DM consent"},
    "erased": {"ja": "個人情報消去済み", "en": "Personal data erased"},
    "incomplete_address": {"ja": "住所が不完全", "en": "Incomplete address"},
    "postal_mismatch": {"ja": "郵便番号と住所が不一致", "en": "Postal code does not match"},
    "same_household": {"ja": "同一世帯に送付済み", "en": "Same household as another"},
    "mourning": {"ja": "喪中", "en": "In mourning"},
}
