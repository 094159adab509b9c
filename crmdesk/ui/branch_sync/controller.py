"""Sync in the background, without anyone thinking about it.

One :class:`SyncController` per main window. It syncs a few seconds after the last write
(debounced), every few minutes, and sooner again while the hub is out of reach (backing
off); each sync runs off the UI thread, so the counter's typing never waits for the
network: in a process of its own (:mod:`.sync_process`), where the sync's Python work
cannot hold the window's interpreter lock either. The writer thread
(:data:`crmdesk.ui.workers.WRITER`) is the fallback: for a file opened by URL, when the
child cannot start or has no ``sync now`` (a build without the CLI; from then on for
this window), and when ``hub/sync_process`` is 0. After each
look it updates :attr:`view` and emits :attr:`changed`; the status bar words it. On quit,
:meth:`final_push` sends what is waiting within a short time limit.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QApplication

from crmdesk.ui.branch_sync import hub_config
from crmdesk.ui.branch_sync.state import SyncError, SyncView, parse_time
from crmdesk.ui.branch_sync.sync_process import NICENESS as NICE
from crmdesk.ui.branch_sync.sync_process import Answer, SyncProcess, SyncProcessError
from crmdesk.ui.branch_sync.write_watch import WriteWatcher, quiet
from crmdesk.ui.workers import WRITER, Cancelled, Worker

log = logging.getLogger(__name__)

STATUS_DELAY_MS = 300  # the waiting count follows a write this quickly
RETRY_MAX_S = 300.0  # offline: try again after hub/retry_seconds, doubling up to 5 min
STARTUP_S = 5.0  # at quit: what the sync process may take to start, on top of the limit


def sync_api() -> Any:
    from crmdesk.sync import api

    return api


@dataclass(frozen=True)
class Outcome:
    """What one background sync brought back (built on the worker thread)."""

    status: dict[str, Any]
    result: dict[str, Any] | None = None
    error: BaseException | None = None
    cancelled: bool = False
    at: datetime | None = None


def run_sync(db: Any, worker: Worker | None = None, deadline: float | None = None) -> Outcome:
    """Push and pull once (on a worker thread); never raises for what a person can act on.

    The engine reports progress between batches: there the job stops when its worker was
    cancelled or ``deadline`` (``time.monotonic()``) passed; what went through stays.
    """
    api = sync_api()

    def progress(phase: str, done: int, total: int) -> None:
        if worker is not None:
            if worker.is_cancelled:
                raise Cancelled
            worker.signals.progress.emit(done, total, phase)
        if deadline is not None and time.monotonic() > deadline:
            raise Cancelled

    at = datetime.now(UTC)
    with quiet():
        try:
            result = api.sync_now(db, progress=progress)
        except Cancelled:
            return Outcome(look(db), cancelled=True, at=at)
        except Exception as error:  # shown in the status bar with its reason
            if not _is_domain(error):
                log.exception("sync failed")
            return Outcome(look(db), error=error, at=at)
        return Outcome(look(db), result=result, at=at)


def look(db: Any) -> dict[str, Any]:
    """``api.status`` (local, no network), and this computer's branch remembered for the
    purchases and inquiries made here (:mod:`crmdesk.services.branch_here`), in case the
    join did not write it (requested of the engine: SYNC_BUGS.md, h15 request 7)."""
    from crmdesk.services import branch_here
    from crmdesk.sync.status import status as read_status  # not the engine: see its module

    status = dict(read_status(db))
    branch_id = status.get("branch_id") if status.get("joined") else None
    if branch_id:
        with db.sessions() as session:
            known = branch_here.current_branch_id(session)
        if known != branch_id:
            with quiet(), db.transaction() as session:
                branch_here.set_current_branch(session, str(branch_id))
    return status


def _unusable(answer: Answer) -> bool:
    return isinstance(answer.error, SyncProcessError) and answer.error.unusable


def _is_domain(error: BaseException) -> bool:
    from crmdesk.core.errors import DomainError

    return isinstance(error, DomainError)


class SyncController(QObject):
    changed = Signal()  # :attr:`view` changed
    synced = Signal(object)  # an :class:`Outcome` of a finished sync
    progress = Signal(int, int, str)  # a running sync: done, total, phase
    _wrote = Signal()  # from any thread: a commit wrote something

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.db: Any = None
        self.view = SyncView()
        self.history: deque[Outcome] = deque(maxlen=50)
        self.worker: Worker | SyncProcess | None = None
        #: Sync in a child process (:mod:`.sync_process`) unless ``hub/sync_process`` is 0
        #: (see :func:`hub_config.sync_in_process`) or the child could not start; else
        #: on the writer thread. The bench measures both.
        self.use_process = hub_config.sync_in_process()
        self._again = False
        self._quitting = False
        self._retry_s = hub_config.timing().retry_seconds
        self._watcher: WriteWatcher | None = None
        self._status_worker: Any = None
        self._debounce = QTimer(self, singleShot=True)
        self._debounce.timeout.connect(self.sync_now)
        self._periodic = QTimer(self)
        self._periodic.timeout.connect(self.sync_now)
        self._retry = QTimer(self, singleShot=True)
        self._retry.timeout.connect(self.sync_now)
        self._status_soon = QTimer(self, singleShot=True, interval=STATUS_DELAY_MS)
        self._status_soon.timeout.connect(self.refresh_status)
        self._wrote.connect(self._on_write, Qt.ConnectionType.QueuedConnection)
        self.apply_timing()

    # --- set-up -------------------------------------------------------------------
    def apply_timing(self) -> None:
        """(Re)read ``hub/`` timing from the settings."""
        timing = hub_config.timing()
        self._retry_s = timing.retry_seconds
        self._debounce.setInterval(int(timing.debounce_seconds * 1000))
        self._periodic.stop()
        if timing.interval_minutes > 0:
            self._periodic.setInterval(int(timing.interval_minutes * 60_000))
            if self.view.joined:
                self._periodic.start()

    def attach(self, db: Any) -> None:
        """Follow ``db`` (at start and after File > Open); the same file again only
        refreshes the status (the settings dialog re-announces the file on OK)."""
        if db is not None and db is self.db:
            self.refresh_status()
            return
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None
        self.db = db
        self.view = SyncView()
        self.history.clear()
        self._debounce.stop()
        self._retry.stop()
        self._periodic.stop()
        if db is None:
            return
        self._watcher = WriteWatcher(db, self._wrote.emit)
        self.refresh_status()

    # --- state --------------------------------------------------------------------
    def refresh_status(self) -> None:
        """Read ``api.status`` (local, no network) off the UI thread and show it."""
        from crmdesk.ui.workers import run_in_background

        db = self.db
        if db is None:
            return
        self._status_worker = run_in_background(
            lambda: (db, look(db)),
            on_done=self._show_status,
            on_error=lambda error: log.warning("sync status: %s", type(error).__name__),
            owner=self,
        )

    def _show_status(self, answer: tuple[Any, dict[str, Any]]) -> None:
        db, status = answer
        if db is not self.db:
            return  # another file was opened meanwhile
        was_joined = self.view.joined
        self.view = self._with_status(self.view, status)
        if self.view.joined and not was_joined:
            self.apply_timing()
            self._debounce.start()  # catch up soon after the window opens
        elif not self.view.joined:
            self._periodic.stop()
        self.changed.emit()

    @staticmethod
    def _with_status(view: SyncView, status: dict[str, Any]) -> SyncView:
        return replace(
            view,
            joined=bool(status.get("joined")),
            joining=bool(status.get("joining")),
            conflicts=int(status.get("conflicts") or 0),
            waiting=int(status.get("waiting") or 0),
            last_sync_at=parse_time(status.get("last_sync_at")) or view.last_sync_at,
            branch_code=str(status.get("branch_code") or ""),
            hub=str(status.get("hub") or ""),
        )

    def _on_write(self) -> None:
        if not self.view.joined:
            return
        self._status_soon.start()
        self._debounce.start()

    # --- syncing --------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.worker is not None

    def sync_now(self) -> Worker | None:
        """Start a sync unless one runs (then one more follows it). Returns the worker."""
        self._debounce.stop()
        self._retry.stop()
        if self.db is None or not self.view.joined:
            return None
        if self.worker is not None:
            self._again = True
            return self.worker
        return self._start(deadline=None)

    def _start(self, deadline: float | None) -> Worker | SyncProcess:
        db = self.db
        if self.use_process and db.path is not None:
            limit = None if deadline is None else deadline - time.monotonic()
            # the last push at quit goes at the window's own priority: nobody types then
            job = SyncProcess(
                db.path,
                self,
                time_limit=limit,
                niceness=0 if deadline is not None else hub_config.sync_niceness(NICE),
            )
            job.progress.connect(self.progress)
            job.ended.connect(lambda answer: self._process_ended(job, db, answer))
            self._begin(job)
            job.start()
            return job
        holder: list[Worker] = []
        worker = Worker(lambda: run_sync(db, holder[0], deadline))
        holder.append(worker)
        worker.signals.progress.connect(self.progress)
        # the window (and this controller) may be gone when a sync ends: then nothing to show
        worker.signals.finished.connect(
            lambda outcome: shiboken6.isValid(self) and self._finished(worker, db, outcome)
        )
        worker.signals.failed.connect(
            lambda error: shiboken6.isValid(self) and self._crashed(worker, error)
        )
        self._begin(worker)
        WRITER.start(worker)
        return worker

    def _begin(self, job: Worker | SyncProcess) -> None:
        self.worker = job
        self.view = replace(self.view, running=True)
        self.changed.emit()

    def _process_ended(self, job: SyncProcess, db: Any, answer: Answer) -> None:
        """The child ended: read where things stand (local, off the UI thread), show it."""
        from crmdesk.ui.workers import run_in_background

        job.deleteLater()
        if _unusable(answer):  # no child here: this window syncs on its thread from now on
            self.use_process = False
            if job is self.worker:
                self.worker = None
                if not self._quitting:  # final_push starts its own
                    self._start(deadline=None)
            return
        if answer.error is not None and not _is_domain(answer.error):
            log.error("background sync: %s", answer.error)

        def show(status: dict[str, Any]) -> None:
            outcome = Outcome(status, answer.result, answer.error, answer.stopped, job.at)
            self._finished(job, db, outcome)

        self._status_worker = run_in_background(
            look, db, on_done=show, on_error=lambda error: self._crashed(job, error), owner=self
        )

    def _finished(self, worker: Worker | SyncProcess, db: Any, outcome: Outcome) -> None:
        if worker is self.worker:
            self.worker = None
        if db is not self.db:
            return
        self.history.appendleft(outcome)
        view = self._with_status(self.view, outcome.status)
        now = outcome.at or datetime.now(UTC)
        if outcome.error is not None:
            error = SyncError.of(outcome.error)
            self.view = view.failed(error, now)
            if error.offline:
                self._retry.start(int(self._retry_s * 1000))
                self._retry_s = min(self._retry_s * 2, RETRY_MAX_S)
        else:
            self.view = replace(view.succeeded(), running=False)
            self._retry_s = hub_config.timing().retry_seconds
        self.changed.emit()
        self.synced.emit(outcome)
        if outcome.result and (outcome.result.get("pulled") or 0) > 0:
            self._show_pulled_changes()
        if self._again:
            self._again = False
            self.sync_now()

    def _crashed(self, worker: Worker | SyncProcess, error: Exception) -> None:
        """``api.status`` itself failed (a bug): say so, keep the window working."""
        if worker is self.worker:
            self.worker = None
        self.view = self.view.failed(SyncError.of(error), datetime.now(UTC))
        self.changed.emit()

    def _show_pulled_changes(self) -> None:
        """Rows came from other branches: the list (read off the UI thread) and the open
        unedited cards show them, one card per turn of the event loop, and the keyboard
        stays where the person is typing (a card's reload puts it in its first field)."""
        window = self.window
        window.refresh()
        cards = [
            card
            for card in list(getattr(window, "cards", {}).values())
            if getattr(card, "customer_id", None)
        ]
        for card in cards:
            QTimer.singleShot(0, self, lambda card=card: self._reload_card(card))

    @staticmethod
    def _reload_card(card: Any) -> None:
        if not shiboken6.isValid(card) or card.is_dirty() or not card.customer_id:
            return
        typing_in = QApplication.focusWidget()
        card.show_customer(card.customer_id)
        if typing_in is not None and shiboken6.isValid(typing_in):
            typing_in.setFocus(Qt.FocusReason.OtherFocusReason)

    def final_push(self, seconds: float | None = None) -> bool:
        """On quit: send what waits, within ``seconds`` (``hub/quit_seconds``).

        Returns True when the push finished in time. Whatever did not go up stays in the
        outbox for the next start; nothing is lost by stopping early.
        """
        if self.db is None or not self.view.joined:
            return True
        limit = hub_config.timing().quit_seconds if seconds is None else seconds
        self._quitting = True
        for timer in (self._debounce, self._periodic, self._retry, self._status_soon):
            timer.stop()
        deadline = time.monotonic() + limit
        running = self.worker
        if isinstance(running, SyncProcess):  # it stops at its next batch end
            running.stop()
            if not running.wait(int(max(limit, 0.1) * 1000)):
                running.kill()
        elif running is not None:
            running.cancel()
        job = self._start(deadline=deadline)
        if isinstance(job, SyncProcess):
            done = job.wait(int((max(deadline - time.monotonic(), 0.1) + STARTUP_S) * 1000))
            if not done:
                job.kill()
            if job.answer is None or not _unusable(job.answer):
                # the status read its end started: done before the app goes, never a job
                # left running while the interpreter shuts down
                QThreadPool.globalInstance().waitForDone(1000)
                return done and job.answer is not None and job.answer.result is not None
            self.use_process = False  # no child here: the thread, in what time is left
            job = self._start(deadline=deadline)
            limit = max(deadline - time.monotonic(), 0.1)
        assert isinstance(job, Worker)
        remaining_ms = int(max(limit, 0.1) * 1000) + 1000  # the engine stops at a batch end
        done = WRITER.waitForDone(remaining_ms)
        QThreadPool.globalInstance().waitForDone(1000)
        if not done:
            job.cancel()
        return done
