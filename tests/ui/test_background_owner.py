"""A background job that ends after its window was closed touches nothing."""

from __future__ import annotations

import time
from typing import Any

import shiboken6
from PySide6.QtWidgets import QLabel

from crmdesk.ui.workers import run_in_background


def slow_count() -> int:
    time.sleep(0.3)
    return 42


def test_results_for_a_closed_window_are_dropped(qtbot: Any) -> None:
    label = QLabel()
    shown: list[int] = []

    def show(count: int) -> None:
        shown.append(count)
        label.setText(str(count))  # would raise on a deleted label

    worker = run_in_background(slow_count, on_done=show, owner=label)
    label.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(label), timeout=2000)
    with qtbot.waitSignal(worker.signals.finished, timeout=3000):
        pass
    qtbot.wait(50)
    assert shown == []


def test_results_reach_a_window_still_open(qtbot: Any) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    worker = run_in_background(slow_count, on_done=lambda n: label.setText(str(n)), owner=label)
    with qtbot.waitSignal(worker.signals.finished, timeout=3000):
        pass
    qtbot.waitUntil(lambda: label.text() == "42", timeout=1000)
