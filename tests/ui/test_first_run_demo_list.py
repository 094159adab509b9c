"""Demo data shows in the list as soon as it is generated (issue 17: it stayed empty
until something was typed, although the status bar said 500)."""

from __future__ import annotations

from typing import Any


def test_demo_customers_are_listed_without_typing(window: Any, qtbot: Any) -> None:
    assert window.model.rowCount() == 0  # an empty file: the list has been fetched, empty
    worker = window.files.load_demo_data(30)
    with qtbot.waitSignal(worker.signals.finished, timeout=60_000):
        pass
    qtbot.waitUntil(lambda: window.model.rowCount() == 30, timeout=5_000)
    assert window.ui.search_edit.text() == ""
    assert window.model.listing
