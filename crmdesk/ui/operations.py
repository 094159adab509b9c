"""One way to run a user's action and show why it was refused.

A dialog's OK or a menu item calls :func:`run_op` with the service call: it runs in one
write transaction (``db.transaction()``, taken before the first read the call depends
on), and a :class:`~crmdesk.core.errors.DomainError` (bad input, a refused permission)
rolls it back and goes to ``on_error`` in the user's language, where that place shows its
errors: a label under the fields (:func:`in_label`, :func:`all_in_label`), a message box
(:func:`in_message_box`) or the feature's own. Anything else (a database that fails) is
not caught here: the window's hook reports it (:mod:`crmdesk.ui.errors`).

Modelled on Anki's ``CollectionOp`` (aqt/operations): the call site says what to run and
where an error goes; what to do after success stays at the call site
(``if not (done := run_op(...)).ok: return``), so a dialog stays open on an error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from crmdesk.core.errors import DomainError
from crmdesk.ui import i18n

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crmdesk.store.db import Database

T = TypeVar("T")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What :func:`run_op` returns: the call's value, or the error that refused it."""

    result: T | None = None
    error: DomainError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def value(self) -> T:
        """The call's value; only after success."""
        if self.error is not None:
            raise RuntimeError("the operation was refused") from self.error
        return self.result  # type: ignore[return-value]  # T itself may include None


def run_op(
    db: Database,
    op: Callable[[Session], T],
    *,
    on_error: Callable[[DomainError], object],
) -> Outcome[T]:
    """Run ``op(session)`` in one write transaction; a DomainError goes to ``on_error``."""
    try:
        with db.transaction() as session:
            result = op(session)
    except DomainError as error:
        on_error(error)
        return Outcome(error=error)
    return Outcome(result=result)


def run_check(op: Callable[[], T], *, on_error: Callable[[DomainError], object]) -> Outcome[T]:
    """The same for a check without the database (a rule, a form's values)."""
    try:
        result = op()
    except DomainError as error:
        on_error(error)
        return Outcome(error=error)
    return Outcome(result=result)


def message(error: DomainError) -> str:
    """The error in the user's language."""
    return error.message(i18n.language())


def all_messages(error: DomainError) -> str:
    """Every field's message of a ValidationError (one per line); else the one message."""
    errors = getattr(error, "errors", None) or [error]
    return "\n".join(e.message(i18n.language()) for e in errors)


def in_label(label: QLabel) -> Callable[[DomainError], None]:
    """Show the error in a label (the dialog stays open)."""
    return lambda error: label.setText(message(error))


def all_in_label(label: QLabel) -> Callable[[DomainError], None]:
    """Show every field's message in a label (the dialog stays open)."""
    return lambda error: label.setText(all_messages(error))


def in_message_box(parent: QWidget | None, title: str) -> Callable[[DomainError], None]:
    """Show the error in a warning box titled ``title``."""

    def show(error: DomainError) -> None:
        QMessageBox.warning(parent, title, message(error))

    return show
