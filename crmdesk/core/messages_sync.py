"""Messages of the branch sync (crmdesk.sync): what a person can do about each."""

MESSAGES: dict[str, dict[str, str]] = {
    "hub_unreachable": {
        "ja": (
            "ハブ（共有データベース）に接続できません（{reason}）。この端末ではそのまま作"
            "業を続けられます。接続が戻ると自動で同期します"
        ),
        "en": (
            "Cannot reach the hub ({reason}). Keep working on this computer; sync catches"
            " up when the line is back"
        ),
    },
    "hub_auth_failed": {
        "ja": (
            "ハブにログインできません。ユーザー名とパスワードを確認してください（パスワー"
            "ドが変わった場合は「sync password」で保存し直してください）"
        ),
        "en": (
            "The hub refused the login: check the user name and password (if the password"
            " changed, save it again with `crmdesk sync password`)"
        ),
    },
    "hub_not_initialised": {
        "ja": (
            "このデータベースはまだハブとして準備されていません。先に「crmdesk hub init U"
            "RL」を実行してください"
        ),
        "en": "This database is not a crmdesk hub yet: run `crmdesk hub init URL` first",
    },
    "hub_not_crmdesk": {
        "ja": (
            "このデータベースには別のアプリケーションの表があります。crmdesk用の空のデー"
            "タベースを指定してください"
        ),
        "en": (
            "This database belongs to another application ({tables} tables): give an empt"
            "y database for crmdesk"
        ),
    },
    "hub_schema_newer": {
        "ja": (
            "ハブは新しいバージョンのcrmdeskで作られています（{revision}）。この端末のcrm"
            "deskを更新してください"
        ),
        "en": (
            "The hub was set up by a newer crmdesk ({revision}): update crmdesk on this computer"
        ),
    },
    "branch_schema_newer": {
        "ja": (
            "この端末のcrmdeskはハブより新しいバージョンです。新しいバージョンで「crmdesk"
            " hub init」を実行してハブを更新してください"
        ),
        "en": (
            "This computer's crmdesk is newer than the hub: update the hub by running `cr"
            "mdesk hub init` with this version"
        ),
    },
    "protocol_mismatch": {
        "ja": (
            "ハブと同期方式のバージョンが違います（ハブ {hub}、この端末 {branch}）。古い"
            "方のcrmdeskを更新してください"
        ),
        "en": (
            "The hub speaks sync protocol {hub}, this computer {branch}: update the older crmdesk"
        ),
    },
    "clock_skew": {
        "ja": (
            "この端末の時計がずれています（ハブより約{minutes}分進んでいます）。パソコン"
            "の日付と時刻を確認してください"
        ),
        "en": "Check this computer's clock: it is about {minutes} minutes ahead of the hub",
    },
    "branch_code_taken": {
        "ja": (
            "店舗コード「{branch}」は別の端末ですでに使われています。別のコードを指定してください"
        ),
        "en": "Branch code {branch} is already used by another computer: choose another",
    },
    "not_joined": {
        "ja": "この端末はまだハブに参加していません（「crmdesk sync join」）",
        "en": "This computer has not joined a hub (`crmdesk sync join`)",
    },
    "already_joined": {
        "ja": "この端末はすでに店舗「{branch}」としてハブに参加しています",
        "en": "This computer has already joined the hub as branch {branch}",
    },
    "conflict_not_found": {
        "ja": "競合 {ref} が見つかりません",
        "en": "Conflict {ref} not found",
    },
    "keyring_unavailable": {
        "ja": (
            "パスワードを保存できるキーリング（資格情報の保管庫）がこの端末にありません（{reason}）"
        ),
        "en": "No keyring to keep the password on this computer ({reason})",
    },
    "insecure_hub": {
        "ja": (
            "ハブ {host} への接続が暗号化されていません。URLに sslmode=require を付けてください"
        ),
        "en": ("The connection to hub {host} is not encrypted: add sslmode=require to the URL"),
    },
    "hub_certificate_untrusted": {
        "ja": (
            "ハブの証明書を確認できません（この端末が信頼する認証局の署名がないか、期限切"
            "れです）。URLの sslrootcert= にハブの認証局（CA）の証明書ファイルを指定してく"
            "ださい"
        ),
        "en": (
            "The hub's certificate could not be verified (not signed by the certificate"
            " authority this computer trusts, or expired): point sslrootcert= in the URL"
            " at the hub's CA certificate file"
        ),
    },
    "hub_certificate_host": {
        "ja": (
            "ハブの証明書は「{name}」のもので、URLのホスト名「{host}」と一致しません。URLに"
            "は証明書の名前を使ってください"
        ),
        "en": (
            "The hub's certificate is for {name}, not for {host}: use the name on the"
            " certificate as the host in the URL"
        ),
    },
    "hub_ca_missing": {
        "ja": (
            "ハブの認証局（CA）の証明書ファイル（{path}）が見つかりません。URLの sslroot"
            "cert= のパスを確認してください"
        ),
        "en": (
            "The hub's CA certificate file ({path}) was not found: check the sslrootcert="
            " path in the URL"
        ),
    },
    "hub_tls_unavailable": {
        "ja": (
            "ハブが暗号化（TLS）接続を受け付けていません。ハブのPostgreSQLで ssl を有効に"
            "するか、管理者に確認してください（URLは sslmode={mode}）"
        ),
        "en": (
            "The hub does not accept encrypted (TLS) connections but the URL asks for"
            " sslmode={mode}: turn ssl on in the hub's PostgreSQL, or ask whoever runs it"
        ),
    },
    "invalid_branch_code": {
        "ja": "{label}は英数字16文字以内で入力してください",
        "en": "{label} must be up to 16 letters or digits",
    },
    "number_range_exhausted": {
        "ja": "この店舗に割り当てられた{kind}の番号を使い切りました",
        "en": "This branch has used up its range of {kind} numbers",
    },
    "demo_on_synced_file": {
        "ja": "このファイルはお店のハブと同期しています。デモデータは全店舗に送られてしまうため、"
        "ここには読み込めません。試すときは新しいファイルで読み込んでください",
        "en": "This file syncs with the shop's hub: demo data would reach every branch, so it "
        "cannot be loaded here. Load it into a new file to try things out",
    },
}

FIELD_LABELS = {
    "branch_code": {"ja": "店舗コード", "en": "Branch code"},
    "url": {"ja": "ハブのURL", "en": "Hub URL"},
}
