"""Channels (流入経路), a customer's channel and referrer, and channel spend travel between
branches like every other synced row."""

from __future__ import annotations

from collections.abc import Callable

from crmdesk.services import channels, customer_index, customers
from tests.helpers.branches import BranchFile, assert_converged
from tests.helpers.sync_ops import full_round, sync


def channel_names(branch: BranchFile) -> list[str]:
    with branch.tx() as s:
        return [c.name for c in channels.list_channels(s, include_retired=True)]


def test_a_channel_and_a_customers_channel_set_on_a_reach_b(
    joined_branches: Callable[..., list[BranchFile]], hub: str
) -> None:
    a, b = joined_branches("A", "B")
    with a.tx() as s:
        channels.ensure_default_channels(s)
        channels.add_channel(s, "ホットペッパー")
        channels.set_spend(s, "ホットペッパー", "2026-10", 50000)
    with b.tx() as s:  # B starts the list apart, offline: the same rows, not two lists
        channels.ensure_default_channels(s)
    hanako = a.add_customer()
    yuki = a.add_customer(family_name="佐藤", given_name="由紀", phone1="090-2222-3333",
                          channel_id="ホットペッパー", referred_by_id=hanako)  # fmt: skip
    full_round(a, b)
    with b.tx() as s:
        record = customers.customer_record(customer_index.get_customer(s, yuki))
        spend = channels.spend_rows(s)
    assert record["channel"]["name"] == "ホットペッパー"
    assert record["referred_by"]["id"] == hanako and record["referred_by"]["referrals"] == 1
    assert spend == [{"month": "2026-10", "channel": "ホットペッパー", "yen": 50000}]
    assert channel_names(b) == channel_names(a)
    assert channel_names(b).count("紹介") == 1 and len(channel_names(b)) == 9
    # a rename on B and a retirement reach A; A's customer keeps her channel
    with b.tx() as s:
        channels.rename_channel(s, "ホットペッパー", "ホットペッパービューティー")
        channels.set_channel_active(s, "チラシ", False)
    sync(b, a)
    with a.tx() as s:
        record = customers.customer_record(customer_index.get_customer(s, yuki))
        assert "チラシ" not in [c.name for c in channels.list_channels(s)]
    assert record["channel"]["name"] == "ホットペッパービューティー"
    sync(b)
    assert_converged(a, b, hub)


def test_a_hub_from_before_channels_is_brought_up_by_hub_init(pg_server, hub_template) -> None:  # noqa: ANN001
    """The hub's data tables follow the models: ``hub init`` adds the channel tables and
    the customer's two columns to a hub made by the release before (no data lost)."""
    from crmdesk.core.errors import DomainError
    from crmdesk.sync import api

    url = pg_server.create_database("oldhub", template=hub_template)
    try:
        pg_server.execute(url, "DROP TABLE channel_spend")
        pg_server.execute(url, "DROP TABLE channel")
        pg_server.execute(url, "ALTER TABLE customer DROP COLUMN channel_id")
        pg_server.execute(url, "ALTER TABLE customer DROP COLUMN referred_by_id")
        pg_server.execute(
            url, "UPDATE hub_meta SET value = '0011_sync' WHERE key = 'data_revision'"
        )
        try:
            api.hub_status(url)
        except DomainError as error:
            assert error.code == "branch_schema_newer"
        else:
            raise AssertionError("an old hub was taken as current")
        api.init_hub(url)
        assert api.hub_status(url)
        columns = pg_server.execute(
            url, "SELECT table_name || '.' || column_name FROM information_schema.columns"
            " WHERE table_name IN ('channel', 'channel_spend', 'customer')"
        )  # fmt: skip
        found = {c for (c,) in columns}
        assert {"channel.name", "channel.active", "channel.sort_order", "channel_spend.yen",
                "channel_spend.month", "customer.channel_id",
                "customer.referred_by_id"} <= found  # fmt: skip
    finally:
        pg_server.drop_database(url)
