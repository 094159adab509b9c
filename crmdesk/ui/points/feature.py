"""Points in the main window: card menu items, void, the owner's rules, expiry at start.

Installed once by the main window (``install(window)``). Everything here acts through
the window API of :mod:`crmdesk.ui.extensions` and the dialogs in
:mod:`crmdesk.ui.points.dialogs`; the points tab itself is :mod:`crmdesk.ui.points.panel`.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMessageBox

from crmdesk.core import clock
from crmdesk.core.errors import DomainError
from crmdesk.services import cards, points
from crmdesk.services.staff import Actor
from crmdesk.ui import i18n
from crmdesk.ui.operations import in_message_box, run_op
from crmdesk.ui.points.dialogs import AdjustPointsDialog, PointRulesDialog, VoidPurchaseDialog
from crmdesk.ui.points.panel import PointsPanel
from crmdesk.ui.window_api import WindowApi
from crmdesk.ui.workers import Progress, run_in_background

AMOUNT_SHORTCUT = "F9"  # お会計: jump to the amount field of the open card


def window_actor(window: WindowApi) -> Actor:
    """The signed-in staff member; the owner when the shop uses no PINs."""
    actor = getattr(window, "actor", None)
    if callable(actor):
        actor = actor()
    return actor if isinstance(actor, Actor) else Actor(None, "window", "owner")


def install(window: WindowApi) -> None:
    customer_menu = window.menu("customer")
    for text, handler in (
        (QT_TRANSLATE_NOOP("PointsMenu", "ポイントカードを発行…"), issue_card),
        (QT_TRANSLATE_NOOP("PointsMenu", "カード紛失・再発行…"), report_lost),
        (QT_TRANSLATE_NOOP("PointsMenu", "カードの使用終了…"), retire_card),
        (QT_TRANSLATE_NOOP("PointsMenu", "お買い上げの取り消し…"), void_purchase),
        (QT_TRANSLATE_NOOP("PointsMenu", "ポイントの調整…"), adjust_points),
    ):
        action = QAction(QCoreApplication.translate("PointsMenu", str(text)), window.window())
        action.triggered.connect(lambda _=False, h=handler: h(window))
        customer_menu.addAction(action)
    focus = QAction(
        QCoreApplication.translate("PointsMenu", "お会計（金額入力へ）"), window.window()
    )
    focus.setShortcut(QKeySequence(AMOUNT_SHORTCUT))
    focus.triggered.connect(lambda: focus_amount(window))
    customer_menu.addAction(focus)
    window.window().addAction(focus)
    rules = QAction(QCoreApplication.translate("PointsMenu", "ポイントのルール…"), window.window())
    rules.triggered.connect(lambda: edit_rules(window))
    window.menu("tools").addAction(rules)
    expire_in_background(window)


def _panels(window: WindowApi) -> list[PointsPanel]:
    return list(window.window().findChildren(PointsPanel))


def focus_amount(window: WindowApi) -> None:
    for panel in _panels(window):
        if panel.isVisible():
            panel.focus_amount()
            return


def _customer(window: WindowApi) -> str | None:
    customer_id = window.current_customer_id()
    if customer_id is None:
        window.show_status(DomainError("no_customer_open").message(i18n.language()))
    return customer_id


def _done(window: WindowApi, text: str) -> None:
    window.show_status(text)
    window.refresh()


def _fail(window: WindowApi, error: DomainError) -> None:
    in_message_box(window.window(), QCoreApplication.translate("PointsMenu", "ポイントカード"))(
        error
    )


def issue_card(window: WindowApi) -> None:
    customer_id = _customer(window)
    if customer_id is None:
        return
    number, ok = QInputDialog.getText(
        window.window(),
        QCoreApplication.translate("PointsMenu", "ポイントカードを発行"),
        QCoreApplication.translate("PointsMenu", "カード番号（空欄なら店の次の番号）"),
    )
    if not ok:
        return
    done = run_op(
        window.db,
        lambda s: cards.issue_card(
            s, customer_id, number.strip() or None, actor=window_actor(window)
        ),
        on_error=lambda error: _fail(window, error),
    )
    if not done.ok:
        return
    change = done.value
    _done(
        window,
        QCoreApplication.translate("PointsMenu", "カード {card} を発行しました").format(
            card=change.card_number
        ),
    )


def _active_card(window: WindowApi, customer_id: str) -> str | None:
    with window.db.transaction() as session:
        card = cards.active_card(session, customer_id)
        return card.card_number if card else None


def report_lost(window: WindowApi) -> None:
    customer_id = _customer(window)
    if customer_id is None:
        return
    card = _active_card(window, customer_id)
    if card is None:
        _fail(window, DomainError("card_not_found", field="card_number"))
        return
    number, ok = QInputDialog.getText(
        window.window(),
        QCoreApplication.translate("PointsMenu", "カード紛失・再発行"),
        QCoreApplication.translate(
            "PointsMenu", "紛失したカード {card} の代わりのカード番号（空欄なら店の次の番号）"
        ).format(card=card),
    )
    if not ok:
        return
    done = run_op(
        window.db,
        lambda s: cards.report_lost(s, card, number.strip() or None, actor=window_actor(window)),
        on_error=lambda error: _fail(window, error),
    )
    if not done.ok:
        return
    change = done.value
    text = QCoreApplication.translate(
        "PointsMenu", "新しいカード {card} に {points} pt を移しました"
    )
    _done(window, text.format(card=change.card_number, points=f"{change.moved_points:,}"))


def retire_card(window: WindowApi) -> None:
    customer_id = _customer(window)
    if customer_id is None:
        return
    card = _active_card(window, customer_id)
    if card is None:
        _fail(window, DomainError("card_not_found", field="card_number"))
        return
    answer = QMessageBox.question(
        window.window(),
        QCoreApplication.translate("PointsMenu", "カードの使用終了"),
        QCoreApplication.translate(
            "PointsMenu", "カード {card} の使用を終了しますか？（ポイントは残ります）"
        ).format(card=card),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    if not run_op(
        window.db,
        lambda s: cards.retire_card(s, card, actor=window_actor(window)),
        on_error=lambda error: _fail(window, error),
    ).ok:
        return
    _done(
        window,
        QCoreApplication.translate("PointsMenu", "カード {card} の使用を終了しました").format(
            card=card
        ),
    )


def void_purchase(window: WindowApi) -> None:
    customer_id = _customer(window)
    if customer_id is None:
        return
    dialog = VoidPurchaseDialog(window.db, customer_id, window_actor(window), window.window())
    if dialog.exec() and dialog.result_ is not None:
        r = dialog.result_
        text = QCoreApplication.translate(
            "PointsMenu", "取り消しました（{taken} pt 回収、{given} pt 返却）"
        )
        _done(window, text.format(taken=r.taken_back, given=r.given_back))


def adjust_points(window: WindowApi) -> None:
    """The owner's correction of the open customer's balance."""
    actor = window_actor(window)
    if not actor.can("points_admin"):
        _fail(window, DomainError("permission_denied", field="points_admin"))
        return
    customer_id = _customer(window)
    if customer_id is None:
        return
    dialog = AdjustPointsDialog(window.db, customer_id, actor, window.window())
    if dialog.exec() and dialog.new_balance is not None:
        text = QCoreApplication.translate(
            "PointsMenu", "ポイントを調整しました（{points} pt、残高 {balance} pt）"
        )
        _done(
            window,
            text.format(points=f"{dialog.points.value():+,}", balance=f"{dialog.new_balance:,}"),
        )


def edit_rules(window: WindowApi) -> None:
    actor = window_actor(window)
    if not actor.can("points_admin"):
        _fail(window, DomainError("permission_denied", field="points_admin"))
        return
    dialog = PointRulesDialog(window.db, actor, window.window())
    if dialog.exec():
        _done(window, QCoreApplication.translate("PointsMenu", "ポイントのルールを保存しました"))


EXPIRY_BATCH = 500


def expire_job(db: Any) -> Generator[Progress, None, points.ExpiryResult]:
    """Expire due points in batches of customers, one short transaction each, so the
    counter never waits long for the database while it runs."""
    started = clock.now_utc()
    # The candidates are a pre-filter (each batch's own write transaction decides exactly,
    # and a lot written after ``started`` is looked at again next run), so they are read
    # without the write lock: at a million customers the query takes seconds, and holding
    # the lock for it kept the counter from writing for that long after every start.
    with db.reading() as session:
        rules = points.load_rules(session)
        as_of = clock.local_today()
        if rules.expiry_mode == "never":
            return points.ExpiryResult(as_of, 0, 0)
        candidates = points.customers_with_due_points(session, rules, as_of)
    customers = expired = 0
    for first in range(0, len(candidates), EXPIRY_BATCH):
        with db.transaction() as session:
            done = points.expire_customers(
                session,
                candidates[first : first + EXPIRY_BATCH],
                as_of=as_of,
                at=clock.now_utc(),
                rules=rules,
            )
        customers, expired = customers + done[0], expired + done[1]
        yield Progress(
            first + EXPIRY_BATCH,
            len(candidates),
            QCoreApplication.translate("PointsMenu", "ポイントの失効"),
        )
    result = points.ExpiryResult(as_of, customers, expired)
    with db.transaction() as session:
        points.record_expiry_run(session, rules, result, started)
    return result


def expire_in_background(window: WindowApi) -> None:
    """Expire due points once at start-up, off the UI thread, on the writer pool."""

    def done(result: points.ExpiryResult) -> None:
        if result.points:
            text = QCoreApplication.translate(
                "PointsMenu", "有効期限切れのポイント {points} pt を失効しました"
            )
            _done(window, text.format(points=f"{result.points:,}"))

    window._points_expiry_worker = run_in_background(
        expire_job, window.db, on_done=done, writes=True
    )
