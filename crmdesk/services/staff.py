"""Staff and roles. Some actions are for the owner only (point rules, exports, erasure).

Every mutating service that needs to know who acts takes an :class:`Actor`. The CLI acts
as the owner (whoever can run it can read the file anyway); the window acts as the staff
member signed in, the owner by default when the shop has set no PINs.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from crmdesk.core.errors import DomainError, ValidationError
from crmdesk.store.models import Staff

ROLES = ("owner", "staff")


@dataclass(frozen=True)
class Actor:
    staff_id: str | None
    name: str
    role: str = "staff"

    @property
    def is_owner(self) -> bool:
        return self.role == "owner"

    def require_owner(self) -> None:
        if not self.is_owner:
            raise DomainError("owner_only")


CLI_ACTOR = Actor(staff_id=None, name="cli", role="owner")


def _hash_pin(pin: str, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, 100_000)
    return f"{salt.hex()}${digest.hex()}"


def add_staff(session: Session, name: str, role: str = "staff", pin: str = "") -> Staff:
    name = name.strip()
    if not name:
        raise ValidationError([DomainError("required", field="name")])
    if role not in ROLES:
        raise ValidationError([DomainError("invalid_role", field="role")])
    if pin and (not pin.isdigit() or not 4 <= len(pin) <= 8):
        raise ValidationError([DomainError("invalid_pin", field="pin")])
    staff = Staff(name=name, role=role, pin_hash=_hash_pin(pin) if pin else "")
    session.add(staff)
    session.flush()
    return staff


def verify_pin(staff: Staff, pin: str) -> bool:
    if not staff.pin_hash:
        return pin == ""
    salt, _, digest = staff.pin_hash.partition("$")
    return hmac.compare_digest(_hash_pin(pin, bytes.fromhex(salt)), staff.pin_hash)


def active_staff(session: Session) -> list[Staff]:
    query = select(Staff).where(Staff.active, ~Staff.deleted).order_by(Staff.name)
    return list(session.scalars(query))


def actor_for(staff: Staff) -> Actor:
    return Actor(staff_id=staff.id, name=staff.name, role=staff.role)
