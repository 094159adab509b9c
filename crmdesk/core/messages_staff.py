"""Messages of staff accounts, sign-in, permissions, privacy and the audit log."""

from __future__ import annotations

#: The permission names as people read them (also the ``field`` of permission_denied).
PERMISSION_LABELS: dict[str, dict[str, str]] = {
    "export": {"ja": "データの書き出し", "en": "Export data"},
    "bulk_print": {"ja": "DM・ラベルの一括印刷", "en": "Bulk print and DM"},
    "erase": {"ja": "顧客の削除・消去", "en": "Delete and erase customers"},
    "merge": {"ja": "重複顧客の統合", "en": "Merge duplicates"},
    "points_admin": {"ja": "ポイントの調整・ルール", "en": "Point adjustments and rules"},
    "settings": {"ja": "設定とスタッフ", "en": "Settings and staff"},
    "sync_settings": {"ja": "同期の設定", "en": "Sync settings"},
    "view_full": {"ja": "電話番号・生年月日の全表示", "en": "View full phone and birthday"},
    "audit": {"ja": "操作記録の閲覧", "en": "View the audit log"},
}

MESSAGES: dict[str, dict[str, str]] = {
    "permission_denied": {
        "ja": "この操作には「{label}」の権限が必要です",
        "en": "This needs the permission: {label}",
    },
    "wrong_pin": {
        "ja": "スタッフ名か暗証番号が違います",
        "en": "Wrong staff name or PIN",
    },
    "unknown_staff_card": {
        "ja": "このスタッフカードは登録されていません",
        "en": "This staff card is not registered",
    },
    "pin_wait": {
        "ja": "暗証番号の入力を続けて間違えました。{seconds}秒待ってからもう一度入力してください",
        "en": "Too many wrong PINs: wait {seconds} s and try again",
    },
    "staff_not_found": {
        "ja": "スタッフ「{name}」が見つかりません",
        "en": "No staff member named {name}",
    },
    "staff_exists": {
        "ja": "スタッフ「{name}」はすでに登録されています",
        "en": "A staff member named {name} already exists",
    },
    "staff_card_taken": {
        "ja": "このスタッフカードは別のスタッフに登録されています",
        "en": "This staff card belongs to another staff member",
    },
    "first_staff_owner": {
        "ja": "最初に登録するスタッフは暗証番号付きのオーナーにしてください",
        "en": "The first staff account must be an owner with a PIN",
    },
    "owner_needs_pin": {
        "ja": "オーナーには暗証番号が必要です",
        "en": "An owner needs a PIN",
    },
    "pin_or_card": {
        "ja": "暗証番号かスタッフカードのどちらかを登録してください",
        "en": "Give a PIN or a staff card",
    },
    "last_owner": {
        "ja": "最後のオーナーは外せません。先に別のオーナーを登録してください",
        "en": "This is the last owner: add another owner first",
    },
    "invalid_role_name": {
        "ja": "役割の名前は1〜16文字です",
        "en": "A role name has 1 to 16 characters",
    },
    "role_exists": {
        "ja": "役割「{role}」はすでにあります",
        "en": "The role {role} already exists",
    },
    "unknown_permission": {
        "ja": "「{permission}」という権限はありません",
        "en": "There is no permission named {permission}",
    },
    "unknown_audit_kind": {
        "ja": "操作の種類「{kind}」はありません",
        "en": "There is no audit kind {kind}",
    },
}

FIELD_LABELS: dict[str, dict[str, str]] = {
    "staff": {"ja": "スタッフ", "en": "Staff"},
    "card": {"ja": "スタッフカード", "en": "Staff card"},
    "permission": {"ja": "権限", "en": "Permission"},
    "since": {"ja": "開始日", "en": "Since"},
    "owner": {"ja": "オーナー", "en": "Owner"},
    **PERMISSION_LABELS,
}

MESSAGES.update(
    {
        "sqlcipher_missing": {
            "ja": '暗号化にはsqlcipher3が必要です（pip install "crmdesk[encryption]"）',
            "en": 'Encryption needs sqlcipher3 (pip install "crmdesk[encryption]")',
        },
        "wrong_database_key": {
            "ja": "データベースの鍵が違うか、ファイルが壊れています。ファイルはそのままです",
            "en": "Wrong database key, or a damaged file. The file was left as it was",
        },
        "database_key_missing": {
            "ja": "このファイルは暗号化されていますが、鍵がキーリングにありません",
            "en": "This file is encrypted and its key is not in the keyring",
        },
        "keyring_unavailable": {
            "ja": "OSのキーリングが使えません。鍵を保存・取得できませんでした",
            "en": "No OS keyring is available: the key could not be stored or read",
        },
        "already_encrypted": {
            "ja": "このファイルはすでに暗号化されています",
            "en": "This file is already encrypted",
        },
        "not_encrypted": {
            "ja": "このファイルは暗号化されていません",
            "en": "This file is not encrypted",
        },
    }
)
FIELD_LABELS["key"] = {"ja": "データベースの鍵", "en": "Database key"}
