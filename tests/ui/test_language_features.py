"""The feature windows in English: no Japanese left but the shop's own data.

Each widget is opened for real on a small database, in English, and every text a person
reads is collected: labels, buttons, window titles, group boxes, tabs, table headers,
placeholders, menu items. Only the data seeded here (names, the shop's rank names...)
may be Japanese.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QTreeView,
    QTreeWidget,
    QWidget,
    QWizard,
)

from crmdesk.core.clock import local_today
from crmdesk.services import (
    campaigns,
    cards,
    inquiries,
    inquiry_categories,
    mailings,
    points,
    purchases,
    segments,
)
from crmdesk.services.staff import CLI_ACTOR, Actor
from crmdesk.ui import i18n
from tests.helpers.factories import add_customer
from tests.helpers.shop import buy

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")
OWNER = Actor(staff_id=None, name="owner", role="owner")


@pytest.fixture
def english() -> Iterator[None]:
    assert i18n.set_language("en")
    yield
    i18n.set_language("ja")


@pytest.fixture
def shop(db: Any) -> dict[str, Any]:
    """Two customers, a card, purchases, an inquiry, a segment and a sent mailing."""
    today = local_today()
    with db.transaction() as s:
        ada = add_customer(s, family_name="山田", given_name="花子", phone1="0312345678")
        bob = add_customer(s, family_name="山田", given_name="花子", phone1="0312345678")
        card = cards.issue_card(s, ada, actor=CLI_ACTOR).card_number
        purchases.record_purchase(s, card_number=card, amount=12_000, actor=CLI_ACTOR)
        buy(s, bob, 3_000, today - timedelta(days=40))
        inquiries.create_inquiry(
            s, {"customer_id": ada, "subject": "予約", "follow_up_on": today}, actor=CLI_ACTOR
        )
        unknown = inquiries.create_inquiry(
            s, {"caller_name": "山田", "caller_phone": "0312345678", "subject": "在庫"}
        ).inquiry_id
        segments.save_segment(s, "全員", {"op": "and", "conditions": []})
        mailing = mailings.preview(s, "全員", today=today - timedelta(days=10))
        campaigns.create_campaign(s, "秋のDM", mailing, sent_on=today - timedelta(days=10))
        ranks = [r.name for r in points.load_rules(s).ranks]
        inquiry_categories.ensure_default_categories(
            s
        )  # the shop's categories: data, kept as typed
        categories = [c.name for c in inquiry_categories.list_categories(s)]
    data = ["山田 花子", "山田", "花子", "予約", "在庫", "全員", "秋のDM", *ranks, *categories]
    return {"ada": ada, "bob": bob, "card": card, "unknown": unknown, "data": data}


def _header_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    return [
        str(model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
        for c in range(model.columnCount(QModelIndex()))
    ]


def _menu_texts(menu: QMenu) -> list[str]:
    texts = [menu.title()]
    for action in menu.actions():
        texts.append(action.text())
        if action.menu() is not None:
            texts += _menu_texts(action.menu())
    return texts


def visible_texts(widget: QWidget, combos: bool = False) -> list[str]:
    """Everything a person reads in ``widget`` and its children (table cells excepted)."""
    texts = [widget.windowTitle()]
    for child in [widget, *widget.findChildren(QWidget)]:
        if isinstance(child, QLabel | QAbstractButton):
            texts.append(child.text())
        if isinstance(child, QGroupBox):
            texts.append(child.title())
        if isinstance(child, QLineEdit | QPlainTextEdit):
            texts.append(child.placeholderText())
        if isinstance(child, QAbstractSpinBox):
            texts += [getattr(child, "suffix", str)(), getattr(child, "prefix", str)()]
        if isinstance(child, QTabWidget):
            texts += [child.tabText(i) for i in range(child.count())]
        if isinstance(child, QTableView | QTreeView):
            texts += _header_texts(child)
        if isinstance(child, QTreeWidget):
            item = child.headerItem()
            texts += [item.text(c) for c in range(child.columnCount())]
        if isinstance(child, QMenu):
            texts += _menu_texts(child)
        if isinstance(child, QWizard):
            texts += [child.page(i).title() for i in child.pageIds()]
            texts += [child.page(i).subTitle() for i in child.pageIds()]
        if combos and isinstance(child, QComboBox):
            texts += [child.itemText(i) for i in range(child.count())]
        texts.append(child.toolTip())
    return [t for t in texts if t]


def japanese_left(texts: list[str], data: list[str]) -> list[str]:
    found = []
    for text in texts:
        rest = text
        for value in sorted(data, key=len, reverse=True):
            rest = rest.replace(value, "")
        if JAPANESE.search(rest):
            found.append(text)
    return found


def open_all(db: Any, shop: dict[str, Any], qtbot: Any) -> dict[str, QWidget]:
    from crmdesk.ui.customers.dupes_dialog import DupesDialog
    from crmdesk.ui.customers.timeline_panel import TimelinePanel
    from crmdesk.ui.dashboard.dialog import DashboardDialog
    from crmdesk.ui.data.export_dialog import ExportDialog
    from crmdesk.ui.data.import_wizard import ImportWizard
    from crmdesk.ui.inquiries.dialog import InquiryDialog
    from crmdesk.ui.inquiries.follow_ups import FollowUpsView
    from crmdesk.ui.mailings.campaigns_view import CampaignsDialog
    from crmdesk.ui.mailings.panel import MailingsPanel
    from crmdesk.ui.mailings.segment_builder import SegmentBuilderDialog
    from crmdesk.ui.mailings.wizard import MailingWizard
    from crmdesk.ui.points.dialogs import PointRulesDialog, VoidPurchaseDialog
    from crmdesk.ui.points.panel import PointsPanel

    ada = shop["ada"]
    widgets: dict[str, QWidget] = {}
    for name, panel_type in (
        ("points", PointsPanel),
        ("timeline", TimelinePanel),
        ("mailings", MailingsPanel),
    ):
        panel = panel_type()
        panel.load(db, ada)
        widgets[name] = panel
    widgets["new inquiry"] = InquiryDialog(db, customer_id=ada)
    widgets["unknown caller"] = InquiryDialog(db, inquiry_id=shop["unknown"])
    widgets["follow-ups"] = FollowUpsView(db)
    widgets["point rules"] = PointRulesDialog(db, CLI_ACTOR)
    widgets["void"] = VoidPurchaseDialog(db, ada, CLI_ACTOR)
    builder = SegmentBuilderDialog(db)
    builder.add_condition()
    widgets["segment builder"] = builder
    wizard = MailingWizard(db, segment="全員")
    with qtbot.waitSignal(wizard.previewed, timeout=10_000):
        wizard.preview_recipients()
    widgets["mailing wizard"] = wizard
    campaigns_view = CampaignsDialog(db)
    campaigns_view.select(0)
    widgets["campaigns"] = campaigns_view
    dashboard = DashboardDialog(db)
    with qtbot.waitSignal(dashboard.computed, timeout=30_000):
        dashboard.refresh()
    widgets["dashboard"] = dashboard
    widgets["import wizard"] = ImportWizard(db)
    dupes = DupesDialog(db)
    dupes.find()
    qtbot.waitUntil(lambda: dupes.pair_table.rowCount() == 1, timeout=5000)
    dupes.pair_table.selectRow(0)
    widgets["dupes"] = dupes
    widgets["export"] = ExportDialog(db, OWNER)
    for widget in widgets.values():
        qtbot.addWidget(widget)
    return widgets


def test_feature_windows_show_no_japanese_in_english(
    db: Any, shop: dict[str, Any], qtbot: Any, english: None
) -> None:
    widgets = open_all(db, shop, qtbot)
    found = {
        name: japanese_left(visible_texts(w, combos=True), shop["data"])
        for name, w in widgets.items()
    }
    assert {name: texts for name, texts in found.items() if texts} == {}
    # spot checks that the texts are the English ones, not just any non-Japanese
    assert widgets["points"].title() == "Points and purchases"  # type: ignore[attr-defined]
    assert widgets["points"].header_figures()["Points"] == "120 pt"  # type: ignore[attr-defined]
    assert widgets["new inquiry"].windowTitle() == "Log inquiry"
    follow_ups = widgets["follow-ups"].model  # type: ignore[attr-defined]
    assert follow_ups.headerData(0, Qt.Orientation.Horizontal) == "Follow-up"
    assert widgets["export"].windowTitle() == "Export"
    assert widgets["dupes"].fields.horizontalHeaderItem(0).text() == "Field"  # type: ignore
    # the dupes dialog's field names come from the core in the UI language
    assert widgets["dupes"].pair_table.item(0, 3).text() != ""  # type: ignore[attr-defined]
    assert not JAPANESE.search(widgets["dupes"].pair_table.item(0, 3).text())  # type: ignore


def test_feature_menus_are_english(window_en: Any) -> None:
    texts: list[str] = []
    for key in ("file", "customer", "tools", "reports", "help"):
        texts += _menu_texts(window_en.menu(key))
    assert japanese_left(texts, []) == []
    assert "&Dashboard…" in texts or "Dashboard…" in texts
    assert "Issue point card…" in texts and "Log inquiry…" in texts


@pytest.fixture
def window_en(db: Any, qtbot: Any, english: None) -> Iterator[Any]:
    from PySide6.QtCore import QThreadPool

    from crmdesk.ui.main_window import MainWindow

    win = MainWindow(db)
    qtbot.addWidget(win)
    yield win
    QThreadPool.globalInstance().waitForDone(5000)


def test_japanese_mode_keeps_the_japanese_texts(db: Any, shop: dict[str, Any], qtbot: Any) -> None:
    assert i18n.language() == "ja"
    widgets = open_all(db, shop, qtbot)
    assert widgets["points"].title() == "ポイント・お買い上げ"  # type: ignore[attr-defined]
    assert "ポイント残高" in japanese_left(visible_texts(widgets["points"]), shop["data"])
    assert widgets["new inquiry"].windowTitle() == "問い合わせを記録"
    follow_ups = widgets["follow-ups"].model  # type: ignore[attr-defined]
    assert follow_ups.headerData(0, Qt.Orientation.Horizontal) == "フォローアップ"
    assert widgets["export"].windowTitle() == "書き出し"
    assert widgets["dashboard"].refresh_button.text() == "集計"  # type: ignore[attr-defined]
    assert "売上 <b>" in widgets["dashboard"].tiles.text()  # type: ignore[attr-defined]


def test_a_domain_error_in_a_feature_is_english(
    db: Any, shop: dict[str, Any], qtbot: Any, english: None
) -> None:
    from crmdesk.core.errors import DomainError
    from crmdesk.ui.data.export_dialog import ExportDialog
    from crmdesk.ui.points.panel import PointsPanel

    panel = PointsPanel()
    qtbot.addWidget(panel)
    panel.load(db, shop["ada"])
    panel.amount_edit.setText("12円じゃない")
    panel.confirm()
    shown = panel.message.text()
    assert shown == DomainError("invalid_amount", field="amount").message("en")
    assert shown and not JAPANESE.search(shown)

    dialog = ExportDialog(db, OWNER)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("segment"))
    dialog.segment.setText("nobody")
    dialog.path.setText(str(db.path.parent / "out.csv"))
    dialog.run()
    shown = dialog.status.text()
    assert shown == DomainError("segment_not_found", field="segment", ref="nobody").message("en")
    assert not JAPANESE.search(shown)


def test_follow_up_field_understands_english_words() -> None:
    from crmdesk.ui.inquiries.dialog import parse_follow_up

    today = date(2026, 11, 30)
    assert parse_follow_up("Tomorrow", today) == date(2026, 12, 1)
    assert parse_follow_up("明日", today) == date(2026, 12, 1)
