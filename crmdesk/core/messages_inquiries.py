"""Messages and field labels for inquiries, follow-ups and the timeline."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "inquiry_empty": {
        "ja": "件名か内容のどちらかを入力してください",
        "en": "Enter a subject or a body for the inquiry",
    },
    "inquiry_not_found": {
        "ja": "問い合わせが見つかりません",
        "en": "Inquiry not found",
    },
    "inquiry_already_closed": {
        "ja": "この問い合わせはすでに完了しています",
        "en": "This inquiry is already closed",
    },
    "inquiry_closed": {
        "ja": "完了した問い合わせは、再開してから状態を変更してください",
        "en": "This inquiry is closed: reopen it before changing its status",
    },
    "invalid_status": {
        "ja": "{label}「{status}」は使えません（open, in_progress, waiting, closed）",
        "en": "{label} {status} is not one of open, in_progress, waiting, closed",
    },
    "invalid_channel": {
        "ja": (
            "{label}は 電話(phone)・メール(email)・店頭(counter)・Web(web)・その他(other) "
            "から選んでください"
        ),
        "en": "{label} must be phone, email, counter, web or other",
    },
    "invalid_priority": {
        "ja": "{label}は 低(low)・普通(normal)・高(high) から選んでください",
        "en": "{label} must be low, normal or high",
    },
    "follow_up_before_inquiry": {
        "ja": "{label}が受付日（{received}）より前になっています",
        "en": "{label} is before the day the inquiry came in ({received})",
    },
    "caller_required": {
        "ja": "顧客を選ぶか、お名前か電話番号を入力してください",
        "en": "Choose a customer, or enter the caller's name or phone",
    },
    "customer_deleted": {
        "ja": "削除された顧客には紐付けできません",
        "en": "Cannot link to a deleted customer",
    },
    "category_not_found": {
        "ja": "{label}「{ref}」が見つかりません",
        "en": "{label} {ref} not found",
    },
    "duplicate_category": {
        "ja": "{label}「{ref}」はすでにあります",
        "en": "{label} {ref} already exists",
    },
    "staff_not_found": {
        "ja": "{label}「{ref}」というスタッフはいません",
        "en": "There is no staff member called {ref} ({label})",
    },
}

FIELD_LABELS: dict[str, dict[str, str]] = {
    "subject": {"ja": "件名", "en": "Subject"},
    "body": {"ja": "内容", "en": "Body"},
    "status": {"ja": "状態", "en": "Status"},
    "channel": {"ja": "受付方法", "en": "Channel"},
    "priority": {"ja": "優先度", "en": "Priority"},
    "category": {"ja": "分類", "en": "Category"},
    "assignee": {"ja": "担当者", "en": "Assignee"},
    "follow_up_on": {"ja": "フォローアップ日", "en": "Follow-up date"},
    "received_at": {"ja": "受付日時", "en": "Received at"},
    "caller_name": {"ja": "お客様のお名前", "en": "Caller's name"},
    "caller_phone": {"ja": "お客様の電話番号", "en": "Caller's phone"},
    "customer": {"ja": "顧客", "en": "Customer"},
    "note": {"ja": "対応メモ", "en": "Response note"},
    "inquiry": {"ja": "問い合わせ", "en": "Inquiry"},
}
