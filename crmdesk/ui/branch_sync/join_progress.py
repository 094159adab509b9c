"""The first download of a join: progress bar, time left, cancel (the join resumes later).

The join runs on the writer thread through ``api.join(..., progress=...)``; the engine
reports (phase, done, total) after each committed page, and a Cancel makes the next
report raise :class:`~crmdesk.ui.workers.Cancelled`, so the join stops at a page boundary
and the next "join" continues where it stopped.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from crmdesk.ui.workers import WRITER, Cancelled, Worker

CONTEXT = "JoinProgress"


class Estimate:
    """Time left from the pace so far: (total - done) / (done per second since start)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.started: float | None = None
        self.first_done = 0

    def seconds_left(self, done: int, total: int) -> float | None:
        now = self.clock()
        if self.started is None:
            self.started, self.first_done = now, done
            return None
        elapsed, gained = now - self.started, done - self.first_done
        if elapsed <= 0 or gained <= 0 or total <= 0:
            return None
        return max(total - done, 0) / (gained / elapsed)


def words_for_seconds(seconds: float | None) -> str:
    if seconds is None:
        return QCoreApplication.translate("JoinProgress", "残り時間を計算しています…")
    if seconds < 60:
        return QCoreApplication.translate("JoinProgress", "残り約{0}秒").format(
            max(int(round(seconds / 5) * 5), 5)
        )
    minutes = int(round(seconds / 60))
    if minutes < 60:
        return QCoreApplication.translate("JoinProgress", "残り約{0}分").format(minutes)
    return QCoreApplication.translate("JoinProgress", "残り約{0}時間{1}分").format(
        minutes // 60, minutes % 60
    )


PHASES = {
    "upload": QT_TRANSLATE_NOOP("JoinProgress", "ハブへ送信しています"),
    "download": QT_TRANSLATE_NOOP("JoinProgress", "ハブから受信しています"),
}


def phase_words(phase: str) -> str:
    for key, words in PHASES.items():
        if key in phase:
            return QCoreApplication.translate(CONTEXT, words)
    return QCoreApplication.translate("JoinProgress", "準備しています")


class JoinProgressDialog(QDialog):
    """Runs the join and shows how far it is. ``outcome`` is set when it ends:
    ``("done", result)``, ``("cancelled", None)`` or ``("failed", error)``."""

    ended = Signal()

    def __init__(self, job: Callable[[Callable[[str, int, int], None]], Any],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("JoinProgress", "店舗間同期に参加"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(420)
        self.phase = QLabel(QCoreApplication.translate("JoinProgress", "ハブに接続しています…"))
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.eta = QLabel("")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.cancel)
        layout = QVBoxLayout(self)
        for widget in (self.phase, self.bar, self.eta, self.buttons):
            layout.addWidget(widget)
        self.outcome: tuple[str, Any] | None = None
        self._estimate = Estimate()
        self._phase_name = ""
        holder: list[Worker] = []

        def report(phase: str, done: int, total: int) -> None:
            if holder[0].is_cancelled:
                raise Cancelled
            holder[0].signals.progress.emit(done, total, phase)

        self.worker = Worker(job, report)
        holder.append(self.worker)
        self.worker.signals.progress.connect(self._progress)
        self.worker.signals.finished.connect(lambda result: self._end("done", result))
        self.worker.signals.failed.connect(lambda error: self._end("failed", error))
        self.worker.signals.cancelled.connect(lambda: self._end("cancelled", None))

    def start(self) -> None:
        WRITER.start(self.worker)
        self.show()

    def _progress(self, done: int, total: int, phase: str) -> None:
        if phase != self._phase_name:
            self._phase_name, self._estimate = phase, Estimate()
        self.phase.setText(phase_words(phase))
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
            self.bar.setFormat(f"{done:,} / {total:,}")
        self.eta.setText(words_for_seconds(self._estimate.seconds_left(done, total)))

    def cancel(self) -> None:
        if self.outcome is None:
            self.worker.cancel()
            self.phase.setText(
                QCoreApplication.translate(
                    "JoinProgress", "中断しています…（ページの区切りで止まります）"
                )
            )
            self.buttons.setEnabled(False)

    def reject(self) -> None:  # Esc: cancel the join, the dialog closes when it stopped
        self.cancel()

    def _end(self, kind: str, value: Any) -> None:
        self.outcome = (kind, value)
        self.ended.emit()
        self.done(QDialog.DialogCode.Accepted if kind == "done" else QDialog.DialogCode.Rejected)
