"""The shop's own name and return address, printed as the sender on postcards.

Kept in the database (settings key ``postcards.sender``), not on one computer: the one
home of the shop's name, which the window's title, the settings dialog, the CLI, the
postcards and the e-mail footer all read, and which a backup keeps.
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


def shop_name(session: Session) -> str:
    """The shop's name ("" when none is set yet)."""
    info = shop_info(session)
    return info.name if info else ""


def carry_over_name(session: Session, name: str) -> bool:
    """Adopt a shop name kept on this computer by an older crmdesk (QSettings), when the
    database has none yet. Not a person's action, so no permission is asked; it is
    audited as ``settings.shop`` like an edit. True when the name was written."""
    if shop_name(session):
        return False
    try:
        clean = validate.clean_required(name, "shop_name", max_length=100)
    except DomainError:
        return False  # blank or too long: nothing worth keeping
    current = setting(session, KEY)
    kept = current if isinstance(current, dict) else {}
    values = {f: str(kept.get(f) or "") for f in FIELDS} | {"name": clean}
    set_setting(session, KEY, values)
    audit.record(session, "settings.shop", entity="settings", actor="carry-over",
                 fields=["name"])  # fmt: skip
    return True
