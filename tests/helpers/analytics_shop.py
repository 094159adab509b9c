"""A small hand-built shop whose figures are worked out by hand in tests/services.

Times are UTC; the comments give the Tokyo (UTC+9) local time that decides the day.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.orm import Session

from crmdesk.store.models import (
    Branch,
    Campaign,
    CampaignRecipient,
    Customer,
    Inquiry,
    InquiryCategory,
    PointEntry,
    Purchase,
    PurchaseVoid,
    Setting,
)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[arg-type]


def build_shop(session: Session) -> dict[str, Any]:
    """Insert the shop; returns the ids by the short names the tests use."""
    a = Branch(code="A", name="本店")
    b = Branch(code="B", name="駅前店")
    session.add_all([a, b])
    session.flush()

    def customer(number: str, **values: Any) -> Customer:
        values.setdefault("created_at", utc(2025, 1, 1))
        c = Customer(customer_number=number, **values)
        session.add(c)
        return c

    c1 = customer("001", first_visit=date(2026, 2, 10), gender="female",
                  birthday=date(1990, 3, 31), prefecture="東京都", city="千代田区",
                  home_branch_id=a.id)  # fmt: skip
    c2 = customer("002", first_visit=date(2026, 3, 5), gender="male",
                  birthday=date(1980, 4, 1), prefecture="東京都", city="港区")  # fmt: skip
    c3 = customer("003", created_at=utc(2026, 3, 1), prefecture="神奈川県", city="横浜市")
    c4 = customer("004", first_visit=date(2025, 6, 1), gender="female",
                  birthday=date(2000, 1, 1))  # fmt: skip
    c5 = customer("005", first_visit=date(2025, 1, 1), deleted=True)
    customer("006", first_visit=date(2026, 4, 2), gender="male")
    session.flush()

    def buy(c: Customer | None, branch: Branch, amount: int, at: datetime) -> Purchase:
        p = Purchase(customer_id=c.id if c else None, branch_id=branch.id, amount=amount,
                     purchased_at=at)  # fmt: skip
        session.add(p)
        return p

    buy(c1, a, 1200, utc(2026, 2, 10, 3))  # Feb 10, c1's first visit
    buy(c1, a, 1000, utc(2026, 2, 28, 15))  # Mar 1 00:00 JST: March, not February
    buy(c1, a, 2000, utc(2026, 3, 1, 14, 59, 59))  # Mar 1 23:59:59: same visit
    buy(c1, b, 3000, utc(2026, 3, 15, 3))  # Mar 15, branch B
    buy(c2, a, 5000, utc(2026, 3, 5, 1))  # Mar 5, c2's first visit
    voided = buy(c2, a, 4000, utc(2026, 3, 10, 2))  # Mar 10, voided below
    buy(c3, b, 1500, utc(2026, 3, 20, 5))  # Mar 20, c3's first purchase
    buy(None, a, 800, utc(2026, 3, 31, 14, 59))  # Mar 31 23:59 JST, no customer
    buy(c2, a, 700, utc(2026, 3, 31, 15))  # Apr 1 00:00 JST: April
    buy(c4, a, 2500, utc(2025, 9, 1, 3))  # c4's last visit, long ago
    buy(c5, a, 600, utc(2026, 3, 12, 3))  # a deleted customer's purchase still sold
    session.flush()
    session.add(PurchaseVoid(purchase_id=voided.id, voided_at=utc(2026, 3, 10, 3)))

    def points(c: Customer, kind: str, n: int, at: datetime) -> None:
        session.add(PointEntry(customer_id=c.id, kind=kind, points=n, occurred_at=at))

    points(c1, "earn", 50, utc(2026, 2, 15))
    points(c4, "earn", 25, utc(2025, 9, 1))
    points(c1, "earn", 30, utc(2026, 3, 1, 0, 30))
    points(c1, "redeem", -20, utc(2026, 3, 15, 3))
    points(c2, "bonus", 100, utc(2026, 3, 5))
    points(c2, "adjust", -10, utc(2026, 3, 6))
    points(c1, "transfer", -5, utc(2026, 3, 10))
    points(c1, "transfer", 5, utc(2026, 3, 10))
    points(c4, "expire", -25, utc(2026, 3, 31, 14, 59, 59))  # Mar 31 23:59:59 JST
    points(c2, "earn", 40, utc(2026, 3, 31, 15))  # Apr 1 JST
    session.add(Setting(key="point_rules", value=json.dumps({"yen_per_point_redeemed": 2})))

    delivery = InquiryCategory(name="配送")
    goods = InquiryCategory(name="商品")
    session.add_all([delivery, goods])
    session.flush()

    def inquiry(cat: InquiryCategory | None, status: str, at: datetime, closed=None) -> None:
        session.add(Inquiry(category_id=cat.id if cat else None, status=status,
                            received_at=at, closed_at=closed, branch_id=a.id))  # fmt: skip

    inquiry(delivery, "closed", utc(2026, 3, 2), utc(2026, 3, 2, 6))  # 6 hours
    inquiry(delivery, "closed", utc(2026, 3, 3), utc(2026, 3, 4))  # 24 hours
    inquiry(goods, "open", utc(2026, 3, 10))
    inquiry(None, "closed", utc(2026, 3, 31, 14), utc(2026, 4, 1, 2))  # 12 hours
    inquiry(goods, "open", utc(2026, 2, 28, 15, 30))  # Mar 1 00:30 JST
    inquiry(goods, "open", utc(2026, 2, 28, 14, 30))  # Feb 28 23:30 JST

    spring = Campaign(name="春のDM", sent_on=date(2026, 3, 1))
    late = Campaign(name="月末DM", sent_on=date(2026, 3, 25))
    feb = Campaign(name="2月DM", sent_on=date(2026, 2, 20))
    session.add_all([spring, late, feb])
    session.flush()
    for camp, who in ((spring, [c1, c2, c4]), (late, [c3]), (feb, [c1])):
        for pos, c in enumerate(who):
            session.add(CampaignRecipient(campaign_id=camp.id, customer_id=c.id, position=pos))
    session.flush()
    return {"A": a.id, "B": b.id, "c1": c1.id, "c2": c2.id, "c3": c3.id}
