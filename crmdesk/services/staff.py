"""Staff, roles and permissions: who acts, and what they may do.

Every service that needs to know who acts takes an :class:`Actor`; a service that needs a
permission calls :meth:`Actor.require` with its name (see
:mod:`crmdesk.core.permissions`), which raises ``permission_denied`` naming the
permission in ``field``. The window and the CLI only decide *which* actor acts:

- a shop without staff accounts works as before: everyone is the owner;
- once the owner has added accounts, people sign in with their PIN or staff card
  (:func:`authenticate`), and wrong tries make the next try wait (the back-off);
- the CLI acts as the ``--staff`` named, as the owner when the owner's PIN is given, and
  otherwise as plain staff (:func:`cli_actor`).

PINs are stored as scrypt hashes and staff cards as SHA-256 keys: staff rows sync to
the hub, and neither a PIN nor a card number ever leaves this computer.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from crmdesk.core.errors import DomainError, NotFoundError, ValidationError
from crmdesk.core.permissions import BUILTIN_ROLES, PERMISSIONS, unknown_permissions
from crmdesk.core.pins import card_key, check_pin, hash_pin, valid_pin, wait_seconds
from crmdesk.services import audit
from crmdesk.store.models import PinAttempt, Staff, StaffRole

ROLES = tuple(BUILTIN_ROLES)
#: Wrong tries older than this no longer count toward the back-off.
FORGET_AFTER = timedelta(minutes=15)


@dataclass(frozen=True)
class Actor:
    """Who acts. ``permissions`` None means the built-in role's own set."""

    staff_id: str | None
    name: str
    role: str = "staff"
    permissions: frozenset[str] | None = field(default=None, compare=False)

    @property
    def granted(self) -> frozenset[str]:
        if self.permissions is not None:
            return self.permissions
        return BUILTIN_ROLES.get(self.role, frozenset())

    @property
    def is_owner(self) -> bool:
        return self.role == "owner"

    def can(self, permission: str) -> bool:
        return permission in self.granted

    def require(self, permission: str) -> None:
        """Raise ``permission_denied`` (field = the permission) unless granted."""
        assert permission in PERMISSIONS, permission
        if not self.can(permission):
            raise DomainError("permission_denied", field=permission, permission=permission)

    @property
    def audit_name(self) -> str:
        """What the audit log's ``actor`` column holds: a staff member is their id only."""
        return "" if self.staff_id else self.name


CLI_ACTOR = Actor(staff_id=None, name="cli", role="owner")
#: The CLI in a shop with staff accounts, when no one signed in: plain counter work.
CLI_STAFF = Actor(staff_id=None, name="cli", role="staff")


# --- roles ------------------------------------------------------------------------
@dataclass(frozen=True)
class RoleInfo:
    name: str
    permissions: tuple[str, ...]
    builtin: bool

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "permissions": list(self.permissions), "builtin": self.builtin}


def role_permissions(session: Session, role: str) -> frozenset[str]:
    if role in BUILTIN_ROLES:
        return BUILTIN_ROLES[role]
    row = session.scalar(select(StaffRole).where(StaffRole.name == role, ~StaffRole.deleted))
    if row is None:
        raise ValidationError([DomainError("invalid_role", field="role", role=role)])
    return frozenset(json.loads(row.permissions))


def list_roles(session: Session) -> list[RoleInfo]:
    found = [RoleInfo(n, tuple(p for p in PERMISSIONS if p in s), True)
             for n, s in BUILTIN_ROLES.items()]  # fmt: skip
    rows = session.scalars(select(StaffRole).where(~StaffRole.deleted).order_by(StaffRole.name))
    for row in rows:
        granted = set(json.loads(row.permissions))
        found.append(RoleInfo(row.name, tuple(p for p in PERMISSIONS if p in granted), False))
    return found


