"""One background sync in a process of its own: ``crmdesk --db FILE sync now``.

Why a process: on a thread of the window's process, pulling 10,000 changes froze typing
up to ~150 ms (tests/bench/test_bench_sync_typing.py): the sync's Python work (SQLAlchemy
and psycopg row handling, the merge) holds the interpreter lock the UI thread needs for
every key press, and a thread gives it back only every few milliseconds, later when a C
call runs long. A child process has its own interpreter: the window's stays free.

The child speaks ``sync now --json --progress-lines``: one JSON line per step, then the
result (README, ``crmdesk sync now``). :meth:`stop` asks it to stop at the next batch end
(a line ``stop`` on its stdin); :meth:`kill` ends it at once, which loses nothing either:
SQLite and the hub roll back what was not committed, and a batch sent twice changes nothing.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Signal

from crmdesk.core.errors import DomainError

log = logging.getLogger(__name__)
#: The child's CPU priority (POSIX niceness): the counter's typing goes first, the sync
#: takes what is left. Measured under load, at the same priority the child's CPU time
#: alone lengthened the window's longest freeze.
NICENESS = 10


class ReportedError(DomainError):
    """A :class:`DomainError` the child reported: its code and words, already rendered."""

    def __init__(self, code: str, field: str | None, messages: dict[str, str]) -> None:
        self.messages = messages
        super().__init__(code, field)

    def message(self, lang: str = "ja") -> str:
        return self.messages.get(lang) or self.messages.get("en") or self.code


class SyncProcessError(Exception):
    """The child did not answer as a sync does (crashed, killed, could not start).

    ``unusable``: it could not start, or ended at once without a word on its standard
    output (no ``sync now`` command there: a build without the CLI); the controller then
    syncs on a thread of the window instead.
    """

    def __init__(self, reason: str, *, unusable: bool = False) -> None:
        super().__init__(reason)
        self.unusable = unusable


def command(db_path: Path, *args: str) -> list[str]:
    """The command line of ``crmdesk --db db_path ARGS`` for this installation."""
    if getattr(sys, "frozen", False):  # the packaged app: its console program, beside it
        exe = Path(sys.executable)
        cli = exe.with_name(f"crmdesk-cli{exe.suffix}")  # a windowed .exe has no stdout
        return [str(cli if cli.is_file() else exe), "--db", str(db_path), *args]
    return [sys.executable, "-m", "crmdesk", "--db", str(db_path), *args]


def environment() -> QProcessEnvironment:
    """This process's environment; from a source tree, the child imports the same
    crmdesk as the window (its folder first on ``PYTHONPATH``), not another one installed."""
    env = QProcessEnvironment.systemEnvironment()
    if not getattr(sys, "frozen", False):
        import crmdesk

        root = str(Path(crmdesk.__file__).resolve().parents[1])
        rest = [p for p in env.value("PYTHONPATH", "").split(os.pathsep) if p and p != root]
        env.insert("PYTHONPATH", os.pathsep.join([root, *rest]))
    return env


class SyncProcess(QObject):
    progress = Signal(int, int, str)  # done, total, phase
    ended = Signal(object)  # a :class:`Answer`

    def __init__(
        self,
        db_path: Path,
        parent: QObject | None = None,
        time_limit: float | None = None,
        *,
        niceness: int = NICENESS,
    ) -> None:
        """``niceness`` 0: as urgent as the window (the last push at quit, which the
        person waits for, and no typing to give way to)."""
        super().__init__(parent)
        self.niceness = niceness
        args = ["sync", "now", "--json", "--progress-lines"]
        if time_limit is not None:
            args += ["--time-limit", f"{max(time_limit, 0.1):.1f}"]
        program, *arguments = command(db_path, *args)
        self.process = QProcess(self)
        self.process.setProgram(program)
        self.process.setArguments(arguments)
        self.process.setProcessEnvironment(environment())
        self.process.readyReadStandardOutput.connect(self._read)
        self.process.finished.connect(self._finished)
        self.process.errorOccurred.connect(self._error)
        self.process.started.connect(self._lower_priority)
        self.at = datetime.now(UTC)
        self.answer: Answer | None = None
        self._pending = b""
        self._final: list[bytes] = []
        self._spoke = False  # a line came on its standard output

    def start(self) -> None:
        self.process.start()

    @property
    def is_running(self) -> bool:
        return self.process.state() != QProcess.ProcessState.NotRunning

    def stop(self) -> None:
        """Stop at the next batch end (what went through stays)."""
        if self.is_running:
            self.process.write(b"stop\n")

    def kill(self) -> None:
        if self.is_running:
            self.process.kill()

    def wait(self, ms: int) -> bool:
        """Block until the child ended (at quit only); True when it did within ``ms``."""
        if self.answer is not None:
            return True
        self.process.waitForFinished(ms)
        return self.answer is not None

    def _lower_priority(self) -> None:
        setpriority = getattr(os, "setpriority", None)  # POSIX; Windows keeps normal
        if setpriority is None or self.niceness == 0:
            return
        # it ended already, or the system says no: it syncs all the same
        with contextlib.suppress(OSError):
            setpriority(os.PRIO_PROCESS, int(self.process.processId()), self.niceness)

    def _read(self) -> None:
        self._pending += bytes(self.process.readAllStandardOutput().data())
        *lines, self._pending = self._pending.split(b"\n")
        for line in lines:
            self._spoke = self._spoke or bool(line.strip())
            if line.startswith(b'{"progress"'):
                step = json.loads(line)["progress"]
                self.progress.emit(int(step["done"]), int(step["total"]), str(step["phase"]))
            else:
                self._final.append(line)

    def _finished(self, code: int, status: QProcess.ExitStatus) -> None:
        self._read()
        self._final.append(self._pending)
        errors = bytes(self.process.readAllStandardError().data()).decode("utf-8", "replace")
        text = b"\n".join(self._final)
        if not self._spoke and not text.strip() and code != 0:
            log.warning("the sync process said nothing (exit %s): syncing on a thread", code)
            self._end(Answer(error=SyncProcessError(f"exit {code}", unusable=True)))
            return
        self._end(answer_of(text, code, status, errors))

    def _error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            log.warning("the sync process could not start: syncing on a thread")
            self._end(Answer(error=SyncProcessError("failed_to_start", unusable=True)))

    def _end(self, answer: Answer) -> None:
        if self.answer is None:
            self.answer = answer
            self.ended.emit(answer)


class Answer:
    """What the child said: a result, a stop at a batch end, or an error."""

    def __init__(
        self,
        result: dict[str, Any] | None = None,
        error: BaseException | None = None,
        stopped: bool = False,
    ) -> None:
        self.result, self.error, self.stopped = result, error, stopped


def answer_of(text: bytes, code: int, status: QProcess.ExitStatus, errors: str) -> Answer:
    """Read the child's last JSON (its result or its error) and exit code."""
    try:
        data = json.loads(text) if text.strip() else {}
    except ValueError:
        data = {}
    if status == QProcess.ExitStatus.NormalExit and data.get("ok") is True:
        if data.get("stopped"):
            return Answer(stopped=True)
        return Answer(result=data)
    if data.get("ok") is False and isinstance(data.get("error"), dict):
        error = data["error"]
        messages = {"en": str(error.get("message") or ""), "ja": str(error.get("message_ja") or "")}
        return Answer(error=ReportedError(str(error.get("code")), error.get("field"), messages))
    # A bug in the child (its report names where, never the data) or a kill.
    last = errors.strip().splitlines()[-1:] or ["no output"]
    if status == QProcess.ExitStatus.NormalExit:
        log.error("sync process ended with %s: %s", code, last[0])
        return Answer(error=SyncProcessError(f"exit {code}"))
    return Answer(error=SyncProcessError("killed"))
