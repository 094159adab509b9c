"""Long work off the UI thread, one way.

A job is a plain function, or a generator that yields :class:`Progress` and returns its
result. :func:`run_in_background` runs it in a QRunnable on a pool and reports through
Qt signals (delivered on the UI thread); the job never touches widgets. Jobs that write
to the database go to :data:`WRITER`, a one-thread pool, so writes happen one at a time;
each job opens its own Session.
"""

from __future__ import annotations

import inspect
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    message: str = ""


class Cancelled(Exception):  # noqa: N818 - reads as an event, like StopIteration
    """Raised inside a job (at its next yield) once the user pressed Cancel."""


class WorkerSignals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class Worker(QRunnable):
    def __init__(self, job: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self.job, self.args, self.kwargs = job, args, kwargs
        self.signals = WorkerSignals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self.job(*self.args, **self.kwargs)
            if inspect.isgenerator(result):
                result = self._drive(result)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as error:  # reported to the UI, which decides how to show it
            log.exception("background job failed")
            self.signals.failed.emit(error)
        else:
            self.signals.finished.emit(result)

    def _drive(self, gen: Any) -> Any:
        try:
            step = next(gen)
            while True:
                if self._cancel.is_set():
                    step = gen.throw(Cancelled())
                    continue
                if isinstance(step, Progress):
                    self.signals.progress.emit(step.done, step.total, step.message)
                step = next(gen)
        except StopIteration as stop:
            return stop.value


WRITER = QThreadPool()
WRITER.setMaxThreadCount(1)


def run_in_background(
    job: Callable[..., Any],
    *args: Any,
    on_done: Callable[[Any], object] | None = None,
    on_error: Callable[[Exception], object] | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    writes: bool = False,
    owner: QObject | None = None,
    **kwargs: Any,
) -> Worker:
    """Start ``job`` on a pool (the single writer pool when ``writes``); returns the worker.

    Keep a reference to the worker while it runs (e.g. ``self._worker = ...``). Pass the
    widget that shows the result as ``owner``: when it is closed and gone before the job
    ends, the callbacks are skipped instead of touching deleted widgets.
    """
    if owner is not None:
        on_done, on_error, on_progress, on_cancelled = (
            _while_alive(owner, callback)
            for callback in (on_done, on_error, on_progress, on_cancelled)
        )
    worker = Worker(job, *args, **kwargs)
    if on_done:
        worker.signals.finished.connect(on_done)
    if on_error:
        worker.signals.failed.connect(on_error)
    if on_progress:
        worker.signals.progress.connect(on_progress)
    if on_cancelled:
        worker.signals.cancelled.connect(on_cancelled)
    (WRITER if writes else QThreadPool.globalInstance()).start(worker)
    return worker


def _while_alive(owner: QObject, callback: Callable[..., Any] | None) -> Any:
    if callback is None:
        return None

    def guarded(*args: Any) -> None:
        if shiboken6.isValid(owner):
            callback(*args)

    return guarded
