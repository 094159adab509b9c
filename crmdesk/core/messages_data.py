"""Messages of import, export, duplicate merge and backups."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "unknown_encoding": {
        "ja": "文字コード {encoding} は使えません（utf-8、cp932、euc_jp など）",
        "en": "Unknown encoding {encoding} (use utf-8, cp932, euc_jp ...)",
    },
    "undecodable_file": {
        "ja": (
            "ファイルの文字コードを判別できません"
            "（UTF-8、Shift_JIS、EUC-JP のいずれでもありません）"
        ),
        "en": "The file's encoding cannot be told (it is not UTF-8, Shift_JIS or EUC-JP)",
    },
    "wrong_encoding": {
        "ja": "ファイルを {encoding} として読めません（{line}行目）",
        "en": "The file cannot be read as {encoding} (line {line})",
    },
    "empty_file": {
        "ja": "ファイルが空です",
        "en": "The file is empty",
    },
    "not_a_table": {
        "ja": "表形式のファイル（CSV・TSV・Excel）ではないか、見出しに使える項目がありません",
        "en": "This is not a table (CSV, TSV or xlsx) or none of its headers is a known field",
    },
    "file_not_found": {
        "ja": "ファイル {path} が見つかりません",
        "en": "File {path} not found",
    },
    "several_sheets": {
        "ja": "シートが複数あります。取り込むシートを指定してください: {sheets}",
        "en": "The workbook has several sheets; choose one with --sheet: {sheets}",
    },
    "unknown_sheet": {
        "ja": "シート {sheet} がありません: {sheets}",
        "en": "There is no sheet {sheet}: {sheets}",
    },
    "no_name_column": {
        "ja": "氏名（または姓・名）の列が割り当てられていません",
        "en": "No column is mapped to the name (or family / given name)",
    },
    "unknown_import_field": {
        "ja": "割り当て先 {target} という項目はありません",
        "en": "There is no field {target} to map a column to",
    },
    "invalid_mapping": {
        "ja": '割り当てファイルは {{"見出し": "項目"}} の形の JSON にしてください',
        "en": 'The mapping must be a JSON object {{"header": "field"}}',
    },
    "too_many_fields": {
        "ja": "見出しより多い {count} 列があります",
        "en": "The row has {count} fields, more than the header",
    },
    "invalid_gender_word": {
        "ja": "{label}「{value}」を読み取れません（男・女・その他）",
        "en": "{label} {value!r} is not male, female or other",
    },
    "invalid_integer": {
        "ja": "{label}は整数で入力してください",
        "en": "{label} must be a whole number",
    },
    "duplicate_card_number": {
        "ja": "{label}はすでに他の顧客のカードです",
        "en": "{label} already belongs to another customer",
    },
    "invalid_choice": {
        "ja": "{label}は {choices} のいずれかです",
        "en": "{label} must be one of {choices}",
    },
    "not_in_cp932": {
        "ja": (
            "{row}行目の{label}に Shift_JIS（cp932）で書けない文字「{char}」があります。"
            "UTF-8 で書き出してください"
        ),
        "en": "Row {row}, {label}: {char!r} cannot be written in cp932; export as UTF-8",
    },
    "unknown_export": {
        "ja": "書き出せるのは customers、segment、purchases、inquiries です",
        "en": "Export customers, segment, purchases or inquiries",
    },
    "unknown_format": {
        "ja": "形式は csv か xlsx です",
        "en": "The format must be csv or xlsx",
    },
    "same_customer": {
        "ja": "同じ顧客どうしは統合できません",
        "en": "A customer cannot be merged with itself",
    },
    "merge_not_found": {
        "ja": "統合 {ref} が見つからないか、すでに取り消されています",
        "en": "Merge {ref} not found, or already undone",
    },
    "merge_undo_blocked": {
        "ja": "統合後に変更があったため取り消せません（{reason}）",
        "en": "The merge cannot be undone: things changed since ({reason})",
    },
    "not_a_backup": {
        "ja": "{path} は crmdesk のバックアップではありません",
        "en": "{path} is not a crmdesk backup",
    },
    "backup_damaged": {
        "ja": "バックアップ {path} は壊れています（integrity_check: {detail}）",
        "en": "The backup {path} is damaged (integrity_check: {detail})",
    },
    "backup_no_room": {
        "ja": "バックアップを作る空きがありません（必要 {need}、空き {free}）。"
        "古いバックアップを移すか消して、ディスクに空きを作ってください",
        "en": "There is no room for a backup (it needs {need}, {free} is free). Move or"
        " delete old backups to make room on the disk",
    },
    "backup_too_new": {
        "ja": "バックアップ {path} は新しいバージョンの crmdesk で作られています（{revision}）",
        "en": "The backup {path} was made by a newer crmdesk (schema {revision})",
    },
}

FIELD_LABELS: dict[str, dict[str, str]] = {
    "encoding": {"ja": "文字コード", "en": "Encoding"},
    "file": {"ja": "ファイル", "en": "File"},
    "sheet": {"ja": "シート", "en": "Sheet"},
    "mapping": {"ja": "列の割り当て", "en": "Column mapping"},
    "row": {"ja": "行", "en": "Row"},
    "address": {"ja": "住所", "en": "Address"},
    "purchase_total": {"ja": "購入金額", "en": "Purchase total"},
    "last_purchase": {"ja": "最終来店日", "en": "Last visit"},
    "on_duplicate": {"ja": "重複時の扱い", "en": "On duplicate"},
    "choices": {"ja": "行ごとの扱い", "en": "Per-row choices"},
    "kind": {"ja": "書き出す内容", "en": "What to export"},
    "format": {"ja": "形式", "en": "Format"},
    "merge": {"ja": "統合", "en": "Merge"},
    "backup": {"ja": "バックアップ", "en": "Backup"},
}
