"""A saved segment can be reopened from the menu and edited."""

from __future__ import annotations

from typing import Any

from crmdesk.services import segments
from crmdesk.ui.mailings.feature import open_saved_segment
from tests.helpers.factories import add_customer


def test_a_saved_segment_opens_in_the_builder(window: Any, db: Any, qtbot: Any) -> None:
    tree = {"op": "and", "conditions": [{"field": "prefecture", "cmp": "in", "value": ["東京都"]}]}
    with db.transaction() as s:
        add_customer(s)
        add_customer(s, phone1="090-2222-3333", prefecture="大阪府", city="大阪市北区",
                     postal_code="5300001", town="梅田")  # fmt: skip
        segments.save_segment(s, "東京のお客様", tree)
    titles = [a.text() for a in window.menu("tools").actions()]
    assert "保存したセグメントを開く…" in titles
    dialog = open_saved_segment(window, "東京のお客様")
    qtbot.addWidget(dialog)
    assert dialog.name_edit.text() == "東京のお客様"
    assert dialog.segment_id is not None
