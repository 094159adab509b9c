"""Messages for ``crmdesk query``, the owner's own read-only reports."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "query_empty": {
        "ja": "実行するSQLを入力してください",
        "en": "Please give the SQL query to run",
    },
    "query_read_only": {
        "ja": "この問い合わせは読み取り専用です。データを変更するSQLは実行できません",
        "en": "Queries are read-only: a statement that changes data cannot be run",
    },
    "query_one_statement": {
        "ja": "一度に実行できるSQL文は1つです",
        "en": "Only one SQL statement can be run at a time",
    },
    "query_invalid": {
        "ja": "SQLを実行できませんでした: {detail}",
        "en": "The SQL could not be run: {detail}",
    },
    "query_missing_parameter": {
        "ja": "SQLのパラメータが足りません（-p 名前 値 で渡してください）: {detail}",
        "en": "A parameter of the SQL has no value (give it as -p NAME VALUE): {detail}",
    },
    "query_timeout": {
        "ja": (
            "問い合わせが{seconds}秒を超えたため中止しました。"
            "条件を絞るか --timeout を延ばしてください"
        ),
        "en": "The query ran past {seconds} s and was stopped: narrow it or raise --timeout",
    },
    "query_bad_parameter": {
        "ja": "パラメータ名「{name}」が正しくありません（英数字と _ のみ）",
        "en": "The parameter name '{name}' is not valid (letters, digits and _ only)",
    },
}

FIELD_LABELS = {
    "sql": {"ja": "SQL", "en": "SQL"},
}

MESSAGES["database_not_found"] = {
    "ja": "データベースファイルが見つかりません: {path}",
    "en": "The database file does not exist: {path}",
}