def add_role(session: Session, name: str, permissions: Iterable[str], *, actor: Actor) -> RoleInfo:
    """An owner-defined role; ``permissions`` may be empty (same as staff)."""
    actor.require("settings")
    name = name.strip()
    wanted = list(dict.fromkeys(p.strip() for p in permissions if p.strip()))
    errors = []
    if not name or len(name) > 16:
        errors.append(DomainError("invalid_role_name", field="role"))
    elif name in BUILTIN_ROLES or session.scalar(
        select(StaffRole.id).where(StaffRole.name == name, ~StaffRole.deleted)
    ):
        errors.append(DomainError("role_exists", field="role", role=name))
    for unknown in unknown_permissions(wanted):
        errors.append(DomainError("unknown_permission", field="permission", permission=unknown))
    if errors:
        raise ValidationError(errors)
    ordered = [p for p in PERMISSIONS if p in wanted]
    row = StaffRole(name=name, permissions=json.dumps(ordered))
    session.add(row)
    session.flush()
    audit.record(session, "role.add", entity="staff_role", entity_id=row.id,
                 actor=actor.audit_name, staff_id=actor.staff_id, permissions=ordered)  # fmt: skip
    return RoleInfo(name, tuple(ordered), False)


# --- staff accounts ---------------------------------------------------------------
def active_staff(session: Session) -> list[Staff]:
    query = select(Staff).where(Staff.active, ~Staff.deleted).order_by(Staff.name)
    return list(session.scalars(query))


def has_staff(session: Session) -> bool:
    """False for a shop that has not added accounts yet: everyone is the owner.

    An account is a staff row that can sign in (a PIN or a card). Rows without either
    (assignees named before accounts existed, demo staff) do not count.
    """
    query = select(Staff.id).where(
        Staff.active, ~Staff.deleted, (Staff.pin_hash != "") | (Staff.card_hash != "")
    )
    return session.scalar(query.limit(1)) is not None


def find_staff(session: Session, name: str) -> Staff:
    query = select(Staff).where(Staff.name == name.strip(), Staff.active, ~Staff.deleted)
    staff = session.scalar(query)
    if staff is None:
        raise NotFoundError("staff_not_found", field="staff", name=name.strip())
    return staff


def actor_for(staff: Staff, session: Session | None = None) -> Actor:
    granted = role_permissions(session, staff.role) if session is not None else None
    return Actor(staff_id=staff.id, name=staff.name, role=staff.role, permissions=granted)


def _check_credentials(
    session: Session, role: str, pin: str, card: str, own_id: str | None
) -> list[DomainError]:
    errors: list[DomainError] = []
    if pin and not valid_pin(pin):
        errors.append(DomainError("invalid_pin", field="pin"))
    if card:
        key = card_key(card)
        taken = session.scalar(
            select(Staff.id).where(Staff.card_hash == key, Staff.active, ~Staff.deleted)
        )
        if taken is not None and taken != own_id:
            errors.append(DomainError("staff_card_taken", field="card"))
    return errors


def add_staff(
    session: Session,
    name: str,
    role: str = "staff",
    pin: str = "",
    *,
    card: str = "",
    actor: Actor = CLI_ACTOR,
) -> Staff:
    """A staff account. The first account must be an owner with a PIN (the shop's key)."""
    first = not has_staff(session)
    if not first:
        actor.require("settings")
    name = name.strip()
    errors: list[DomainError] = []
    if not name or len(name) > 100:
        errors.append(DomainError("required", field="name"))
    elif session.scalar(select(Staff.id).where(Staff.name == name, Staff.active, ~Staff.deleted)):
        errors.append(DomainError("staff_exists", field="name", name=name))
    try:
        role_permissions(session, role)
    except ValidationError as error:
        errors.extend(error.errors)
    errors += _check_credentials(session, role, pin, card, None)
    if first and (role != "owner" or not pin):
        errors.append(DomainError("first_staff_owner", field="role"))
    elif role == "owner" and not pin:
        errors.append(DomainError("owner_needs_pin", field="pin"))
    elif not pin and not card:
        errors.append(DomainError("pin_or_card", field="pin"))
    if errors:
        raise ValidationError(errors)
    staff = Staff(name=name, role=role, pin_hash=hash_pin(pin) if pin else "",
                  card_hash=card_key(card) if card else "")  # fmt: skip
    session.add(staff)
    session.flush()
    audit.record(session, "staff.add", entity="staff", entity_id=staff.id,
                 actor=actor.audit_name, staff_id=actor.staff_id, role=role)  # fmt: skip
    return staff


