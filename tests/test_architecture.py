"""Layering rules from DESIGN.md, as import-linter contracts (pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_import_contracts_hold() -> None:
    """Nothing outside crmdesk/ui imports Qt; arrows point down only."""
    proc = subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command as c; c()"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Contracts: " in proc.stdout, proc.stdout + proc.stderr
    assert proc.returncode == 0, proc.stdout
    assert " 0 broken" in proc.stdout


def test_only_the_ui_package_mentions_pyside() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "crmdesk").rglob("*.py")
        if "PySide6" in path.read_text(encoding="utf-8")
        and (ROOT / "crmdesk" / "ui") not in path.parents
    ]
    assert offenders == []


def test_the_layers_without_qt_pass_mypy_strict(tmp_path: Path) -> None:
    """STYLE.md: mypy strict for the layers without Qt (settings in pyproject.toml)."""
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "mypy")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Success: no issues found" in proc.stdout
