"""Each named permission, refused in the service for a role without it, allowed with it.

For every permission the same action runs twice on one real file: as a role holding
every *other* permission (refused: ``permission_denied`` naming the permission, nothing
written) and as a role holding just that one (allowed).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from crmdesk.core.errors import DomainError
from crmdesk.core.permissions import PERMISSIONS
from crmdesk.core.points import PointRules
from crmdesk.services import (
    audit,
    campaigns,
    customers,
    dupes,
    erasure,
    mailings,
    points,
    privacy,
    segments,
)
from crmdesk.services.export import export
from crmdesk.services.query import run_query
from crmdesk.services.shop import set_shop_info
from crmdesk.services.staff import Actor, add_role, add_staff
from crmdesk.store.models import AuditLog, Customer
from tests.helpers.factories import add_customer

Action = Callable[[Any, Actor, dict[str, str], Path], Any]


def _two(session: Any) -> dict[str, str]:
    a = add_customer(session, phone1="090-1111-2222", birthday=date(1984, 3, 3))
    b = add_customer(session, family_name="山田", given_name="花子", email="h@example.jp",
                     phone1="090-1111-2222")  # fmt: skip
    segments.save_segment(session, "全員", {"op": "and", "conditions": []})
    return {"a": a, "b": b}


def _points(s: Any, actor: Actor, ids: dict[str, str], _tmp: Path) -> Any:
    points.adjust_points(s, ids["a"], 10, "おわび", actor)
    return points.save_rules(s, PointRules(yen_per_point=200), actor)


ACTIONS: dict[str, Action] = {
    "export": lambda s, actor, ids, tmp: export(s, actor, "customers", tmp / "out.csv"),
    "bulk_print": lambda s, actor, ids, tmp: campaigns.create_campaign(
        s, "秋のDM", mailings.preview(s, "全員", actor=actor), actor=actor
    ),
    "erase": lambda s, actor, ids, tmp: erasure.erase_customer(s, ids["b"], actor=actor),
    "merge": lambda s, actor, ids, tmp: dupes.merge(s, ids["a"], ids["b"], actor=actor),
    "points_admin": _points,
    "settings": lambda s, actor, ids, tmp: set_shop_info(
        s, {"name": "山田商店", "postal_code": "1000001"}, actor=actor
    ),
    "view_full": lambda s, actor, ids, tmp: privacy.reveal(
        s, ids["a"], viewer=actor, approver=actor
    ),  # fmt: skip
    "audit": lambda s, actor, ids, tmp: audit.list_entries(s, actor=actor),
}


def _actor(*granted: str) -> Actor:
    return Actor(None, "係", "custom", permissions=frozenset(granted))


def _state(session: Any) -> tuple[Any, ...]:
    rows = session.execute(select(Customer.id, Customer.family_name, Customer.deleted)).all()
    return session.scalar(select(func.count()).select_from(AuditLog)), sorted(rows)


def test_every_permission_has_an_action_here() -> None:
    assert set(ACTIONS) | {"sync_settings"} == set(PERMISSIONS)


@pytest.mark.parametrize("permission", sorted(ACTIONS))
def test_refused_without_the_permission_and_allowed_with_it(db, tmp_path, permission) -> None:
    with db.transaction() as session:
        ids = _two(session)
    others = _actor(*(p for p in PERMISSIONS if p != permission))
    with pytest.raises(DomainError) as caught, db.transaction() as session:
        before = _state(session)
        ACTIONS[permission](session, others, ids, tmp_path)
    assert (caught.value.code, caught.value.field) == ("permission_denied", permission)
    assert permission in caught.value.message("en") or caught.value.message("ja")
    with db.transaction() as session:
        assert _state(session) == before  # nothing written
    assert not (tmp_path / "out.csv").exists()
    with db.transaction() as session:
        ACTIONS[permission](session, _actor(permission), ids, tmp_path)


def test_sync_settings_is_a_permission_the_sync_window_can_require() -> None:
    _actor("sync_settings").require("sync_settings")
    with pytest.raises(DomainError) as caught:
        _actor(*(p for p in PERMISSIONS if p != "sync_settings")).require("sync_settings")
    assert caught.value.field == "sync_settings"
    assert "同期の設定" in caught.value.message("ja")


def test_the_owners_sql_reports_need_export(db) -> None:
    with pytest.raises(DomainError) as caught:
        run_query(db.path, "SELECT 1", actor=_actor("audit"))
    assert caught.value.field == "export"
    assert run_query(db.path, "SELECT 1 AS one", actor=_actor("export")).rows == [{"one": 1}]


def test_an_owner_defined_role_signs_in_with_its_permissions(db) -> None:
    from crmdesk.services.staff import authenticate

    owner = Actor(None, "cli", "owner")
    with db.transaction() as session:
        add_staff(session, "店主", "owner", "2468")
        add_role(session, "会計", ["export", "points_admin"], actor=owner)
        add_staff(session, "経理", "会計", "1357", actor=owner)
    actor = authenticate(db, name="経理", pin="1357")
    assert actor.can("export") and actor.can("points_admin") and not actor.can("erase")
    with pytest.raises(DomainError) as caught, db.transaction() as session:
        customers.delete_customer(session, add_customer(session), actor=actor)
    assert caught.value.field == "erase"


def test_a_role_with_an_unknown_permission_is_refused_by_name(session) -> None:
    owner = Actor(None, "cli", "owner")
    with pytest.raises(DomainError) as caught:
        add_role(session, "係", ["export", "fly"], actor=owner)
    assert caught.value.code == "unknown_permission"
    assert "fly" in caught.value.message("ja")
    with pytest.raises(DomainError) as caught:
        add_role(session, "owner", [], actor=owner)
    assert caught.value.code == "role_exists"
    with pytest.raises(DomainError) as caught:
        add_role(session, "係", [], actor=Actor(None, "x", "staff"))
    assert caught.value.field == "settings"
