"""The engine's own checks against a real PostgreSQL: hub schema, handshake refusals,
retention and re-snapshot, conflicts resolved, leave, credentials."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from crmdesk.core.errors import DomainError
from crmdesk.sync import api, hub
from tests.helpers.branches import BranchFile, assert_converged
from tests.helpers.pg import PgServer
from tests.helpers.sync_ops import full_round, join_all, sync, tick

MakeBranch = Callable[..., BranchFile]


def test_init_is_repeatable_and_refuses_another_applications_database(
    hub_url: str, pg_server: PgServer
) -> None:
    first = api.init_hub(hub_url)
    assert api.init_hub(hub_url) == first
    other = pg_server.create_database("other")
    pg_server.execute(other, "CREATE TABLE invoices (id int)")
    with pytest.raises(DomainError) as caught:
        api.init_hub(other)
    assert caught.value.code == "hub_not_crmdesk"
    pg_server.drop_database(other)


def test_numbers_come_from_each_branch_s_range(make_branch: MakeBranch, hub: str) -> None:
    a, b = make_branch("A"), make_branch("B")
    old = a.add_customer()  # made before joining: keeps its number
    join_all(hub, a, b)
    new_a, new_b = a.add_customer(), b.add_customer()
    card_a, card_b = a.issue_card(new_a), b.issue_card(new_b)
    full_round(a, b)
    numbers = {cid: b.customer(cid)["customer_number"] for cid in (old, new_a, new_b)}
    assert numbers[old] == "000001"
    assert numbers[new_a] == "1000000" and numbers[new_b] == "2000000"
    assert card_a.startswith("2401") and card_b.startswith("2402") and len(card_a) == 13
    assert_converged(a, b, hub)


def test_keep_mine_sends_the_lost_value_everywhere(make_branch: MakeBranch, hub: str) -> None:
    a, b = make_branch("A"), make_branch("B")
    cid = a.add_customer()
    join_all(hub, a, b)
    a.edit(cid, city="横浜市")
    tick()
    b.edit(cid, city="川崎市")  # later: wins
    full_round(a, b)
    (conflict,) = api.conflicts(a.db)
    assert (conflict["mine"], conflict["theirs"], conflict["theirs_branch"]) == (
        "横浜市",
        "川崎市",
        "B",
    )
    resolved = api.resolve(a.db, conflict["id"], "mine")
    assert resolved["resolved"] and api.conflicts(a.db) == []
    full_round(a, b)
    assert b.customer(cid)["city"] == "横浜市"
    assert_converged(a, b, hub)


def test_a_branch_away_longer_than_retention_resnapshots_once(
    make_branch: MakeBranch, hub: str, pg_server: PgServer
) -> None:
    a, b = make_branch("A"), make_branch("B")
    join_all(hub, a, b)
    cid = a.add_customer(family_name="長期")
    sync(a)
    # B is away: the hub prunes what A has (B counts as inactive after the period)
    pg_server.execute(
        hub, "UPDATE hub_branch SET last_seen = now() - interval '60 days' WHERE code = 'B'"
    )
    pg_server.execute(hub, "UPDATE hub_change SET at = now() - interval '60 days'")
    pruned = api.prune_hub(hub, days=30)
    assert pruned["pruned"] > 0
    first = api.sync_now(b.db)
    assert cid in b.customer_ids()
    second = api.sync_now(b.db)  # caught up: no second snapshot, nothing to do
    assert second["pulled"] == 0 and first["cursor"] == second["cursor"]
    assert_converged(a, b, hub)


def test_leave_keeps_every_row_and_stops_capture(make_branch: MakeBranch, hub: str) -> None:
    a = make_branch("A")
    cid = a.add_customer()
    join_all(hub, a)
    api.leave(a.db)
    assert cid in a.customer_ids()
    a.add_customer(family_name="後")
    assert api.status(a.db)["joined"] is False and api.status(a.db)["waiting"] == 0
    with pytest.raises(DomainError) as caught:
        api.sync_now(a.db)
    assert caught.value.code == "not_joined"
    join_all(hub, a)  # the same computer may join again under its code
    assert api.status(a.db)["joined"]


def test_failures_back_off_and_a_success_clears_them(make_branch: MakeBranch, hub: str) -> None:
    assert [api.retry_in(n) for n in (0, 1, 2, 3, 10)] == [0, 5, 10, 20, 300]
    a = make_branch("A")
    join_all(hub, a)
    from crmdesk.sync import faults

    with faults.armed("pull_page_read", exc=ConnectionError("cut"), times=1):
        a.add_customer()
        with pytest.raises(DomainError) as caught:
            api.sync_now(a.db)
    assert caught.value.code == "hub_unreachable"
    assert api.status(a.db)["retry_in"] == 5
    api.sync_now(a.db)
    assert api.status(a.db)["last_error"] is None and api.status(a.db)["retry_in"] == 0


def test_the_url_shown_never_has_the_password_and_remote_plain_hubs_warn() -> None:
    url = "postgresql://branch:s3cret@hub.example.jp:5432/shop"
    assert "s3cret" not in hub.redact(url)
    assert hub.is_local(hub.parse("postgresql://u@/db?host=/tmp/x"))
    assert hub.is_local(hub.parse("postgresql://u@127.0.0.1/db"))
    assert not hub.is_local(hub.parse(url))
    with pytest.raises(DomainError) as caught:
        hub.parse("mysql://u@h/db")
    assert caught.value.code == "hub_unreachable" and caught.value.field == "url"


def test_no_keyring_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring
    from keyring.backends.fail import Keyring as NoKeyring

    monkeypatch.setattr(keyring, "get_keyring", lambda: NoKeyring())
    keyring.set_keyring(NoKeyring())
    with pytest.raises(DomainError) as caught:
        api.save_password("postgresql://u@h/db", "pw")
    assert caught.value.code == "keyring_unavailable"
    assert "キーリング" in caught.value.message("ja")


def test_a_hub_made_before_revision_0019_loses_the_ledger_times_when_upgraded(
    hub_url: str, pg_server: PgServer, make_branch: MakeBranch
) -> None:
    api.init_hub(hub_url)
    # The hub as crmdesk made it for branch revision 0018: created_at/updated_at on the
    # ledgers (with column clocks), its own revision one back.
    for table in ("purchase", "purchase_void", "point_entry", "inquiry_note"):
        pg_server.execute(
            hub_url,
            f"ALTER TABLE {table} ADD COLUMN created_at TIMESTAMP, ADD COLUMN updated_at TIMESTAMP",
        )
    pg_server.execute(hub_url, "INSERT INTO hub_clock VALUES ('purchase', 'x', 'updated_at', 'h')")
    pg_server.execute(hub_url, "UPDATE crmdesk_hub_version SET version_num = 'h0001_hub'")
    pg_server.execute(
        hub_url, "UPDATE hub_meta SET value = '0018_list_order' WHERE key = 'data_revision'"
    )
    a = make_branch("A")
    with pytest.raises(DomainError) as caught:
        join_all(hub_url, a)
    assert caught.value.code == "branch_schema_newer"  # the owner is told to upgrade the hub

    api.init_hub(hub_url)
    columns = pg_server.execute(
        hub_url,
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE column_name IN ('created_at', 'updated_at')",
    )
    assert {t for t, _ in columns} >= {"customer"}
    assert not {t for t, _ in columns} & {"purchase", "purchase_void", "point_entry"}
    assert pg_server.execute(hub_url, "SELECT count(*) FROM hub_clock") == [(0,)]
    b = make_branch("B")
    join_all(hub_url, a, b)
    customer = a.add_customer(family_name="森")
    a.buy(customer, 3_000)
    full_round(a, b)
    assert_converged(a, b)
    assert b.balance(customer) == a.balance(customer) == 30
