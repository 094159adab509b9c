"""The shop's own name and return address, printed as the sender on postcards.

Kept in the database (settings key ``postcards.sender``), not on one computer, so every
branch prints the same sender and a backup keeps it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy.orm import Session

from crmdesk.core import validate
from crmdesk.core.errors import DomainError
from crmdesk.services import audit
from crmdesk.services.staff import Actor
from crmdesk.store.db import set_setting, setting

KEY = "postcards.sender"
FIELDS = ("name", "postal_code", "address", "phone")


@dataclass(frozen=True)
class ShopInfo:
    name: str
    postal_code: str  # 7 digits
    address: str
    phone: str = ""

    def to_json(self) -> dict[str, str]:
        return asdict(self)


def shop_info(session: Session) -> ShopInfo | None:
    value = setting(session, KEY)
    if not isinstance(value, dict) or not value.get("name"):
        return None
    return ShopInfo(**{f: str(value.get(f) or "") for f in FIELDS})


def set_shop_info(session: Session, values: Mapping[str, Any], *, actor: Actor) -> ShopInfo:
    """Change the return address (owner only). Fields not given keep their value."""
    actor.require("settings")
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise DomainError("unknown_field", field=sorted(unknown)[0])
    current = shop_info(session)
    merged = {**(current.to_json() if current else dict.fromkeys(FIELDS, "")), **values}
    errors = validate.FieldErrors()
    name = errors.check(validate.clean_required, merged["name"], "shop_name", max_length=100)
    postal = errors.check(validate.clean_postal_code, merged["postal_code"] or "")
    address = errors.check(validate.clean_optional, merged["address"], "address", max_length=200)
    phone = errors.check(validate.clean_phone, merged["phone"] or "")
    errors.raise_if_any()
    info = ShopInfo(name=name or "", postal_code=postal or "", address=address or "",
                    phone=phone or "")  # fmt: skip
    set_setting(session, KEY, info.to_json())
    audit.record(session, "settings.shop", entity="settings", actor=actor.audit_name,
                 staff_id=actor.staff_id, fields=sorted(values))  # fmt: skip
    return info
