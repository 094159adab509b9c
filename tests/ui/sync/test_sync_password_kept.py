"""The hub password typed on the settings page lives in the keyring only: not in QSettings,
not in the branch file, not in a log record (the page and a sync round, end to end)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from crmdesk.sync import api
from crmdesk.ui import settings
from crmdesk.ui.branch_sync.settings_page import BranchSyncPage
from tests.helpers.pg import database_url, dbname_of, require_password
from tests.helpers.qt_typing import type_text
from tests.ui.sync.test_sync_window import LONG, wait_synced


def test_the_password_from_the_settings_page_is_only_in_the_keyring(
    open_window: Any,
    make_branch: Any,
    hub: str,
    pg_server: Any,
    qtbot: Any,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    secret = "Settei-51c0-Kagi"
    role_url = require_password(pg_server, "branch_k", secret)
    pg_server.execute(pg_server.admin_url, "ALTER ROLE branch_k SUPERUSER")
    caplog.set_level(logging.DEBUG)
    branch = make_branch("K")
    win = open_window(branch.db)
    page = BranchSyncPage(win)
    qtbot.addWidget(page)
    page.show()
    page.address.setText(database_url(role_url, dbname_of(hub)))
    page.user.setText("branch_k")
    type_text(page.password, secret)
    page.branch_code.setText("K")
    page.branch_name.setText("鍵店")
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message.text().startswith("接続できました"), timeout=LONG)
    dialog = page.join()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=LONG)
    assert dialog.outcome[0] == "done", dialog.outcome
    wait_synced(qtbot, win)  # a round that found the password in the keyring
    assert api.status(branch.db)["joined"]
    settings.qsettings().sync()
    written = [p for p in (tmp_path / "cfg").rglob("*") if p.is_file()]
    assert any(b"branch_k" in p.read_bytes() for p in written)  # the page saved its settings
    for path in written:
        assert secret.encode() not in path.read_bytes(), path
    for part in branch.path.parent.glob(branch.path.name + "*"):  # the file, -wal, -shm
        assert secret.encode() not in part.read_bytes(), part
    assert secret not in caplog.text
    assert secret in (tmp_path / "keyring.json").read_text()  # where it does live
