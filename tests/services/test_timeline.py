"""The customer timeline: every kind of event, in order, filterable."""

from __future__ import annotations

from datetime import UTC, date, datetime

from crmdesk.services import inquiries, inquiry_categories
from crmdesk.services.customers import set_tags, update_customer
from crmdesk.services.timeline import customer_timeline
from crmdesk.store.models import (
    Campaign,
    CampaignRecipient,
    PointEntry,
    Purchase,
    PurchaseVoid,
)
from tests.helpers.factories import add_customer


def _at(day: int, hour: int = 3) -> datetime:
    return datetime(2026, 11, day, hour, 0, tzinfo=UTC)


def _history(session) -> tuple[str, str]:
    cid = add_customer(session)
    other = add_customer(session, phone1="090-9999-0000", given_name="次郎")
    sale = Purchase(customer_id=cid, amount=3300, items='[{"name": "湯呑み"}]', purchased_at=_at(2))
    session.add_all([sale, Purchase(customer_id=other, amount=999, purchased_at=_at(2))])
    session.flush()
    session.add(
        PointEntry(
            customer_id=cid, kind="earn", points=33, purchase_id=sale.id, occurred_at=_at(2, 4)
        )
    )
    session.add(PurchaseVoid(purchase_id=sale.id, reason="返品", voided_at=_at(4)))
    campaign = Campaign(name="冬のご案内", sent_on=date(2026, 11, 6))
    session.add(campaign)
    session.flush()
    session.add(CampaignRecipient(campaign_id=campaign.id, customer_id=cid))
    iid = inquiries.create_inquiry(
        session, {"customer_id": cid, "subject": "お取り寄せ", "channel": "counter"}, now=_at(8)
    ).inquiry_id
    inquiries.add_note(session, iid, "入荷しました", now=_at(10))
    update_customer(session, cid, {"phone1": "090-2222-3333", "notes": "甘いものが好き"})
    set_tags(session, cid, ["常連"])
    session.flush()
    return cid, iid


def test_everything_in_one_list_newest_first(session) -> None:
    cid, iid = _history(session)
    rows = customer_timeline(session, cid)
    kinds = [r.kind for r in rows]
    # the creation, update and tag changes are logged "now", after the November events
    assert kinds == [
        "change",
        "change",
        "change",
        "note",
        "inquiry",
        "mailing",
        "void",
        "points",
        "purchase",
    ]
    assert [r.when for r in rows] == sorted((r.when for r in rows), reverse=True)
    by_kind = {r.kind: r for r in rows}
    assert by_kind["purchase"].title == "お買い上げ ¥3,300"
    assert by_kind["purchase"].detail == "湯呑み"
    assert by_kind["void"].detail == "返品"
    assert by_kind["points"].title == "ポイント付与 +33 pt"
    assert by_kind["inquiry"].title == "問い合わせ（店頭）お取り寄せ"
    assert by_kind["inquiry"].detail == "未対応"
    assert by_kind["note"].ref_id == iid and by_kind["note"].detail == "入荷しました"
    assert by_kind["mailing"].title == "DM送付: 冬のご案内"
    assert by_kind["mailing"].when == datetime(2026, 11, 5, 15, 0, tzinfo=UTC)  # 6th, JST
    changes = [r for r in rows if r.kind == "change"]
    assert {c.title for c in changes} == {"顧客登録", "顧客情報を変更", "タグを変更"}
    update = next(c for c in changes if c.title == "顧客情報を変更")
    assert update.detail == "備考、電話番号1"  # field names only, never the values
    assert "090-2222-3333" not in "".join(r.detail + r.title for r in rows)


def test_filter_by_kind_and_limit(session) -> None:
    cid, _ = _history(session)
    rows = customer_timeline(session, cid, kinds=["purchase", "void", "points"])
    assert [r.kind for r in rows] == ["void", "points", "purchase"]
    assert [r.kind for r in customer_timeline(session, cid, kinds=["inquiry", "note"])] == [
        "note",
        "inquiry",
    ]
    assert len(customer_timeline(session, cid, limit=2)) == 2
    assert customer_timeline(session, cid, kinds=[]) == []


def test_another_customers_events_stay_off_the_card(session) -> None:
    cid, _ = _history(session)
    other = add_customer(session, phone1="080-1234-0000", given_name="三郎")
    assert [r.kind for r in customer_timeline(session, other)] == ["change"]
    assert all(r.title != "お買い上げ ¥999" for r in customer_timeline(session, cid))


def test_rows_carry_codes_and_parameters_not_sentences(session) -> None:
    cid, iid = _history(session)
    category = inquiry_categories.add_category(session, "取り寄せ")
    inquiries.update_inquiry(session, iid, {"category_id": category.id})
    session.flush()
    by_kind = {r.kind: r for r in customer_timeline(session, cid)}
    assert (by_kind["purchase"].event, dict(by_kind["purchase"].params)) == (
        "purchase",
        {"amount": 3300, "items": ["湯呑み"]},
    )
    assert dict(by_kind["void"].params) == {"amount": 3300, "reason": "返品"}
    assert (by_kind["points"].event, by_kind["points"].params["points"]) == ("earn", 33)
    assert dict(by_kind["inquiry"].params) == {
        "subject": "お取り寄せ",
        "status": "open",
        "channel": "counter",
        "category": "取り寄せ",
    }
    assert by_kind["inquiry"].detail == "未対応・取り寄せ"
    assert by_kind["note"].params["body"] == "入荷しました"
    assert dict(by_kind["mailing"].params) == {"campaign": "冬のご案内", "layout": "labels"}
    changes = {r.event: r for r in customer_timeline(session, cid, kinds=["change"])}
    assert set(changes) == {"customer.create", "customer.update", "customer.tags"}
    assert sorted(changes["customer.update"].params["fields"]) == ["notes", "phone1"]
    assert changes["customer.tags"].params["fields"] == []
    as_json = by_kind["points"].to_json()
    assert as_json["event"] == "earn" and as_json["params"]["points"] == 33
    assert as_json["title"] == "ポイント付与 +33 pt"  # plain Japanese stays for the CLI
