"""Windows fit the screen they open on: every button within reach on a small laptop.

The offscreen platform's screen is 800 × 800, smaller than the 1366 × 768 laptops many
shops have at the counter in width and close to them in height. The dashboard asked for
1200 × 860 and opened with its lower charts' buttons past the screen's foot.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from crmdesk.services.staff import Actor

OWNER = Actor(staff_id=None, name="owner", role="owner")


def _windows(db: Any) -> dict[str, Any]:
    from crmdesk.ui.about import AboutDialog
    from crmdesk.ui.customers.card import CustomerCard
    from crmdesk.ui.customers.dupes_dialog import DupesDialog
    from crmdesk.ui.dashboard.dialog import DashboardDialog
    from crmdesk.ui.data.import_wizard import ImportWizard
    from crmdesk.ui.mailings.campaigns_view import CampaignsDialog
    from crmdesk.ui.mailings.email_dialog import EmailCampaignDialog
    from crmdesk.ui.mailings.wizard import MailingWizard
    from crmdesk.ui.staff.audit_viewer import AuditViewer

    return {
        "card": lambda: CustomerCard(db),
        "dashboard": lambda: DashboardDialog(db),
        "import": lambda: ImportWizard(db),
        "mailing": lambda: MailingWizard(db),
        "email": lambda: EmailCampaignDialog(db, OWNER),
        "campaigns": lambda: CampaignsDialog(db),
        "dupes": lambda: DupesDialog(db),
        "audit": lambda: AuditViewer(db, OWNER),
        "about": AboutDialog,
    }


NAMES = ["card", "dashboard", "import", "mailing", "email", "campaigns", "dupes", "audit", "about"]


def _inside(window: QWidget, *, width: bool = True) -> None:
    room = (window.screen() or QGuiApplication.primaryScreen()).availableGeometry()
    outer = window.frameGeometry()
    assert outer.height() <= room.height(), (outer, room)
    assert outer.width() <= room.width() or not width, (outer, room)


@pytest.mark.parametrize("name", NAMES)
def test_each_window_opens_within_the_screen(qtbot: Any, db: Any, name: str) -> None:
    window = _windows(db)[name]()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    # The card's form is 836 px wide at the least: narrower than any screen of today
    # (1024 and up), wider than this test's 800.
    _inside(window, width=name != "card")
    window.close()


def test_the_calibration_page_opens_within_the_screen(qtbot: Any, db: Any) -> None:
    from crmdesk.ui.mailings.calibration import CalibrationDialog
    from crmdesk.ui.mailings.wizard import MailingWizard

    wizard = MailingWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.layout_box.setCurrentIndex(wizard.layout_box.findData("hisago-elm008"))
    qtbot.mouseClick(wizard.calibration_button, Qt.MouseButton.LeftButton)
    dialog = wizard.findChild(CalibrationDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    _inside(dialog)
    dialog.reject()  # a window-modal box left open trips the next test's stray-dialog check


def test_the_main_window_opens_within_the_screen(qtbot: Any, db: Any) -> None:
    from crmdesk.ui.main_window import MainWindow

    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    _inside(window)
