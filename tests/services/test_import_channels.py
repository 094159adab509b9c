"""An imported list's 流入経路 column: headers and values as shops write them."""

from __future__ import annotations

import pytest

from crmdesk.core.import_fields import guess_mapping
from crmdesk.services import channels, customer_index, customers
from tests.services.test_importer import people, run, write


@pytest.mark.parametrize("header", ["来店きっかけ", "媒体", "紹介元", "流入経路", "Channel"])
def test_the_usual_headers_map_to_the_channel(header) -> None:
    assert guess_mapping(["氏名", header])[header] == "acquisition_channel"


def test_values_become_channels_and_unknown_ones_reject_their_row(db, tmp_path) -> None:
    with db.transaction() as s:
        channels.ensure_default_channels(s)
        channels.add_channel(s, "ホットペッパー")
        channels.set_channel_active(s, "DM", False)
    text = (
        "氏名,電話,来店きっかけ\n"
        "山田 花子,090-1111-0001,チラシ\n"
        "佐藤 由紀,090-1111-0002,ｲﾝｽﾀ\n"
        "鈴木 健,090-1111-0003,ホットペッパー\n"
        "高橋 美咲,090-1111-0004,テレビCM\n"
        "田中 一,090-1111-0005,\n"
        "伊藤 葵,090-1111-0006,DM\n"
        "渡辺 翔,090-1111-0007,walk-in\n"
    )
    result = run(db, write(tmp_path / "list.csv", text, "utf-8"))
    assert result.created == 6 and result.rejected == 1
    (reject,) = result.rejects
    assert (reject.row, reject.column, reject.code) == (5, "来店きっかけ", "unknown_channel_value")
    assert "テレビCM" in reject.message and "流入経路" in reject.message
    found = people(db)
    with db.transaction() as s:

        def channel_of(name: str) -> str | None:
            record = customers.customer_record(customer_index.get_customer(s, found[name].id))
            return record["channel"]["name"] if record["channel"] else None

        assert channel_of("山田 花子") == "チラシ"
        assert channel_of("佐藤 由紀") == "SNS"
        assert channel_of("鈴木 健") == "ホットペッパー"
        assert channel_of("田中 一") is None
        assert channel_of("伊藤 葵") == "DM"  # a retired channel: old lists record it
        assert channel_of("渡辺 翔") == "通りがかり"


def test_an_export_carries_the_channel_and_imports_back(db, tmp_path) -> None:
    import csv

    from crmdesk.services.export import export
    from crmdesk.services.staff import CLI_ACTOR
    from crmdesk.store.db import open_database

    with db.transaction() as s:
        from tests.helpers.factories import add_customer

        add_customer(s, channel_id="イベント")
        path = tmp_path / "customers.csv"
        export(s, CLI_ACTOR, "customers", path)
    with path.open(encoding="utf-8-sig", newline="") as f:
        (row,) = list(csv.DictReader(f))
    assert row["流入経路"] == "イベント"
    other = open_database(tmp_path / "other.sqlite3")
    try:
        result = run(other, path)
        assert result.created == 1 and result.rejected == 0
        (customer,) = people(other).values()
        with other.transaction() as s:
            record = customers.customer_record(customer_index.get_customer(s, customer.id))
        assert record["channel"]["name"] == "イベント"
    finally:
        other.close()
