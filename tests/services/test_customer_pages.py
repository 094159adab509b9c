"""Keyset paging of the customer list: pages join up to exactly the whole ordered list."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.orm import Session

from crmdesk.core.errors import DomainError
from crmdesk.services import customer_index, customer_list, customers
from crmdesk.store.models import Customer
from tests.helpers.factories import add_customer

KANA = ["さとう", "さとう", "さとう", "あおき", "わだ", "さとう", "いとう", "あおき"]
POSTAL = ["1000001", "5300001", "1000001", "1000001", "0600000", "5300001", "1000001", "9000001"]


def shop(session: Session) -> dict[str, Any]:
    """23 customers with many ties (same kana, same postal code), 3 deleted, 2 with no first
    visit on record, numbers given out of kana order."""
    ids = []
    for i in range(23):
        ids.append(
            add_customer(
                session,
                customer_number=f"{(i * 7) % 23 + 1:04d}",
                family_kana=KANA[i % len(KANA)],
                given_kana="はなこ",
                postal_code=POSTAL[i % len(POSTAL)],
            )
        )
    deleted = {ids[1], ids[9], ids[16]}
    for customer_id in deleted:
        customers.delete_customer(session, customer_id)
    for customer_id in (ids[4], ids[11]):
        session.get(Customer, customer_id).first_visit = None  # from an old paper register
    session.flush()
    return {"ids": ids, "deleted": deleted}


def all_pages(session: Session, sort: str, descending: bool, limit: int) -> list[str]:
    seen: list[str] = []
    after = None
    for _ in range(100):
        page = customer_list.page_customers(
            session, sort=sort, descending=descending, after=after, limit=limit
        )
        assert len(page.customers) <= limit
        seen += [c.id for c in page.customers]
        if page.next_key is None:
            return seen
        after = page.next_key
    raise AssertionError("paging never ended")


@pytest.mark.parametrize("sort", sorted(customer_list.SORTS))
@pytest.mark.parametrize("descending", [False, True], ids=["up", "down"])
@pytest.mark.parametrize("limit", [1, 2, 3, 7, 20, 50])
def test_pages_join_up_to_the_whole_list(
    session: Session, sort: str, descending: bool, limit: int
) -> None:
    made = shop(session)
    whole = [
        c.id
        for c in customer_list.list_customers(session, sort=sort, descending=descending, limit=1000)
    ]
    paged = all_pages(session, sort, descending, limit)
    assert paged == whole
    assert len(paged) == 20 and not set(paged) & made["deleted"]


def test_kana_order_breaks_ties_by_customer_number(session: Session) -> None:
    """What a clerk sees: reading order, then the number, for people of the same reading."""
    shop(session)
    rows = [
        customer_index.get_customer(session, i) for i in all_pages(session, "kana", False, limit=3)
    ]
    shown = [(c.kana_key, c.customer_number) for c in rows]
    assert shown == sorted(shown)
    satos = [c.customer_number for c in rows if c.family_kana == "さとう"]
    assert len(satos) == 9 and satos == sorted(satos)
    down = all_pages(session, "kana", True, limit=4)
    assert down == [c.id for c in reversed(rows)]


def test_customers_without_a_first_visit_come_first_going_up_and_last_going_down(
    session: Session,
) -> None:
    made = shop(session)
    undated = {made["ids"][4], made["ids"][11]}
    assert set(all_pages(session, "first_visit", False, limit=1)[:2]) == undated
    assert set(all_pages(session, "first_visit", True, limit=1)[-2:]) == undated


def test_a_full_last_page_is_followed_by_an_empty_one(session: Session) -> None:
    shop(session)
    page = customer_list.page_customers(session, sort="number", limit=20)
    assert len(page.customers) == 20 and page.next_key == (page.customers[-1].customer_number,)
    rest = customer_list.page_customers(session, sort="number", after=page.next_key, limit=20)
    assert rest.customers == [] and rest.next_key is None


def test_an_unknown_sort_is_refused(session: Session) -> None:
    with pytest.raises(DomainError) as err:
        customer_list.page_customers(session, sort="shoe_size")
    assert err.value.code == "unknown_sort" and err.value.field == "sort"
