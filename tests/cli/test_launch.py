"""``crmdesk``: a command never loads Qt; no command opens the window."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from crmdesk.cli import main


def test_a_command_never_loads_qt(tmp_path: Path) -> None:
    db = tmp_path / "shop.sqlite3"
    code = (
        "import sys; from crmdesk.launch import main; "
        f"rc = main(['--db', {str(db)!r}, 'init', '--json']); "
        "print('qt' if 'PySide6' in sys.modules else 'no qt'); sys.exit(rc)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "no qt"
    assert db.exists()


def test_without_a_command_the_window_opens_on_the_file(tmp_path: Path) -> None:
    db = tmp_path / "shop.sqlite3"
    # Qt keeps its settings under XDG_CONFIG_HOME: the user's own are never touched.
    env = os.environ | {
        "QT_QPA_PLATFORM": "offscreen",
        "CRMDESK_DATA_DIR": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    log = tmp_path / "stderr.txt"
    with (
        log.open("w") as errors,
        subprocess.Popen(
            [sys.executable, "-m", "crmdesk", "--db", str(db)], env=env, stderr=errors
        ) as child,
    ):
        try:
            deadline = time.monotonic() + 90
            while not db.exists() and child.poll() is None and time.monotonic() < deadline:
                time.sleep(0.2)
            time.sleep(1.0)  # the window is up (the first-run offer waits for an answer)
            assert child.poll() is None, log.read_text()
            assert db.exists()
        finally:
            child.kill()


def test_the_command_line_alone_prints_its_help_without_a_command(capsys) -> None:
    assert main([]) == 2
    assert "usage:" in capsys.readouterr().out
