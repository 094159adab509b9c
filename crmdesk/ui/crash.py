"""The crash reporter: an unexpected error shows a plain-words dialog and leaves a report
file the owner can send, with no personal data in it; the window stays usable.

Installed by :func:`install` for ``sys.excepthook`` (PySide6 sends an exception raised
in a slot or an overridden Qt method there too) and ``threading.excepthook`` (worker
threads: the report is written there, the dialog is shown on the GUI thread).

**What a report holds**: the time (UTC), crmdesk's, Python's, Qt's and PySide6's
versions, the operating system, and for the error and each error chained to it: the
exception's type and its frames (file, line, function, and the code on that line, read
from our own source files). Never local variables (the frames are summarised without
them), never the values being handled.

**The exception's message** is where data leaks: ``f"{customer.name} not found"``,
an SQL error with its parameters, a KeyError holding a phone number. It is kept only
word by word, through :func:`scrub`:

- every run of non-ASCII characters (a Japanese name, an address, full-width digits)
  becomes ``…``;
- every run of 3 or more digits (phone numbers, postal codes, card and customer
  numbers, amounts) becomes ``#``;
- a word is kept only when it is on a short list of words Python's own messages use
  ("object has no attribute", "list index out of range") or an identifier that occurs in
  the code of the frames outside its string literals (``customer_id`` in
  ``row.customer_id``): that is code, not data. Every other word (a name in romaji, an
  e-mail address, a street) becomes ``…``.

So ``KeyError: '山田 花子 090-1234-5678'`` is reported as ``KeyError: '… #-#-#'`` and
``'NoneType' object has no attribute 'customer_id'`` stays as it is.

The reporter never raises: a report that cannot be written still shows the dialog
(saying so, with the report's text to copy), and a failure of the dialog itself falls
back to one line on standard error naming the exception's type only.
"""

from __future__ import annotations

import logging
import os
import platform
import re
import sys
import threading
import traceback
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QObject, Qt, QUrl, Signal, qVersion
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crmdesk import paths

log = logging.getLogger(__name__)

#: Report files kept per run: an error in a timer's slot must not fill the disk.
MAX_REPORTS = 20

#: Words of Python's and SQLite's own messages: safe to keep in a report.
_SAFE_TEXT = """
    a an and are argument arguments as assignment at attribute base be before but by call
    callable can cannot column concatenate constraint convert could database decode defined
    dict disk division empty encode enough error expected failed file float for format from
    function given got has have image import in index int integer invalid is item items
    iterable key keyword list literal local locked malformed many method missing module
    must name no none not object of on only operand operation or out positional range
    readonly referenced required result returned sequence set should str string support
    supported table takes than the to too tuple type types unexpected unique unpack
    unsupported value values variable was were with without wrong zero bool bytes null
    nonetype self cls subscriptable iterator attempt write read timeout timed busy thread
    found exist exists does
"""
SAFE_WORDS = frozenset(_SAFE_TEXT.split())
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_LONG_NUMBER = re.compile(r"\d{3,}")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_STRING = re.compile(r"""(['"]).*?\1""")  # a literal on a code line: its words are text
_REPEATS = re.compile(r"…(?:[\s…]*…)?")


def report_folder() -> Path:
    return paths.data_dir() / "reports" / "crash"


# --- the report --------------------------------------------------------------------
def scrub(message: str, code_words: Iterable[str] = ()) -> str:
    """The message with anything that may be data replaced (see the module's doc)."""
    allowed = SAFE_WORDS | {w.lower() for w in code_words}
    text = _NON_ASCII.sub("…", message)
    text = _LONG_NUMBER.sub("#", text)
    text = _WORD.sub(lambda m: m[0] if m[0].lower() in allowed else "…", text)
    return _REPEATS.sub("…", text)[:300]


def _short_path(filename: str) -> str:
    """A frame's file without the folders above the package (a user name, say)."""
    path = Path(filename)
    parts = path.parts
    for marker in ("site-packages", "dist-packages"):
        if marker in parts:
            return "/".join(parts[parts.index(marker) + 1 :])
    package = Path(__file__).resolve().parents[2]  # the folder holding crmdesk/
    try:
        return path.resolve().relative_to(package).as_posix()
    except (ValueError, OSError):
        return path.name


def _chain(error: BaseException) -> list[BaseException]:
    """The error and those it was raised from or during, oldest first."""
    seen: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in seen and len(seen) < 10:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return list(reversed(seen))


def _frames(error: BaseException) -> list[traceback.FrameSummary]:
    return list(traceback.extract_tb(error.__traceback__, limit=60))  # no locals captured


def _exception_line(error: BaseException, code_words: set[str]) -> str:
    kind = type(error)
    name = kind.__qualname__
    if kind.__module__ not in ("builtins", "__main__"):
        name = f"{kind.__module__}.{name}"
    code = getattr(error, "code", None)  # a DomainError's stable code says what it was
    if isinstance(code, str) and code.isascii():
        name += f" [code={scrub(code, code_words)}]"
    message = str(error) if not isinstance(error, KeyboardInterrupt) else ""
    return f"{name}: {scrub(message, code_words)}" if message else name


def versions() -> dict[str, str]:
    from crmdesk.core.version import version

    return {
        "crmdesk": version() or "unknown",
        "python": platform.python_version(),
        "qt": qVersion(),
        "pyside6": pyside_version,
        "os": platform.platform(terse=True),
    }


