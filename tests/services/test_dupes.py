"""名寄せ: finding pairs, merging with purchases, points, cards and inquiries, undoing."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from crmdesk.core.errors import DomainError
from crmdesk.services import customer_index, dupes
from crmdesk.services.search import search_customers
from crmdesk.store.models import (
    AuditLog,
    Campaign,
    CampaignRecipient,
    Inquiry,
    MergeUndo,
    PointCard,
    PointEntry,
    Purchase,
)
from tests.helpers.factories import add_customer

NOW = datetime(2026, 11, 1, 3, tzinfo=UTC)


def shop_history(session, customer_id: str, card: str, amount: int) -> None:
    card_row = PointCard(card_number=card, customer_id=customer_id, issued_at=NOW)
    session.add(card_row)
    session.flush()
    purchase = Purchase(customer_id=customer_id, card_id=card_row.id, amount=amount,
                        purchased_at=NOW)  # fmt: skip
    session.add(purchase)
    session.flush()
    points = amount // 100
    session.add(PointEntry(customer_id=customer_id, card_id=card_row.id, kind="earn",
                           points=points, purchase_id=purchase.id, occurred_at=NOW))  # fmt: skip
    session.add(Inquiry(customer_id=customer_id, received_at=NOW, subject="在庫の問い合わせ"))
    session.flush()


def balance(session, customer_id: str) -> int:
    query = select(func.coalesce(func.sum(PointEntry.points), 0))
    return session.scalar(query.where(PointEntry.customer_id == customer_id))


@pytest.fixture
def pair(db):
    with db.transaction() as session:
        return _pair(session)


def _pair(session):
    a = add_customer(session, phone1="090-1111-2222", email="", birthday="1980-02-03",
                     customer_number="000001")  # fmt: skip
    b = add_customer(session, family_name="山田", given_name="花子", phone1="09011112222",
                     email="hanako@example.jp", birthday="1980-02-03", street="1-1",
                     customer_number="000002")  # fmt: skip
    add_customer(session, family_name="別人", given_name="様", family_kana="べつじん",
                 given_kana="さま", phone1="03-5555-6666", customer_number="000003")  # fmt: skip
    shop_history(session, a, "1001", 3000)
    shop_history(session, b, "1002", 5000)
    campaign = Campaign(name="秋のDM", sent_on=date(2026, 10, 1))
    session.add(campaign)
    session.flush()
    session.add(CampaignRecipient(campaign_id=campaign.id, customer_id=b))
    session.flush()
    return a, b


def test_the_finder_scores_likely_pairs(db, pair) -> None:
    a, b = pair
    with db.transaction() as session:
        found = dupes.find_pairs(session)
    assert len(found) == 1
    top = found[0]
    assert {top.a_id, top.b_id} == {a, b}
    assert set(top.reasons) == {"phone", "birthday", "kana", "name", "address"}
    assert top.score == 100


def test_merge_moves_history_and_undo_puts_it_back(db, pair) -> None:
    a, b = pair
    with db.transaction() as session:
        result = dupes.merge(session, a, b, {"email": "b"})
    assert result.moved == {"purchase": 1, "point_entry": 1, "point_card": 1, "inquiry": 1,
                            "campaign_recipient": 1}  # fmt: skip
    with db.transaction() as session:
        survivor = customer_index.get_customer(session, a)
        assert survivor.email == "hanako@example.jp"
        assert balance(session, a) == 80 and balance(session, b) == 0
        assert sorted(c.card_number for c in survivor.cards) == ["1001", "1002"]
        assert customer_index.get_by_card(session, "1002").id == a
        assert session.scalar(select(func.count()).where(Inquiry.customer_id == a)) == 2
        gone = customer_index.get_customer(session, b, include_deleted=True)
        assert gone.deleted and gone.merged_into_id == a
        hits = search_customers(session, "hanako@example.jp")
        assert [h.id for h in hits] == [a]
        entry = session.scalars(select(AuditLog).where(AuditLog.action == "customer.merge")).one()
        assert entry.id == result.merge_id and entry.entity_id == a
        assert "hanako" not in entry.detail and "山田" not in entry.detail
        assert json.loads(entry.detail)["fields"] == ["email"]

    with db.transaction() as session:
        dupes.undo(session, result.merge_id)
    with db.transaction() as session:
        survivor = customer_index.get_customer(session, a)
        other = customer_index.get_customer(session, b)
        assert survivor.email == "" and other.email == "hanako@example.jp"
        assert balance(session, a) == 30 and balance(session, b) == 50
        assert [c.card_number for c in survivor.cards] == ["1001"]
        assert [c.card_number for c in other.cards] == ["1002"]
        assert session.scalar(select(func.count()).where(Inquiry.customer_id == b)) == 1
        recipient = session.scalars(select(CampaignRecipient)).one()
        assert recipient.customer_id == b
        assert other.merged_into_id is None
        assert session.scalar(select(func.count()).select_from(MergeUndo)) == 0
        assert {h.id for h in search_customers(session, "090-1111-2222")} == {a, b}
    with db.transaction() as session, pytest.raises(DomainError) as caught:
        dupes.undo(session, result.merge_id)
    assert caught.value.code == "merge_not_found"


def test_bad_merges_change_nothing(db, pair) -> None:
    a, b = pair
    for survivor, other, choices, code in [
        (a, a, {}, "same_customer"),
        (a, b, {"email": "c"}, "invalid_choice"),
        (a, b, {"customer_number": "b"}, "unknown_field"),
        (a, "nope", {}, "customer_not_found"),
    ]:
        with pytest.raises(DomainError) as caught, db.transaction() as session:
            dupes.merge(session, survivor, other, choices)
        assert caught.value.code == code
    with db.transaction() as session:
        assert not customer_index.get_customer(session, b).deleted
        assert balance(session, b) == 50


def test_a_consent_travels_with_its_address(db) -> None:
    """Issue 12's 9: --take email=b kept A's email consent for B's address."""
    with db.transaction() as s:
        a = add_customer(
            s, email="old@example.jp", email_consent=False, phone1="0311112222", dm_consent=True
        )
        b = add_customer(
            s, email="new@example.jp", email_consent=True, phone1="0322223333",
            postal_code="1500001", prefecture="東京都", city="渋谷区", town="神宮前",
            street="1-1", dm_consent=False,
        )  # fmt: skip
        dupes.merge(s, a, b, {"email": "b"})
        merged = customer_index.get_customer(s, a)
        assert (merged.email, merged.email_consent) == ("new@example.jp", True)
        assert merged.dm_consent is True  # A's address stayed, and so did its consent
    with db.transaction() as s:
        c = add_customer(s, email="c@example.jp", email_consent=True, phone1="0333334444")
        d = add_customer(s, email="d@example.jp", email_consent=False, phone1="0344445555",
                         postal_code="1500001", town="神宮前", dm_consent=False)  # fmt: skip
        dupes.merge(s, c, d, {"postal_code": "b", "town": "b", "email_consent": "a"})
        merged = customer_index.get_customer(s, c)
        assert merged.dm_consent is False  # B's address came with B's DM consent
        assert merged.email_consent is True  # an explicit choice is kept
