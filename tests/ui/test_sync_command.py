"""The window's sync runs as a child process: in the packaged app, crmdesk-cli."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from crmdesk.ui.branch_sync.sync_process import command


def test_the_packaged_app_syncs_through_its_console_program(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    suffix = ".exe" if sys.platform == "win32" else ""
    window = tmp_path / f"crmdesk{suffix}"
    window.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(window))
    db = tmp_path / "shop.sqlite3"
    # without the console program beside it (an older bundle): the window's own program
    assert command(db, "sync", "now") == [str(window), "--db", str(db), "sync", "now"]
    cli = tmp_path / f"crmdesk-cli{suffix}"
    cli.write_bytes(b"")  # a windowed .exe has no standard output to answer on
    assert command(db, "sync", "now")[0] == str(cli)


def test_from_source_it_is_python_with_the_module(tmp_path: Path) -> None:
    assert command(tmp_path / "x.sqlite3", "sync", "now")[:3] == [sys.executable, "-m", "crmdesk"]
