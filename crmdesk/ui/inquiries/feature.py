"""Inquiries in the main window: Ctrl+I logs one, Tools → フォローアップ, start-up reminder.

Tools → 問い合わせの分類 opens the owner's list of categories (read-only for staff).

Ctrl+I is an application-wide shortcut: from a customer card (or with a customer
selected) it opens a new inquiry for that customer, otherwise one for a caller not yet
known. The reminder at start-up is a status-bar message plus a notice bar below the
customer list (``window.show_notice``: never over a result, never taking the keyboard, Esc
at an empty search box closes it); the setting ``inquiry.reminder`` = false turns the bar
off.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from crmdesk.core.errors import DomainError
from crmdesk.services.inquiry_queries import count_due
from crmdesk.services.staff import Actor
from crmdesk.store.db import setting
from crmdesk.ui import i18n
from crmdesk.ui.inquiries.categories import InquiryCategoriesDialog
from crmdesk.ui.inquiries.dialog import InquiryDialog
from crmdesk.ui.inquiries.follow_ups import FollowUpsView
from crmdesk.ui.window_api import WindowApi
from crmdesk.ui.workers import run_in_background

REMIND_AFTER_MS = 300

SHORTCUT = "Ctrl+I"
FOLLOW_UPS_SHORTCUT = "Ctrl+Shift+F"
OWNER = Actor(staff_id=None, name="window", role="owner")


def when_unlocked(window: WindowApi, job: Any) -> None:
    """Run ``job`` now, or once someone has signed in (nothing shows over a locked window)."""
    session = getattr(window, "staff_session", None)
    if session is None:
        job()
    else:
        session.when_unlocked(job)


def window_actor(window: WindowApi) -> Actor:
    """Who uses the window: ``window.actor`` (an Actor or a callable), else the owner."""
    actor = getattr(window, "actor", None)
    if callable(actor):
        actor = actor()
    return actor if isinstance(actor, Actor) else OWNER


class InquiryFeature:
    """What the feature keeps per window (its open dialogs, so they stay alive)."""

    def __init__(self, window: WindowApi) -> None:
        self.window = window
        self.dialog: InquiryDialog | None = None
        self.follow_ups: FollowUpsView | None = None
        self.reminder: Any = None  # the notice bar, while shown
        self.categories: InquiryCategoriesDialog | None = None
        self.channels: InquiryCategoriesDialog | None = None
        self.spend: Any = None  # the spend dialog, while open
        self.spend_action: QAction | None = None

    def new_inquiry(self) -> InquiryDialog:
        actor = getattr(self.window, "actor", None)
        self.dialog = InquiryDialog(
            self.window.db,
            customer_id=self.window.current_customer_id(),
            actor=actor if hasattr(actor, "staff_id") else None,
            parent=self.window.window(),
        )
        self.dialog.saved.connect(self._saved)
        self.dialog.show()
        self.dialog.activateWindow()
        return self.dialog

    def _saved(self, _inquiry_id: str) -> None:
        self.window.show_status(
            QCoreApplication.translate("InquiryMenu", "問い合わせを保存しました")
        )
        self.window.refresh()
        if self.follow_ups is not None:
            self.follow_ups.refresh()

    def show_follow_ups(self) -> FollowUpsView:
        if self.follow_ups is None:
            self.follow_ups = FollowUpsView(self.window.db, parent=self.window.window())
        self.follow_ups.refresh()
        self.follow_ups.show()
        self.follow_ups.raise_()
        return self.follow_ups

    def edit_categories(self) -> InquiryCategoriesDialog:
        """The owner's list of categories (read-only for other staff)."""
        self.categories = InquiryCategoriesDialog(
            self.window.db, window_actor(self.window), parent=self.window.window()
        )
        self.categories.changed.connect(self._categories_changed)
        self.categories.show()
        self.categories.activateWindow()
        return self.categories

    def edit_channels(self) -> InquiryCategoriesDialog:
        """The owner's list of acquisition channels (流入経路), as the categories are."""
        # deferred: the dialog and its services load when first used, not at start-up
        from crmdesk.ui.channels.channel_list import channel_list_dialog

        self.channels = channel_list_dialog(
            self.window.db, window_actor(self.window), parent=self.window.window()
        )
        self.channels.show()
        self.channels.activateWindow()
        return self.channels

    def edit_spend(self) -> Any:
        """The owner's monthly spend per channel (流入経路別の広告費); others are told why not."""

        # deferred: the dialog and its services load when first used, not at start-up
        from crmdesk.ui.channels.spend import open_channel_spend

        actor = window_actor(self.window)
        if not actor.can("settings"):
            QMessageBox.warning(
                self.window.window(),
                QCoreApplication.translate("InquiryMenu", "流入経路別の広告費"),
                DomainError("permission_denied", field="settings").message(i18n.language()),
            )
            return None
        self.spend = open_channel_spend(self.window, actor)
        return self.spend

    def show_owner_actions(self) -> None:
        """Owner-only actions appear for whoever may use them (checked as the menu opens)."""
        if self.spend_action is not None:
            self.spend_action.setVisible(window_actor(self.window).can("settings"))

    def _categories_changed(self) -> None:
        self.window.show_status(
            QCoreApplication.translate("InquiryMenu", "問い合わせの分類を保存しました")
        )

    def remind(self) -> None:
        """At start-up: say how many follow-ups are due, without blocking anything: a
        read, on a worker (half a second at a million customers' inquiries), while the
        counter and the other computers keep writing."""
        db = self.window.db

        def count() -> tuple[tuple[int, int], Any]:
            with db.reading() as session:
                return count_due(session), setting(session, "inquiry.reminder", True)

        self._remind_worker = run_in_background(
            count, on_done=self._show_reminder, owner=self.window.window()
        )

    def _show_reminder(self, counted: tuple[tuple[int, int], Any]) -> None:
        (due_today, overdue), wanted = counted
        if not (due_today or overdue):
            return
        text = QCoreApplication.translate(
            "InquiryMenu", "フォローアップ: 今日 {today} 件・期限切れ {overdue} 件"
        ).format(today=due_today, overdue=overdue)
        self.window.show_status(text)
        if not wanted:
            return
        self.reminder = self.window.show_notice(
            text,
            [(QCoreApplication.translate("InquiryMenu", "一覧を開く"), self.show_follow_ups)],
        )


