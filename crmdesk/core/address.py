"""Who a mailing is addressed to, which addressees share a household, and an address
shown on one line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crmdesk.core.normalize import normalize_text, postal_digits


@dataclass(frozen=True)
class Addressee:
    """One label or postcard: everything printed, nothing else (plain data)."""

    postal_code: str  # 7 digits, no hyphen
    prefecture: str
    city: str
    town: str
    street: str
    building: str = ""
    company: str = ""
    department: str = ""
    name: str = ""  # "山田 花子"; empty for a company addressed as such
    joint_names: tuple[str, ...] = ()  # 連名: further given names or full names
    customer_number: str = ""
    customer_id: str = ""

    @property
    def honorific(self) -> str:
        """様 for a person; 御中 for a company or department without a person."""
        return "様" if self.name else "御中"

    @property
    def address(self) -> str:
        return f"{self.prefecture}{self.city}{self.town}{self.street}"


def household_key(a: Addressee) -> str:
    """Addressees with the same key live at the same address (one DM per household).

    The whole address, normalised (width, kana, dashes, spaces), building included;
    the company is part of it so two firms in one building are two households.
    """
    parts = (a.prefecture, a.city, a.town, a.street, a.building, a.company)
    return postal_digits(a.postal_code) + "|" + normalize_text("".join(parts))


def is_complete(a: Addressee) -> bool:
    """Enough to deliver: a 7-digit postal code, a city, a street part and a name."""
    return (
        len(postal_digits(a.postal_code)) == 7
        and bool(a.prefecture and a.city)
        and bool(a.town or a.street)
        and bool(a.name or a.company)
    )


def full_address(customer: Any) -> str:
    """The address on one line, as lists and the card show it: ``東京都中央区晴海2-22-3 晴海ビル``.

    ``customer`` is anything with prefecture, city, town, street and building (a Customer,
    a result row); the building is set apart by a space.
    """
    parts = [customer.prefecture, customer.city, customer.town, customer.street]
    line = "".join(p for p in parts if p)
    return f"{line} {customer.building}".strip() if customer.building else line
