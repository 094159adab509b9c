"""The main window: counter search over the customer list, and the extension API.

The search box has focus at start. Typing starts a short timer; when it fires, the
search runs on a worker thread with its own Session and only the newest answer is shown,
so a slow query never freezes typing. Up/Down move through the results without leaving
the box, Enter opens the card, Esc clears. The count says how many more were found
than are shown ("他 N 件"); scrolling down, or Down/PgDn at the last row, fetches them.
With an empty box the list shows every customer, fetched a page at a time.

Features extend the window through :meth:`menu`, :attr:`db`,
:meth:`current_customer_id`, :meth:`open_customer`, :meth:`show_status` and
:meth:`refresh` (see crmdesk/ui/extensions.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QStyle,
)

from crmdesk.core.errors import DomainError
from crmdesk.ui import settings
from crmdesk.ui.customers.list_model import (
    COL_ADDRESS,
    COL_KANA,
    COLUMN_SAMPLES,
    CustomerTableModel,
)
from crmdesk.ui.elided_label import ElidedLabel
from crmdesk.ui.errors import report_failure
from crmdesk.ui.extensions import install_features
from crmdesk.ui.file_watch import FileWatch
from crmdesk.ui.forms.ui_main_window import Ui_MainWindow
from crmdesk.ui.help import show_about, show_shortcuts
from crmdesk.ui.notice import Notice
from crmdesk.ui.screen_fit import fit_to_screen
from crmdesk.ui.workers import Worker, run_in_background

if TYPE_CHECKING:  # the features' types; they import the window's API, not the window
    from PySide6.QtGui import QAction

    from crmdesk.services.search import SearchPage
    from crmdesk.services.staff import Actor
    from crmdesk.store.first_look import FirstLook
    from crmdesk.ui.branch_sync.controller import SyncController
    from crmdesk.ui.branch_sync.inbox import ConflictInbox
    from crmdesk.ui.branch_sync.panel import SyncPanel
    from crmdesk.ui.customers.card import CustomerCard
    from crmdesk.ui.dashboard.dialog import DashboardDialog
    from crmdesk.ui.data.file_actions import FileActions
    from crmdesk.ui.inquiries.feature import InquiryFeature
    from crmdesk.ui.points.counter import Counter
    from crmdesk.ui.staff.session import StaffSession

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 120  # long enough to skip the keystrokes of a fast typist
LOAD_LATER_MS = 300  # after the window's first frame: what it needs only when used
# a file taking longer than this to open gets a word in the status bar (_say_still_opening)
SLOW_OPEN_MS = 1500


class MainWindow(QMainWindow):
    #: Emitted after :attr:`db` changed (start-up, File > Open), for features that follow it.
    database_opened = Signal()
    #: another program replaced the database file (a restore): emitted from any thread
    file_replaced = Signal()

    files: FileActions  # File menu's actions; set with the database (:meth:`attach`)
    counter: Counter  # a card scanned anywhere opens its customer; the same

    # What features keep on the window (crmdesk.ui.window_api.WindowApi says why); set by
    # their install(), so a window without the feature has none.
    actor: Callable[[], Actor]
    staff_session: StaffSession
    staff_label: QLabel
    switch_staff_action: QAction
    sync: SyncController
    sync_panel: SyncPanel | None
    sync_inbox: ConflictInbox
    join_hub: Callable[[], Any]
    inquiry_feature: InquiryFeature
    _dashboard: DashboardDialog
    _outlook_worker_busy: bool
    _outlook_worker: Worker
    _outlook_timer: QTimer
    _points_expiry_worker: Worker
    _data_backup_timer: QTimer
    _data_daily: Worker
    _data_backup: Worker

    def __init__(
        self, db: Any, *, offer_demo: bool = False, first_look: FirstLook | None = None
    ) -> None:
        """The window on ``db``; or, with ``db`` None, the window as ``first_look`` shows
        it while the file opens on a worker thread (crmdesk/ui/app.py): the list's first
        page and the search box, taking keys; :meth:`attach` does the rest."""
        super().__init__()
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        fit_to_screen(self, self.width(), self.height())
        self.db = db
        self.model = CustomerTableModel(None, self)
        self.cards: dict[str | None, CustomerCard] = {}
        self._workers: set[Any] = set()
        self._search_seq = 0
        self._shown_seq = 0
        self._open_when_shown = False
        self._shown_query = ""
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self.notices: list[Notice] = []
        self._replaced_hook = self.file_replaced.emit  # kept: the db's list holds it
        # another counter, the command line or a sync wrote: the count follows
        self.file_watch = FileWatch(self)
        self.file_watch.changed.connect(self._count_customers)
        self._counting = self._count_again = False
        self._menus = {
            "file": self.ui.menu_file,
            "customer": self.ui.menu_customer,
            "tools": self.ui.menu_tools,
            "reports": self.ui.menu_reports,
            "help": self.ui.menu_help,
        }
        self.settings_pages: list[Any] = []
        self._offer_demo = offer_demo
        self.opening: Worker | None = None  # the worker opening the file (ui/app.py)
        self._setup_table()
        self._setup_status_bar()
        self._connect_signals()
        self.ui.search_edit.setFocus()
        if db is not None:
            self.attach(db)
        elif first_look is not None:
            self._show_first_look(first_look)
            QTimer.singleShot(SLOW_OPEN_MS, self._say_still_opening)

    def attach(self, db: Any) -> None:
        """The file is open: the File menu, the features, the list read through the
        database layer, and a search for whatever was typed while it opened."""
        from crmdesk.ui.data.file_actions import FileActions
        from crmdesk.ui.points.counter import Counter

        self.db = db
        self.ui.statusbar.clearMessage()  # "still opening", if it was said
        self.files = FileActions(self)
        self._connect_file_actions()
        self.counter = Counter(self)
        self.centralWidget().setVisible(True)  # a locked first look hid it; staff lock again
        self._install_features()
        self.database_changed()
        if self._search_seq != self._shown_seq or self.ui.search_edit.text().strip():
            self._start_search()  # typed (or scanned) before the file was open
        QTimer.singleShot(LOAD_LATER_MS, self._load_later)
        if self._offer_demo:
            QTimer.singleShot(0, self.files.offer_demo_data)

    def _say_still_opening(self) -> None:
        """A file slow to open (its search keys made again once after an update, a big
        WAL recovered): say so, so that a search typed meanwhile is not taken for a window
        that froze. Attaching clears it."""
        if self.db is None:
            self.ui.statusbar.showMessage(
                self.tr("ファイルを開いています…（入力した検索は開き終わるとすぐ表示します）")
            )

    def _show_first_look(self, look: FirstLook) -> None:
        title = self.tr("crmdesk 顧客管理")
        self.setWindowTitle(f"{look.shop_name} - {title}" if look.shop_name else title)
        self.path_label.setText(str(look.path))
        if look.locked:  # staff sign in first (ui/staff/session.py): nothing shows before
            self.centralWidget().setVisible(False)
        else:
            self.model.show_first_look(look.customers)
        self._show_result_count()

    # --- set-up -------------------------------------------------------------------
    def _load_later(self) -> None:
        """The customer card's code (a tenth of the launch), loaded once the window is up
        so the first card scanned opens as fast as every later one."""
        import crmdesk.ui.customers.card  # noqa: F401

    def _setup_table(self) -> None:
        table = self.ui.customer_table
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = table.horizontalHeader()
        header.setSortIndicator(COL_KANA, Qt.SortOrder.AscendingOrder)
        header.setMinimumSectionSize(table.fontMetrics().horizontalAdvance("0000"))
        for column, sample in COLUMN_SAMPLES.items():
            header.resizeSection(column, self._column_width(column, sample))
        header.setSectionResizeMode(COL_ADDRESS, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)

    def _column_width(self, column: int, sample: str) -> int:
        """Room for the sample or the title with its sort arrow, in the fonts in use."""
        table = self.ui.customer_table
        title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
        metrics = table.fontMetrics()
        frame = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin)
        margin = 2 * frame + metrics.horizontalAdvance("国") + 4  # cell padding, a little air
        cell = metrics.horizontalAdvance(sample) + margin
        head = table.horizontalHeader().fontMetrics().horizontalAdvance(title) + margin + 12
        return max(cell, head)

    def _setup_status_bar(self) -> None:
        bar = self.ui.statusbar
        self.count_label = QLabel(self)
        self.path_label = ElidedLabel(self)
        self.sync_label = QLabel(self)
        # The path gives way (a normal widget: a message shown with show_status takes its
        # place for a while); the count and the sync state never do. With the path as a
        # permanent widget, stretched, no message had room to show at all.
        bar.addWidget(self.path_label, 1)
        bar.addPermanentWidget(self.count_label)
        bar.addPermanentWidget(self.sync_label)

    def _connect_signals(self) -> None:
        ui = self.ui
        self.file_replaced.connect(self._on_file_replaced, Qt.ConnectionType.QueuedConnection)
        ui.search_edit.textChanged.connect(self._on_query_changed)
        self.model.rowsInserted.connect(lambda *_: self._show_result_count())  # a page more
        self.model.modelReset.connect(self._fetch_first_page)
        ui.search_edit.installEventFilter(self)
        ui.customer_table.installEventFilter(self)
        ui.customer_table.doubleClicked.connect(lambda _index: self.open_selected())
        self._search_timer.timeout.connect(self._start_search)
        ui.new_customer_button.clicked.connect(self.new_customer)
        ui.action_new_customer.triggered.connect(self.new_customer)
        ui.action_open_customer.triggered.connect(self.open_selected)
        ui.action_find.triggered.connect(self.focus_search)
        ui.action_next_result.triggered.connect(lambda: self.move_selection(1))
        ui.action_previous_result.triggered.connect(lambda: self.move_selection(-1))
        ui.action_quit.triggered.connect(self.close)
        ui.action_shortcuts.triggered.connect(self.show_shortcuts)
        ui.action_about.triggered.connect(self.show_about)

    def _connect_file_actions(self) -> None:
        ui = self.ui
        ui.action_new_file.triggered.connect(self.files.new_file)
        ui.action_open_file.triggered.connect(self.files.open_file)
        ui.action_settings.triggered.connect(self.files.edit_settings)
        ui.action_load_demo.triggered.connect(self.files.ask_demo_data)
        ui.menu_recent.aboutToShow.connect(self.files.fill_recent_menu)

    def _install_features(self) -> None:
        try:
            install_features(self)
        except Exception:  # one broken feature must not keep the shop from working
            log.exception("a window feature failed to install")
        # the features add to the File menu; 終了 stays its last item, as in every app
        menu, quit_action = self.ui.menu_file, self.ui.action_quit
        menu.removeAction(quit_action)
        menu.addSeparator()
        menu.addAction(quit_action)
        menu.setSeparatorsCollapsible(True)

    # --- the extension API ----------------------------------------------------------
    def menu(self, key: str) -> QMenu:
        return self._menus[key]

    def current_customer_id(self) -> str | None:
        """The customer of the active card, else the one selected in the list."""
        for card in self.cards.values():
            if card.isActiveWindow() and card.customer_id:
                return card.customer_id
        row = self.model.row_at(self.ui.customer_table.currentIndex().row())
        return row.id if row else None

    def open_customer(self, customer_id: str | None) -> CustomerCard | None:
        """Open (or bring forward) the card of a customer; None opens a new card."""
        if self.db is None:
            return None  # the file is still opening (a moment at start-up)
        card = self.cards.get(customer_id) if customer_id else None
        if card is None:
            from crmdesk.ui.customers.card import CustomerCard  # see _load_later

            card = CustomerCard(self.db, customer_id, self)
            card.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            card.saved.connect(self._on_card_saved)
            card.open_requested.connect(self.open_customer)
            card.step_requested.connect(lambda step, c=card: self._step_card(c, step))
            card.card_scanned.connect(lambda number, c=card: self.open_scanned(number, c))
            card.counter_done.connect(self.clear_search)
            card.finished.connect(lambda _r, c=card: self._card_closed(c))
            self.cards[customer_id] = card
        card.show()
        card.raise_()
        card.activateWindow()
        return card

    def show_status(self, text: str) -> None:
        self.ui.statusbar.showMessage(text, 8000)

    def show_notice(self, text: str, actions: Any = (), *, error: bool = False) -> Notice:
        """For features: a bar below the list (never over it, never taking the keyboard);
        ``actions`` are (button title, callable). Esc at an empty search box closes it."""
        notice = Notice(text, actions, error=error, parent=self)
        self.ui.centralLayout.addWidget(notice)
        self.notices.append(notice)
        notice.closed.connect(lambda n=notice: self._forget_notice(n))
        return notice

    def _forget_notice(self, notice: Notice) -> None:
        if notice in self.notices:
            self.notices.remove(notice)

    def add_settings_page(self, title: str, make: Any) -> None:
        """For features: a tab in the settings dialog, made by ``make(parent)``; the page
        may have a ``save()`` that OK calls. Its values belong in QSettings under the
        feature's own group (``points/``, ``labels/``, ``hub/``)."""
        self.settings_pages.append((title, make))

    def set_sync_state(self, text: str) -> None:
        """For the sync feature: the state shown at the right of the status bar."""
        self.sync_label.setText(text)

    def refresh(self) -> None:
        """Reload the list (or re-run the search) and the customer count."""
        query = self.ui.search_edit.text().strip()
        if query:
            self._start_search()
        else:
            self.model.show_list()
            self._show_result_count()
        self._count_customers()

    def _fetch_first_page(self) -> None:
        """The whole list's first page, at once: after a reset of an empty list to an empty
        list the view does not ask for it (its geometry did not change), so demo data just
        generated stayed hidden until something was typed."""
        if self.model.listing and not self.model.rowCount():
            self.model.fetchMore(QModelIndex())

    # --- search -------------------------------------------------------------------
    def focus_search(self) -> None:
        self.activateWindow()
        self.ui.search_edit.setFocus()
        self.ui.search_edit.selectAll()

    def _on_query_changed(self, _text: str) -> None:
        self._search_timer.start()

    def _start_search(self) -> None:
        query = self.ui.search_edit.text().strip()
        self._search_seq += 1
        if self.db is None:  # still opening: attach() searches for what was typed
            if not query:  # the list shown is the whole list's first page
                self._shown_seq, self._shown_query = self._search_seq, ""
            return
        if not query:
            self._shown_seq, self._shown_query = self._search_seq, ""
            self.model.show_list()
            self._show_result_count()
            return
        seq, db = self._search_seq, self.db
        self._run(
            lambda: (seq, query, _search(db, query)),
            on_done=self._show_hits,
        )

    def _show_hits(self, answer: tuple[int, str, SearchPage]) -> None:
        seq, query, page = answer
        hits = page.hits
        if seq != self._search_seq:
            return  # staff typed on; a newer search is on its way
        self._shown_seq, self._shown_query = seq, query
        self.model.show_hits(page, query)
        self._show_result_count()
        if hits:
            self.ui.customer_table.selectRow(0)
        if self._open_when_shown:
            self._open_when_shown = False
            if hits:
                self.open_selected()

    @property
    def shown_query(self) -> str:
        """The query whose results the list shows now ('' for the full list)."""
        return self._shown_query

    def _show_result_count(self) -> None:
        if self.model.listing:
            self.ui.result_label.setText(self.tr("全顧客（ふりがな順）"))
            return
        shown = self.model.rowCount()
        total, capped = self.model.found
        more = max(0, total - shown)
        if not shown:
            text = self.tr("見つかりません")
        elif capped:
            text = self.tr("{0}件以上見つかりました（他 {1} 件以上）").format(
                f"{total:,}", f"{more:,}"
            )
        elif more:
            text = self.tr("{0}件見つかりました（他 {1} 件）").format(f"{total:,}", f"{more:,}")
        else:
            text = self.tr("{0}件見つかりました").format(total)
        self.ui.result_label.setText(text)

    def move_selection(self, step: int) -> None:
        table = self.ui.customer_table
        current = table.currentIndex().row()
        if (
            step > 0
            and current + step >= self.model.rowCount()
            and self.model.canFetchMore(QModelIndex())
        ):
            self.model.fetchMore(QModelIndex())  # past the last row shown: the next page
            self._show_result_count()
        rows = self.model.rowCount()
        if rows == 0:
            return
        target = 0 if current < 0 else min(max(current + step, 0), rows - 1)
        table.selectRow(target)
        table.scrollTo(self.model.index(target, 0))

    def open_selected(self) -> CustomerCard | None:
        table = self.ui.customer_table
        row = table.currentIndex().row()
        if row < 0 and self.model.rowCount():
            row = 0
        found = self.model.row_at(row)
        if found is None:
            return None
        card = self.open_customer(found.id)
        if found.match == "card":
            # A barcode scanner typed a card number and Enter: the purchase comes next.
            card.focus_counter()
        return card

    def new_customer(self) -> CustomerCard | None:
        return self.open_customer(None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            if watched is self.ui.search_edit and self._search_timer.isActive():
                self._search_timer.stop()  # Enter right after typing: search first
                self._start_search()
            if watched is self.ui.search_edit and self._shown_seq != self._search_seq:
                self._open_when_shown = True  # open the first hit once it is shown
                return True
            self.open_selected()
            return True
        if watched is self.ui.search_edit:
            moves = {
                Qt.Key.Key_Down: 1,
                Qt.Key.Key_Up: -1,
                Qt.Key.Key_PageDown: 10,
                Qt.Key.Key_PageUp: -10,
            }
            if key in moves:
                self.move_selection(moves[key])
                return True
            if key == Qt.Key.Key_Escape:
                if not self.ui.search_edit.text() and self.notices:
                    self.notices[-1].dismiss()  # nothing to clear: the newest notice goes
                self.ui.search_edit.clear()
                return True
        elif key == Qt.Key.Key_Escape:
            self.focus_search()
            return True
        return super().eventFilter(watched, event)

    # --- cards --------------------------------------------------------------------
    def _on_card_saved(self, customer_id: str) -> None:
        for key, card in list(self.cards.items()):
            if card.customer_id == customer_id and key != customer_id:
                del self.cards[key]
                self.cards[customer_id] = card
        self.refresh()

    def forget_card(self, card: CustomerCard) -> None:
        for key, open_card in list(self.cards.items()):
            if open_card is card:
                del self.cards[key]

    def _card_closed(self, card: CustomerCard) -> None:
        self.forget_card(card)
        if not self.cards:
            self.clear_search()  # the next customer starts from an empty box

    def clear_search(self) -> None:
        """Ready for the next customer: an empty search box (a scan must not append)."""
        if self.ui.search_edit.text():
            self.ui.search_edit.clear()
            self._start_search()
        if not any(card.isVisible() for card in self.cards.values()):
            self.focus_search()

    # --- scans (crmdesk/ui/points/counter.py) ----------------------------------------------
    def open_scanned(self, number: str, source: Any = None) -> CustomerCard | None:
        """A card number was scanned (into ``source``): open its customer for the sale."""
        return self.counter.open_scanned(number, source)

    def _step_card(self, card: CustomerCard, step: int) -> None:
        """Show the next/previous result in the same card (asking about unsaved edits)."""
        if not card.confirm_discard():
            return
        self.move_selection(step)
        row = self.model.row_at(self.ui.customer_table.currentIndex().row())
        if row is None or row.id in self.cards:
            return
        self.forget_card(card)
        card.show_customer(row.id)
        self.cards[row.id] = card

    # --- database -----------------------------------------------------------------
    def database_changed(self) -> None:
        """Show the file now in :attr:`db` (at start and after File > Open)."""
        from crmdesk.ui.shop.settings_dialog import shop_name_of

        path = getattr(self.db, "path", None)
        shop = shop_name_of(self.db)
        title = self.tr("crmdesk 顧客管理")
        self.setWindowTitle(f"{shop} - {title}" if shop else title)
        self.path_label.setText(str(path) if path else "")
        self.sync_label.setText(self.tr("同期: 未設定"))
        hooks = getattr(self.db, "on_replaced", None)
        if hooks is not None and not any(h is self._replaced_hook for h in hooks):
            hooks.append(self._replaced_hook)
        self.model.set_database(self.db)
        self._show_result_count()
        self._count_customers()
        self.file_watch.watch(Path(path) if path else None)
        if path:
            settings.add_recent_file(Path(path))
        self.database_opened.emit()

    def _on_file_replaced(self) -> None:
        """Another program put a different file in place (a restore): say so, show it."""
        text = self.tr(
            "データベースのファイルが別のプログラムで置き換えられました（復元など）。"
            "置き換えられた後の内容を表示しています"
        )
        if not any(n.text() == text for n in self.notices):
            self.show_notice(text, error=True)
        self.show_status(text)
        self.refresh()
        for card in list(self.cards.values()):
            if card.is_dirty():
                continue  # unsaved edits stay on screen; saving writes to the file now there
            try:
                card.show_customer(card.customer_id)
            except DomainError:  # not in the file now there
                card.done(0)

    def _count_customers(self) -> None:
        from crmdesk.services import customer_list

        db = self.db
        if db is None:
            return
        if self._counting:  # one count at a time (the watch may ask often); once more after
            self._count_again = True
            return
        self._counting, self._count_again = True, False

        def count() -> int:
            with db.sessions() as session:
                return customer_list.count_customers(session)

        def counted(found: int | None) -> None:
            self._counting = False
            if found is not None:
                self._show_count(found)
            if self._count_again:
                self._count_customers()

        self._run(count, on_done=counted, on_error=lambda: counted(None))

    def _show_count(self, count: int) -> None:
        self.customer_count = count
        self.count_label.setText(self.tr("顧客 {0}人").format(f"{count:,}"))

    def _run(self, job: Any, on_done: Any, on_error: Any = None) -> None:
        """Run a read-only job on a worker; keep it alive until it reports."""
        holder: list[Any] = []

        def done(result: Any) -> None:
            self._workers.discard(holder[0])
            on_done(result)

        def failed(error: Exception) -> None:
            self._workers.discard(holder[0])
            if on_error is not None:
                on_error()
            report_failure(self.tr("一覧・検索を表示できませんでした"), error, self)

        # owner: a window closed before the job reports is left alone (no deleted labels)
        worker = run_in_background(job, on_done=done, on_error=failed, owner=self)
        holder.append(worker)
        self._workers.add(worker)

    # --- help ---------------------------------------------------------------------
    def show_shortcuts(self) -> None:

        show_shortcuts(self)

    def show_about(self) -> None:

        show_about(self)

    # --- closing ------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        for card in list(self.cards.values()):
            if card.isVisible() and not card.close():
                event.ignore()
                return
        self._search_timer.stop()
        self.file_watch.watch(None)
        QThreadPool.globalInstance().waitForDone(5000)
        event.accept()


def load_for_attach() -> None:
    """Import what :meth:`MainWindow.attach` and the first search use (the database
    layer's services, the File menu's actions, every feature). Only imports, no widget:
    ui/app.py runs it on the worker that opens the file, so the window does not."""
    import crmdesk.services.customer_list
    import crmdesk.services.search
    import crmdesk.ui.data.file_actions
    import crmdesk.ui.points.counter
    import crmdesk.ui.shop.settings_dialog  # noqa: F401
    from crmdesk.ui.extensions import FEATURES, _modules

    _modules(FEATURES)


def _search(db: Any, query: str) -> SearchPage:
    from crmdesk.services.search import find_customers

    with db.sessions() as session:
        return find_customers(session, query)
