"""Demo step: inquiries with categories, response notes, unknown callers, follow-ups.

About one inquiry for every three customers over the last six months; the open ones
have follow-up days around today (some overdue, some today, some ahead), and a few
come from callers not yet linked to a card (some of whom are customers on file).
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import insert, select

from crmdesk.core.clock import zone
from crmdesk.core.ids import new_id
from crmdesk.services.demo import DemoContext, shop_moment
from crmdesk.services.inquiries import make_search_text
from crmdesk.services.inquiry_categories import ensure_default_categories
from crmdesk.store.models import Customer, Inquiry, InquiryCategory, InquiryNote, Staff

ORDER = 30
DEMO_STAFF = ("佐々木", "小林", "加藤")
ITEMS = ("湯呑み", "急須", "土鍋", "腕時計", "革財布", "ハンドクリーム", "ギフトセット", "傘")
SUBJECTS = {
    "商品について": ("{item}のサイズについて", "{item}の色違いはありますか", "{item}の使い方"),
    "予約": ("来店予約の変更", "{item}の取り置き", "週末の予約の確認"),
    "修理": ("{item}の修理の進み具合", "{item}が壊れてしまった", "{item}の電池交換"),
    "在庫・取り寄せ": ("{item}の取り寄せ", "{item}の入荷予定", "{item}の在庫確認"),
    "クレーム": ("{item}に傷があった", "配送が遅れている", "会計の金額について"),
    "その他": ("駐車場の場所", "営業時間の確認", "ポイントカードの再発行"),
}
BODIES = (
    "お電話でのお問い合わせ。折り返し連絡を希望。",
    "先日ご購入いただいた件で、詳しく確認したいとのこと。",
    "店頭でご相談。後日ご連絡することになった。",
    "メールでのお問い合わせ。写真が添付されていた。",
)
NOTES = (
    "折り返しお電話しました。",
    "メーカーに確認中です。",
    "入荷しましたのでご連絡済み。",
    "ご来店の日時を決めました。",
    "担当者から改めてご連絡します。",
)
STATUSES = (("closed", 0.55), ("open", 0.2), ("in_progress", 0.15), ("waiting", 0.1))


def _staff(ctx: DemoContext) -> list[str]:
    ids = list(ctx.session.scalars(select(Staff.id).where(~Staff.deleted, Staff.active)))
    if ids:
        return ids
    rows: list[dict[str, Any]] = [
        {"id": new_id(), "name": n, "role": "staff", "active": True} for n in DEMO_STAFF
    ]
    ctx.session.execute(insert(Staff), rows)
    return [r["id"] for r in rows]


def run(ctx: DemoContext) -> None:
    rng, session = ctx.rng, ctx.session
    ensure_default_categories(session)
    categories = list(session.execute(select(InquiryCategory.id, InquiryCategory.name)))
    staff = _staff(ctx)
    db = session.info.get("db")
    stamp = {"hlc": db.clock.now().encode() if db else ""}
    known = list(
        session.execute(
            select(Customer.family_kana, Customer.phone1).where(
                Customer.id.in_(ctx.customer_ids[:500])
            )
        )
    )
    count = len(ctx.customer_ids) // 3
    now = min(datetime.combine(ctx.today, time(18, 0), tzinfo=zone()).astimezone(UTC), ctx.now)
    inquiries: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    for _ in range(count):
        category_id, category = rng.choice(categories)
        subject = rng.choice(SUBJECTS.get(category, SUBJECTS["その他"])).format(
            item=rng.choice(ITEMS)
        )
        body = rng.choice(BODIES)
        # in shop hours (the window's demo runs at any hour: 03:50 made a night of calls)
        received = shop_moment(ctx, ctx.today - timedelta(days=rng.randint(0, 180)))
        status = rng.choices([s for s, _ in STATUSES], [w for _, w in STATUSES])[0]
        row: dict[str, Any] = {
            "id": new_id(),
            **stamp,
            "deleted": False,
            "received_at": received,
            "channel": rng.choices(("phone", "counter", "email", "web", "other"), (6, 3, 2, 1, 1))[
                0
            ],
            "category_id": category_id,
            "subject": subject,
            "body": body,
            "status": status,
            "priority": rng.choices(("normal", "high", "low"), (7, 2, 1))[0],
            "assignee_id": rng.choice(staff) if rng.random() < 0.85 else None,
            "customer_id": None,
            "caller_name": "",
            "caller_phone": "",
            "closed_at": None,
            "follow_up_on": None,
        }
        if rng.random() < 0.1 or not ctx.customer_ids:
            kana, phone = rng.choice(known) if known and rng.random() < 0.5 else ("", "")
            row["caller_name"] = kana or rng.choice(("すずき", "たなか", "わたなべ", "いとう"))
            row["caller_phone"] = (
                phone or f"080-{rng.randint(0, 9999):04d}-{rng.randint(0, 9999):04d}"
            )
        else:
            row["customer_id"] = rng.choice(ctx.customer_ids)
        received_day = received.astimezone(zone()).date()
        if status == "closed":
            row["closed_at"] = min(received + timedelta(days=rng.randint(0, 10), hours=2), now)
        elif rng.random() < 0.8:
            follow = ctx.today + timedelta(days=rng.randint(-7, 10))
            row["follow_up_on"] = max(follow, received_day)
        texts = []
        for i in range(rng.choices((0, 1, 2, 3), (3, 4, 2, 1))[0]):
            text = rng.choice(NOTES)
            texts.append(text)
            notes.append(
                {
                    "id": new_id(),
                    **stamp,
                    "deleted": False,
                    "inquiry_id": row["id"],
                    "staff_id": row["assignee_id"],
                    "body": text,
                    "erased": False,
                    "noted_at": min(received + timedelta(hours=4 * (i + 1)), now),
                }
            )
        row["search_text"] = make_search_text(
            subject, body, texts, row["caller_name"], row["caller_phone"]
        )
        inquiries.append(row)
    if inquiries:
        session.execute(insert(Inquiry), inquiries)
    if notes:
        session.execute(insert(InquiryNote), notes)
    ctx.progress("inquiries", count, count)
    ctx.summary["inquiries"] = count
    ctx.summary["inquiry_notes"] = len(notes)