def build_report(error: BaseException, where: str = "main", now: datetime | None = None) -> str:
    """The report's text: versions, time, and each chained error's type and frames."""
    chain = _chain(error)
    frames = {id(e): _frames(e) for e in chain}
    code_words: set[str] = set()
    for summaries in frames.values():
        for frame in summaries:
            code = _STRING.sub(" ", frame.line or "")
            code_words.update(_IDENTIFIER.findall(f"{frame.name} {code}"))
    moment = (now or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M:%S UTC")
    lines = ["crmdesk crash report", f"time: {moment}", f"thread: {where}"]
    lines += [f"{key}: {value}" for key, value in versions().items()]
    lines.append("personal data: none (no variables; the message is scrubbed word by word)")
    for index, link in enumerate(chain):
        lines.append("")
        if index:
            lines.append("which led to:")
        lines.append("Traceback (most recent call last):")
        for frame in frames[id(link)]:
            lines.append(f'  File "{_short_path(frame.filename)}", line {frame.lineno}, '
                         f"in {frame.name}")  # fmt: skip
            code = (frame.line or "").strip()
            if code:
                lines.append(f"    {_NON_ASCII.sub('…', code)}")
        lines.append(_exception_line(link, code_words))
    return "\n".join(lines) + "\n"


def write_report(text: str, now: datetime | None = None) -> Path:
    """The report in the data folder's reports/crash, readable by this user only."""
    folder = report_folder()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    for number in range(1, 1000):
        path = folder / f"crash-{stamp}-{os.getpid()}-{number}.txt"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(path, 0o600)  # whatever the umask
        return path
    raise FileExistsError(folder)


# --- the dialog --------------------------------------------------------------------
class CrashDialog(QDialog):
    """What happened in plain words; the report's place; the window stays usable."""

    def __init__(self, report: str, path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report, self.path = report, path
        self.setWindowTitle(self.tr("crmdesk: 予期しないエラー"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        saved = self.tr(
            "報告を保存しました（お客様の情報は含まれていません）:\n{0}\n"
            "サポートの担当者に、このファイルを送ってください。"
        ).format(path)
        failed = self.tr(
            "報告をファイルに保存できませんでした。下の内容をコピーして、"
            "サポートの担当者に送ってください（お客様の情報は含まれていません）。"
        )
        self.message.setText(
            self.tr(
                "crmdesk の中で予期しないエラーが起きました（プログラムの不具合です）。"
                "いま行った操作は、終わっていないかもしれません。\n\n"
                "ウィンドウはそのまま使えます。保存した内容は失われていません。\n\n"
            )
            + (saved if path else failed)
        )
        self.details = QPlainTextEdit(report)
        self.details.setReadOnly(True)
        self.details.setVisible(path is None)  # nothing to open: the text itself
        buttons = QDialogButtonBox()
        self.open_button = QPushButton(self.tr("報告のフォルダーを開く(&O)"))
        self.copy_button = QPushButton(
            self.tr("報告の場所をコピー(&C)") if path else self.tr("報告の内容をコピー(&C)")
        )
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setDefault(True)
        self.open_button.setEnabled(path is not None)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.open_button.clicked.connect(self.open_folder)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        self.close_button.clicked.connect(self.accept)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("国") * 36)

    def open_folder(self) -> None:
        if self.path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path.parent)))

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(str(self.path) if self.path else self.report)


class _Reporter(QObject):
    """Carries a worker thread's report to the GUI thread (a queued signal)."""

    reported = Signal(str, str)

    def __init__(self) -> None:
        super().__init__()
        self.written = 0
        self.dialog: CrashDialog | None = None
        self.reported.connect(self.show, Qt.ConnectionType.QueuedConnection)

    def handle(self, error: BaseException, where: str) -> None:
        try:
            report = build_report(error, where)
        except Exception:  # the reporter must not fail: the bare minimum
            report = f"crmdesk crash report\n{type(error).__qualname__} (report incomplete)\n"
        path = ""
        if self.written < MAX_REPORTS:
            try:
                path = str(write_report(report))
                self.written += 1
            except OSError as problem:
                log.error("crash report not written: %s", type(problem).__name__)
        log.error("unexpected %s; report %s", type(error).__qualname__, path or "not written")
        self.reported.emit(report, path)

    def show(self, report: str, path: str) -> None:
        try:
            if self.dialog is not None and self.dialog.isVisible():
                return  # one dialog at a time; the report file is written all the same
            dialog = CrashDialog(report, Path(path) if path else None, _parent())
            dialog.destroyed.connect(lambda *_: setattr(self, "dialog", None))
            self.dialog = dialog
            dialog.show()  # not exec(): the window behind stays usable
            dialog.raise_()
            dialog.activateWindow()
        except Exception as problem:
            sys.stderr.write(f"crmdesk: crash dialog failed ({type(problem).__name__})\n")


def _parent() -> QWidget | None:
    for widget in QApplication.topLevelWidgets():
        if hasattr(widget, "show_notice") and widget.isVisible():
            return widget
    return None


_state: dict[str, _Reporter] = {}


def reporter() -> _Reporter:
    if "reporter" not in _state:
        _state["reporter"] = _Reporter()
    return _state["reporter"]


def _excepthook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    try:
        if error.__traceback__ is None and tb is not None:
            error = error.with_traceback(tb)
        reporter().handle(error, "main")
    except Exception:
        sys.stderr.write(f"crmdesk: unexpected {kind.__qualname__}\n")


def _thread_hook(args: Any) -> None:
    error = args.exc_value
    if error is None or isinstance(error, SystemExit):
        return
    try:
        name = args.thread.name if args.thread is not None else "thread"
        where = "worker" if not name.isascii() else f"worker {scrub(name)}"
        reporter().handle(error, where)
    except Exception:
        sys.stderr.write(f"crmdesk: unexpected {type(error).__qualname__} in a thread\n")


def install() -> None:
    """Report whatever escapes a slot, the main code or a worker thread."""
    reporter()  # made on the GUI thread: its queued signal lands there
    sys.excepthook = _excepthook
    threading.excepthook = _thread_hook