def install(window: WindowApi) -> InquiryFeature:
    feature = InquiryFeature(window)
    window.inquiry_feature = feature

    new = QAction(QCoreApplication.translate("InquiryMenu", "問い合わせを記録…"), window.window())
    new.setShortcut(QKeySequence(SHORTCUT))
    new.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    new.triggered.connect(feature.new_inquiry)
    window.menu("customer").addAction(new)

    follow = QAction(QCoreApplication.translate("InquiryMenu", "フォローアップ…"), window.window())
    follow.setShortcut(QKeySequence(FOLLOW_UPS_SHORTCUT))
    follow.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    follow.triggered.connect(feature.show_follow_ups)
    window.menu("tools").addAction(follow)

    categories = QAction(
        QCoreApplication.translate("InquiryMenu", "問い合わせの分類…"), window.window()
    )
    categories.triggered.connect(feature.edit_categories)
    window.menu("tools").addAction(categories)
    channel_list = QAction(QCoreApplication.translate("InquiryMenu", "流入経路…"), window.window())
    channel_list.triggered.connect(feature.edit_channels)
    window.menu("tools").addAction(channel_list)
    spend = QAction(
        QCoreApplication.translate("InquiryMenu", "流入経路別の広告費…"), window.window()
    )
    spend.triggered.connect(feature.edit_spend)
    window.menu("tools").addAction(spend)
    feature.spend_action = spend
    window.menu("tools").aboutToShow.connect(feature.show_owner_actions)
    feature.show_owner_actions()
    # addAction on a menu does not register the shortcut until the menu exists on screen
    # in some styles; adding the actions to the window makes them live at once.
    window.window().addAction(new)
    window.window().addAction(follow)

    # Just after the window's first frame: the window is usable first, the bar follows.
    # (With the window as the timer's context: a window closed sooner never reminds.)
    QTimer.singleShot(
        REMIND_AFTER_MS, window.window(), lambda: when_unlocked(window, feature.remind)
    )
    return feature
