"""The outlook as the owner sees it: refreshed in the background, on the card, on the
dashboard, always called an estimate."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt

from crmdesk.core import clock
from crmdesk.services import outlook
from crmdesk.store.models import Customer
from crmdesk.ui.outlook import feature as feature_outlook
from crmdesk.ui.outlook.panel import OutlookPanel
from tests.helpers.factories import add_customer
from tests.helpers.outlook_shop import add_visits, simulated_shop


def test_background_refresh_then_card_and_dashboard(window: Any, db: Any, qtbot: Any) -> None:
    today = clock.local_today()
    with db.transaction() as session:
        simulated_shop(session, today - timedelta(days=1), customers=150, seed=5)
        gone = add_customer(session, family_name="離れ", given_name="そう")
        first = today - timedelta(days=330)
        add_visits(session, gone, [first + timedelta(days=7 * k) for k in range(20)], 9_000)
        number = session.get(Customer, gone).customer_number
    with db.sessions() as session:
        assert outlook.is_stale(session)
    feature_outlook.check(window)
    qtbot.waitUntil(lambda: not window._outlook_worker_busy, timeout=20_000)
    with db.sessions() as session:
        assert not outlook.is_stale(session)
        assert outlook.last_run(session)["model"] == "bgnbd"

    card = window.open_customer(gone)
    panel = card.findChild(OutlookPanel)
    assert panel is not None
    assert "まだ来店してくださる見込み" in panel.text.text()
    assert "推定値" in panel.note.text()
    assert "来店の見込み: <b>90日で約0.0回（推定）</b>" in card.ui.header_figures.text()

    from crmdesk.ui.dashboard.feature import open_dashboard

    dashboard = open_dashboard(window)
    with qtbot.waitSignal(dashboard.at_risk.loaded, timeout=30_000):
        pass
    box = dashboard.at_risk
    assert box.model.rowCount() >= 1 and box.model.row_values(0)[0] == number
    assert "推定" in box.title() and "推定値" in box.note.text()
    box.view.setFocus()
    box.view.setCurrentIndex(box.model.index(0, 0))
    qtbot.keyClick(box.view, Qt.Key.Key_Return)
    assert window.cards[gone].isVisible()
    dashboard.close()


def test_card_of_a_customer_without_visits_says_so(qtbot: Any, db: Any) -> None:
    with db.transaction() as session:
        customer = add_customer(session)
    panel = OutlookPanel()
    qtbot.addWidget(panel)
    panel.load(db, customer)
    assert "来店の記録がまだない" in panel.text.text() and panel.header_figures() == {}
