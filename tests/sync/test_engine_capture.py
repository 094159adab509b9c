"""The engine's own checks of capture: every table classified, triggers follow the models,
one outbox group per transaction, nothing captured before joining."""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlalchemy import text

from crmdesk.store.capture import TRIGGER_PREFIX, install_on
from crmdesk.store.synced import LINK, by_name, synced_tables, unclassified
from tests.helpers.branches import BranchFile

MakeBranch = Callable[..., BranchFile]


def outbox(branch: BranchFile) -> list[tuple[int, int, str, str, dict[str, object]]]:
    with branch.db.engine.connect() as conn:
        rows = conn.execute(text("SELECT id, tx, tbl, op, cols FROM sync_outbox ORDER BY id"))
        return [(i, tx, t, op, json.loads(c)) for i, tx, t, op, c in rows]


def capture_on(branch: BranchFile) -> None:
    with branch.db.transaction() as session:
        session.execute(text("UPDATE sync_flag SET capture = 1"))


def test_every_table_is_synced_or_named_local() -> None:
    assert unclassified() == []
    assert by_name()["customer_tag"].kind == LINK
    # search keys and FTS rowids are per file, never sent
    assert "search_rowid" not in by_name()["customer"].columns
    assert "search_text" in by_name()["customer"].local
    assert "hlc" not in by_name()["customer"].columns  # travels as the change's stamp


def test_an_unjoined_file_captures_nothing(make_branch: MakeBranch) -> None:
    a = make_branch("A")
    a.add_customer()
    assert outbox(a) == []


def test_one_group_per_transaction_and_only_changed_columns(make_branch: MakeBranch) -> None:
    a = make_branch("A")
    capture_on(a)
    with a.tx() as s:
        from tests.helpers.factories import add_customer

        first = add_customer(s, family_name="一")
        add_customer(s, family_name="二")
    a.edit(first, phone1="03-1234-5678")
    with a.db.engine.begin() as conn:  # a raw writer that does not restamp hlc
        conn.execute(text("UPDATE customer SET notes = 'x' WHERE id = :i"), {"i": first})
    rows = outbox(a)
    assert [r[3] for r in rows] == ["i", "i", "u", "u"]
    assert rows[0][1] == rows[1][1] != rows[2][1]  # one transaction, one group
    assert set(rows[2][4]) == {"phone1", "updated_at"}
    assert rows[3][4] == {"notes": "x"}
    with a.db.engine.connect() as conn:
        stamp = conn.execute(text("SELECT hlc FROM sync_outbox ORDER BY id DESC")).scalar()
    assert stamp is None  # unstamped: the push stamps it in order


def test_triggers_are_made_afresh_from_the_models(make_branch: MakeBranch) -> None:
    a = make_branch("A")
    with a.db.engine.begin() as conn:
        conn.execute(text(f"DROP TRIGGER {TRIGGER_PREFIX}customer_u"))
    install_on(a.db.engine)
    with a.db.engine.connect() as conn:
        names = set(
            conn.execute(
                text("SELECT name FROM sqlite_master WHERE type='trigger' AND name LIKE :p"),
                {"p": TRIGGER_PREFIX + "%"},
            ).scalars()
        )
    expected = set()
    for table in synced_tables():
        expected |= {f"{TRIGGER_PREFIX}{table.name}_i"}
        expected |= {f"{TRIGGER_PREFIX}{table.name}_{'d' if table.kind == LINK else 'u'}"}
    assert names == expected


def test_a_tag_removed_is_captured_as_a_removal(make_branch: MakeBranch) -> None:
    a = make_branch("A")
    cid = a.add_customer()
    capture_on(a)
    a.set_tags(cid, "VIP", "常連")
    a.set_tags(cid, "VIP")
    removals = [r for r in outbox(a) if r[2] == "customer_tag" and r[3] == "d"]
    assert len(removals) == 1 and removals[0][4]["customer_id"] == cid
