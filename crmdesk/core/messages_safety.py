"""Messages of the guards against races and bad input: busy files, bounds, output paths."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "database_busy": {
        "ja": "別の画面が保存中です。少し待ってからもう一度お試しください",
        "en": "Another window is saving: wait a moment and try again",
    },
    "out_of_range": {
        "ja": "{label}は{min}から{max}までの数で入力してください",
        "en": "{label} must be a number from {min} to {max}",
    },
    "output_is_database": {
        "ja": "{label}にデータベースのファイル（またはそのバックアップ）は指定できません: {path}",
        "en": "{label} cannot be a database file or one of its backups: {path}",
    },
    "output_is_input": {
        "ja": "{label}が読み込むファイルと同じです。別のファイル名を指定してください: {path}",
        "en": "{label} is the file being read: choose another name ({path})",
    },
    "output_is_stdout": {
        "ja": "{label}に「-」（標準出力）は指定できません。書き出すファイル名を指定してください",
        "en": "{label} cannot be - (standard output): give the name of a file to write",
    },
    "output_is_folder": {
        "ja": "{label}はフォルダーです。ファイル名まで指定してください: {path}",
        "en": "{label} is a folder: give a file name ({path})",
    },
    "output_folder_missing": {
        "ja": "{label}の保存先フォルダー {folder} がありません",
        "en": "The folder {folder} for {label} does not exist",
    },
    "import_running": {
        "ja": (
            "この取り込みは別の画面で実行中です。終わってからもう一度実行すると続きから再開します"
        ),
        "en": "This import is running in another window: run it again when that one ends",
    },
    "nul_in_file": {
        "ja": (
            "ファイルの{line}行目に読めない文字（NUL）があります。"
            "表計算ソフトで保存し直してください"
        ),
        "en": "Line {line} of the file holds a NUL character: save it again from the spreadsheet",
    },
    "duplicate_header": {
        "ja": (
            "見出し「{header}」が2回あります（{first}列目と{second}列目）。"
            "片方の名前を変えてください"
        ),
        "en": "The header {header} appears twice (columns {first} and {second}): rename one",
    },
}

FIELD_LABELS: dict[str, dict[str, str]] = {
    "rejects": {"ja": "エラー一覧の出力先", "en": "Reject file"},
    "limit": {"ja": "表示件数", "en": "Limit"},
    "min_score": {"ja": "最低スコア", "en": "Minimum score"},
    "customers": {"ja": "顧客数", "en": "Number of customers"},
    "batch": {"ja": "一度に書き込む行数", "en": "Batch size"},
}