def edit_staff(
    session: Session,
    name: str,
    *,
    actor: Actor,
    new_name: str | None = None,
    role: str | None = None,
    pin: str | None = None,
    card: str | None = None,
) -> Staff:
    """Rename, change role, reset the PIN (the owner's way to help a forgotten PIN), or
    set the staff card ("" removes it)."""
    actor.require("settings")
    staff = find_staff(session, name)
    errors: list[DomainError] = []
    if new_name is not None:
        new_name = new_name.strip()
        if not new_name:
            errors.append(DomainError("required", field="name"))
        elif new_name != staff.name and session.scalar(
            select(Staff.id).where(Staff.name == new_name, Staff.active, ~Staff.deleted)
        ):
            errors.append(DomainError("staff_exists", field="name", name=new_name))
    if role is not None:
        try:
            role_permissions(session, role)
        except ValidationError as error:
            errors.extend(error.errors)
        if staff.role == "owner" and role != "owner" and _owners(session) == 1:
            errors.append(DomainError("last_owner", field="role"))
    errors += _check_credentials(session, role or staff.role, pin or "", card or "", staff.id)
    final_role = role or staff.role
    has_pin = bool(pin) or (pin is None and bool(staff.pin_hash))
    has_card = bool(card) or (card is None and bool(staff.card_hash))
    if final_role == "owner" and not has_pin:
        errors.append(DomainError("owner_needs_pin", field="pin"))
    elif not has_pin and not has_card:
        errors.append(DomainError("pin_or_card", field="pin"))
    if errors:
        raise ValidationError(errors)
    changed: list[str] = []
    if new_name is not None and new_name != staff.name:
        staff.name, changed = new_name, [*changed, "name"]
    if role is not None and role != staff.role:
        staff.role, changed = role, [*changed, "role"]
    if pin is not None:
        staff.pin_hash, changed = (hash_pin(pin) if pin else ""), [*changed, "pin"]
        session.execute(delete(PinAttempt).where(PinAttempt.key == staff.id))
    if card is not None:
        staff.card_hash, changed = (card_key(card) if card else ""), [*changed, "card"]
    audit.record(session, "staff.edit", entity="staff", entity_id=staff.id,
                 actor=actor.audit_name, staff_id=actor.staff_id, fields=changed)  # fmt: skip
    return staff


def retire_staff(session: Session, name: str, *, actor: Actor) -> Staff:
    actor.require("settings")
    staff = find_staff(session, name)
    if staff.role == "owner" and _owners(session) == 1:
        raise DomainError("last_owner", field="staff")
    staff.active = False
    audit.record(session, "staff.retire", entity="staff", entity_id=staff.id,
                 actor=actor.audit_name, staff_id=actor.staff_id)  # fmt: skip
    return staff


def _owners(session: Session) -> int:
    return sum(1 for s in active_staff(session) if s.role == "owner")


def staff_json(staff: Staff) -> dict[str, Any]:
    return {"id": staff.id, "name": staff.name, "role": staff.role,
            "pin": bool(staff.pin_hash), "card": bool(staff.card_hash),
            "active": staff.active}  # fmt: skip


# --- signing in -------------------------------------------------------------------
@dataclass(frozen=True)
class SignIn:
    """The outcome of one try: an actor, or the error to show (after it is recorded)."""

    actor: Actor | None
    error: DomainError | None = None


