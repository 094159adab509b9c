"""Messages for point cards, purchases and the point ledger."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "invalid_amount": {
        "ja": "{label}は1円以上で入力してください",
        "en": "{label} must be 1 yen or more",
    },
    "amount_too_large": {
        "ja": "{label}が大きすぎます（{max}円まで）。入力を確認してください",
        "en": "{label} is too large (at most {max} yen): please check it",
    },
    "invalid_points": {
        "ja": "{label}には0以上の整数を入力してください",
        "en": "{label} must be a whole number of 0 or more",
    },
    "below_min_redemption": {
        "ja": "{label}は{min}ポイント以上から使えます",
        "en": "{label}: at least {min} points must be used at once",
    },
    "not_enough_points": {
        "ja": "{label}が残高（{balance}ポイント）を超えています",
        "en": "{label} is more than the balance ({balance} points)",
    },
    "redeem_above_amount": {
        "ja": "{label}がお買い上げ金額を超えています（{max}ポイントまで）",
        "en": "{label} is worth more than the purchase (at most {max} points)",
    },
    "card_reported_lost": {
        "ja": "このカード（{card}）は紛失届が出ています。代わりのカード {replacement} を"
        "お使いください",
        "en": "Card {card} was reported lost: use card {replacement}, issued in its place",
    },
    "card_of_another_customer": {
        "ja": "カード {card} はこのお客様のカードではありません（別の顧客のカードです）",
        "en": "Card {card} is not this customer's card (it belongs to another customer)",
    },
    "card_retired": {
        "ja": "このカード（{card}）は使用を終了しています",
        "en": "Card {card} is retired",
    },
    "card_not_active": {
        "ja": "このカード（{card}）は有効ではありません",
        "en": "Card {card} is not active",
    },
    "card_number_taken": {
        "ja": "{label} {card} はすでに発行済みです",
        "en": "{label} {card} has already been issued",
    },
    "invalid_card_number": {
        "ja": "{label}は4〜32桁の数字で入力してください",
        "en": "{label} must be 4 to 32 digits",
    },
    "purchase_not_found": {
        "ja": "お買い上げ記録が見つかりません",
        "en": "Purchase not found",
    },
    "purchase_already_voided": {
        "ja": "このお買い上げはすでに取り消されています",
        "en": "This purchase has already been voided",
    },
    "void_points_used": {
        "ja": "このお買い上げで付与したポイントがすでに使われているため取り消せません"
        "（不足 {short} ポイント）",
        "en": "The points this purchase earned have been used: it cannot be voided "
        "({short} points short)",
    },
    "invalid_rule": {
        "ja": "{label}には{min}以上の整数を入力してください",
        "en": "{label} must be a whole number of {min} or more",
    },
    "invalid_expiry_mode": {
        "ja": "{label}は「獲得から」「最終来店から」「なし」のいずれかです",
        "en": "{label} must be earned, last_visit or never",
    },
    "invalid_ranks": {
        "ja": "{label}は0円から始まり、必要額の小さい順に並べてください",
        "en": "{label} must start at 0 yen and rise in spend",
    },
    "invalid_multiplier": {
        "ja": "{label}は1倍から10倍までです",
        "en": "{label} must be between 1 and 10",
    },
    "invalid_adjustment": {
        "ja": "{label}には0以外の整数を入力してください（減らすときはマイナス）",
        "en": "{label} must be a whole number other than 0 (negative to take points away)",
    },
    "adjust_note_required": {
        "ja": "調整の理由（メモ）を入力してください",
        "en": "Enter the reason for the adjustment (note)",
    },
    "no_customer_open": {
        "ja": "先に顧客を開いてください",
        "en": "Open a customer first",
    },
}

FIELD_LABELS: dict[str, dict[str, str]] = {
    "redeem": {"ja": "利用ポイント", "en": "Points to use"},
    "purchase_id": {"ja": "お買い上げ番号", "en": "Purchase"},
    "yen_per_point": {"ja": "ポイント付与単位（円）", "en": "Yen per point earned"},
    "points_per_unit": {"ja": "付与ポイント数", "en": "Points per unit"},
    "yen_per_point_redeemed": {"ja": "1ポイントの価値（円）", "en": "Yen value of a point"},
    "min_redemption": {"ja": "最低利用ポイント", "en": "Minimum redemption"},
    "expiry_mode": {"ja": "有効期限の方式", "en": "Expiry rule"},
    "expiry_months": {"ja": "有効期限（月数）", "en": "Expiry (months)"},
    "rank_period_months": {"ja": "ランク集計期間（月数）", "en": "Rank period (months)"},
    "ranks": {"ja": "ランク", "en": "Ranks"},
    "multiplier": {"ja": "倍率", "en": "Multiplier"},
    "as_of": {"ja": "基準日", "en": "As-of date"},
}
