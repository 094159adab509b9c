"""Messages of custom fields and the DM fields of a card (連名, 喪中, 御中)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "invalid_field_type": {
        "ja": "項目の種類「{kind}」はありません（text, number, date, choice, yesno）",
        "en": "There is no field type {kind} (text, number, date, choice, yesno)",
    },
    "choices_required": {
        "ja": "選択肢の項目「{name}」には選択肢を1つ以上指定してください（--choice）",
        "en": "The choice field {name} needs at least one choice (--choice)",
    },
    "choices_only_for_choice": {
        "ja": "選択肢は種類が choice の項目にだけ指定できます（{name}）",
        "en": "Choices are only for fields of type choice ({name})",
    },
    "custom_field_exists": {
        "ja": "項目「{name}」はすでにあります",
        "en": "There is already a field called {name}",
    },
    "custom_field_not_found": {
        "ja": "項目「{name}」はありません（crmdesk field list で一覧）",
        "en": "There is no field called {name} (see crmdesk field list)",
    },
    "invalid_field_assignment": {
        "ja": "「{value}」は 項目名=値 の形で指定してください",
        "en": "{value} must be given as NAME=VALUE",
    },
    "invalid_field_number": {
        "ja": "{label}は数値で入力してください（「{value}」は数値ではありません）",
        "en": "{label} must be a number ({value} is not one)",
    },
    "invalid_choice": {
        "ja": "{label}は「{choices}」のどれかを選んでください（「{value}」はありません）",
        "en": "{label} must be one of {choices_en} ({value} is not)",
    },
    "invalid_yesno": {
        "ja": "{label}は「はい」か「いいえ」で入力してください（「{value}」）",
        "en": "{label} must be yes or no ({value})",
    },
    "name_or_company_required": {
        "ja": "{label}（氏名）か会社名のどちらかを入力してください",
        "en": "Enter a name ({label}) or a company",
    },
}

FIELD_LABELS: dict[str, dict[str, str]] = {
    "joint_names": {"ja": "連名", "en": "Joint names"},
    "mourning_until": {"ja": "喪中（年賀状を送らない期限）", "en": "In mourning until"},
    "field_name": {"ja": "項目名", "en": "Field name"},
    "field_type": {"ja": "項目の種類", "en": "Field type"},
    "choices": {"ja": "選択肢", "en": "Choices"},
    "fields": {"ja": "追加項目", "en": "Custom fields"},
}
