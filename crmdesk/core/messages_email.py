"""Messages for email campaigns: the SMTP server, templates and sending."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "email_not_set_up": {
        "ja": "メールの送信設定がありません。先に送信サーバーを設定してください（email setup）",
        "en": "Email is not set up: set the sending server first (email setup)",
    },
    "email_bad_host": {
        "ja": "{label}を入力してください（例: smtp.example.jp）",
        "en": "Please give the {label} (e.g. smtp.example.com)",
    },
    "email_bad_port": {
        "ja": "{label}は1〜65535の番号です（STARTTLSは587、SSLは465が一般的です）",
        "en": "The {label} is a number from 1 to 65535 (587 for STARTTLS, 465 for SSL)",
    },
    "email_bad_security": {
        "ja": "{label}は starttls・ssl・none のどれかです",
        "en": "The {label} is one of starttls, ssl or none",
    },
    "email_insecure_remote": {
        "ja": "暗号化なし（none）はこのコンピューター上のサーバーにだけ使えます。"
        "パスワードとお客様のアドレスを守るため starttls か ssl を選んでください",
        "en": "No encryption (none) is only for a server on this computer: choose starttls"
        " or ssl to protect the password and the customers' addresses",
    },
    "email_bad_limit": {
        "ja": "{label}の数が正しくありません",
        "en": "The {label} is not a valid number",
    },
    "keyring_unavailable": {
        "ja": "このコンピューターにはパスワードを安全に保存する仕組み（キーリング）がありません",
        "en": "This computer has no keyring to keep the password safely",
    },
    "email_no_password": {
        "ja": "送信サーバーのパスワードが保存されていません。設定し直してください",
        "en": "No password is saved for the sending server: set it up again",
    },
    "email_auth_failed": {
        "ja": "送信サーバーにログインできません。ユーザー名とパスワードを確認してください",
        "en": "The sending server refused the login: check the user name and password",
    },
    "email_tls_failed": {
        "ja": "{host} と暗号化した接続ができません。暗号化の方式とポートを確認してください",
        "en": "Could not open an encrypted connection to {host}: check the security and port",
    },
    "email_unreachable": {
        "ja": "送信サーバー {host} につながりません。ネットワークと設定を確認してください",
        "en": "Cannot reach the sending server {host}: check the network and the settings",
    },
    "email_needs_shop": {
        "ja": "メールには送信者の名前と住所の表示が必要です（特定電子メール法）。"
        "先に店の情報（shop set）を入力してください",
        "en": "Every email must carry the sender's name and address (Japanese law):"
        " set the shop's details first (shop set)",
    },
    "not_an_email_campaign": {
        "ja": "「{name}」はメールの送付記録ではありません",
        "en": "{name} is not an email campaign",
    },
    "email_template_no_subject": {
        "ja": "テンプレートの1行目は「Subject: 件名」にしてください",
        "en": "The template's first line must be 'Subject: ...'",
    },
    "email_template_no_body": {
        "ja": "テンプレートに本文がありません（件名の後に空行、その後に本文）",
        "en": "The template has no body (a blank line after the subject, then the body)",
    },
    "email_template_too_long": {
        "ja": "件名（200文字まで）か本文（20,000文字まで）が長すぎます",
        "en": "The subject (200 characters) or the body (20,000) is too long",
    },
    "email_template_braces": {
        "ja": "テンプレートの {{ }} が閉じていません（{{{{ と }}}} で括弧そのものを書けます）",
        "en": "A {{ or }} in the template does not close (write {{{{ and }}}} for the braces)",
    },
    "email_template_unknown_field": {
        "ja": "テンプレートの差し込み項目「{name}」はありません",
        "en": "The template uses an unknown merge field {{{name}}}",
    },
    "email_template_unreadable": {
        "ja": "テンプレートのファイルを読めません（UTF-8のテキストにしてください）: {path}",
        "en": "The template file cannot be read (it must be UTF-8 text): {path}",
    },
}

FIELD_LABELS = {
    "host": {"ja": "送信サーバー", "en": "sending server"},
    "port": {"ja": "ポート番号", "en": "port"},
    "security": {"ja": "暗号化の方式", "en": "security"},
    "from_address": {"ja": "差出人アドレス", "en": "from address"},
    "password": {"ja": "パスワード", "en": "password"},
    "daily_limit": {"ja": "1日の送信上限", "en": "daily limit"},
    "pace_per_minute": {"ja": "1分あたりの送信数", "en": "messages per minute"},
    "template": {"ja": "テンプレート", "en": "template"},
}