def try_sign_in(
    session: Session,
    *,
    name: str = "",
    card: str = "",
    pin: str = "",
    now: datetime | None = None,
) -> SignIn:
    """Check a name + PIN or a staff card, recording the try (the back-off's count).

    Returns the error instead of raising it, so the caller can commit the record of a
    wrong try; :func:`authenticate` does both.
    """
    now = now or datetime.now(UTC)
    staff: Staff | None
    if card:
        key = "card"
        staff = session.scalar(
            select(Staff).where(Staff.card_hash == card_key(card), Staff.active, ~Staff.deleted)
        )
        wrong = DomainError("unknown_staff_card", field="card")
    else:
        staff = session.scalar(
            select(Staff).where(Staff.name == name.strip(), Staff.active, ~Staff.deleted)
        )
        key = staff.id if staff is not None else "name"
        wrong = DomainError("wrong_pin", field="pin")
    attempt = session.get(PinAttempt, key)
    if attempt is not None and now - attempt.last_at > FORGET_AFTER:
        attempt.failures = 0  # an old run of wrong tries is forgiven
    if attempt is not None:
        wait = wait_seconds(attempt.failures)
        left = (attempt.last_at + timedelta(seconds=wait) - now).total_seconds()
        if left > 0:
            return SignIn(None, DomainError("pin_wait", field="pin", seconds=int(left + 0.999)))
    ok = staff is not None and (bool(card) or check_pin(pin, staff.pin_hash))
    if not ok or staff is None:
        if attempt is None:
            attempt = PinAttempt(key=key, failures=0, last_at=now)
            session.add(attempt)
        attempt.failures += 1
        attempt.last_at = now
        audit.record(session, "staff.sign_in_failed", entity="staff",
                     entity_id=staff.id if staff else None, by_card=bool(card))  # fmt: skip
        return SignIn(None, wrong)
    if attempt is not None:
        session.delete(attempt)
    actor = actor_for(staff, session)
    audit.record(session, "staff.sign_in", entity="staff", entity_id=staff.id,
                 staff_id=staff.id, by_card=bool(card))  # fmt: skip
    return SignIn(actor)


def authenticate(db: Any, *, name: str = "", card: str = "", pin: str = "",
                 now: datetime | None = None) -> Actor:  # fmt: skip
    """Sign in through ``db`` in its own transaction; raises the error after recording it."""
    with db.transaction() as session:
        result = try_sign_in(session, name=name, card=card, pin=pin, now=now)
    if result.error is not None:
        raise result.error
    assert result.actor is not None
    return result.actor


def authorize(db: Any, permission: str, *, name: str = "", card: str = "", pin: str = "") -> Actor:
    """Someone allowed ``permission`` confirms with their PIN or card (e.g. "show")."""
    approver = authenticate(db, name=name, card=card, pin=pin)
    approver.require(permission)
    return approver


def cli_actor(db: Any, staff_name: str | None, pin: str | None) -> Actor:
    """Who the CLI acts as: ``--staff`` (with its PIN), the owner when the shop has no
    accounts or the owner's PIN is given, else plain staff."""
    with db.reading() if hasattr(db, "reading") else db.transaction() as session:
        accounts = has_staff(session)
        owners = [s.name for s in active_staff(session) if s.role == "owner"]
    if staff_name:
        if not accounts:
            raise NotFoundError("staff_not_found", field="staff", name=staff_name)
        return authenticate(db, name=staff_name, pin=pin or "")
    if not accounts:
        return CLI_ACTOR
    if pin:
        for owner in owners:
            try:
                return authenticate(db, name=owner, pin=pin)
            except DomainError as error:
                if error.code == "pin_wait":
                    raise
        raise DomainError("wrong_pin", field="pin")
    return CLI_STAFF


def list_staff(session: Session, *, actor: Actor, include_retired: bool = False) -> list[Staff]:
    """The accounts, for the owner's staff screen (``settings`` permission)."""
    actor.require("settings")
    query = select(Staff).where(~Staff.deleted).order_by(Staff.name)
    if not include_retired:
        query = query.where(Staff.active)
    return list(session.scalars(query))
