"""The one model over plain rows, shared by the points, outlook and mailing lists."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from crmdesk.ui.rows_model import ROW_ROLE, RowsModel

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def test_figures_on_the_right_objects_behind_rows(qtmodeltester: Any) -> None:
    model = RowsModel(["日時", "金額", "ポイント", "メモ"])
    model.set_rows(
        [("2026/11/02 10:00", 3300, "+33", "湯呑み"), ("2026/11/03 09:00", 2_000, "-100", "")],
        ["first", "second"],
    )
    qtmodeltester.check(model)
    assert model.data(model.index(1, 1)) == "2,000"  # an amount as people read it
    assert model.data(model.index(0, 2), Qt.ItemDataRole.TextAlignmentRole) == RIGHT
    assert model.data(model.index(0, 1), Qt.ItemDataRole.TextAlignmentRole) == RIGHT
    assert model.data(model.index(0, 3), Qt.ItemDataRole.TextAlignmentRole) is None
    assert model.data(model.index(1, 0), ROW_ROLE) == "second"
    assert model.row_values(0)[1] == 3300
    assert model.headerData(1, Qt.Orientation.Horizontal) == "金額"


def test_without_objects_the_row_is_its_own_object(qtmodeltester: Any) -> None:
    model = RowsModel(["a", "b"])
    model.set_rows([("x", True), ("y",)])
    qtmodeltester.check(model)
    assert model.data(model.index(0, 1)) == "True"  # a flag is not a figure
    assert model.data(model.index(1, 1)) == ""  # a short row shows blank cells
    assert model.data(model.index(1, 0), model.ROW_ROLE) == ("y",)
    model.set_rows([])
    assert model.rowCount() == 0
