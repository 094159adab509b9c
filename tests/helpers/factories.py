"""Seeded factories for test data, written through the real services."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from crmdesk.services import customers

TODAY = date(2026, 11, 22)


def add_customer(session: Session, **values: Any) -> str:
    """A valid customer with sensible defaults; returns its id."""
    defaults: dict[str, Any] = {
        "family_name": "山田",
        "given_name": "花子",
        "family_kana": "やまだ",
        "given_kana": "はなこ",
        "postal_code": "1000001",
        "prefecture": "東京都",
        "city": "千代田区",
        "town": "千代田",
        "street": "1-1",
    }
    defaults.update(values)
    return customers.create_customer(session, defaults, today=TODAY).customer_id
