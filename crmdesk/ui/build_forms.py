"""Compile the Qt Designer forms in ``forms/*.ui`` into ``crmdesk/ui/forms/ui_<name>.py``.

Run ``python -m crmdesk.ui.build_forms`` after editing a form in Designer; the generated
files are committed (a test fails when one differs from a fresh compile of its .ui).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORMS = ROOT / "forms"
OUT = Path(__file__).resolve().parent / "forms"
HEADER = "# Generated from forms/{name}.ui by crmdesk.ui.build_forms. Do not edit.\n"
_VERSION_LINE = "## Created by: Qt User Interface Compiler"


def compile_form(ui_file: Path) -> str:
    """The Python source pyside6-uic makes of ``ui_file``, with our do-not-edit header."""
    proc = subprocess.run(
        [sys.executable, "-c", "from PySide6.scripts.pyside_tool import uic; uic()", str(ui_file)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    # The compiler's version line would make every PySide6 upgrade look like a form change.
    body = "\n".join(
        line for line in proc.stdout.splitlines() if not line.startswith(_VERSION_LINE)
    )
    return HEADER.format(name=ui_file.stem) + body.rstrip() + "\n"


def target(ui_file: Path) -> Path:
    return OUT / f"ui_{ui_file.stem}.py"


def main() -> int:
    for ui_file in sorted(FORMS.glob("*.ui")):
        target(ui_file).write_text(compile_form(ui_file), encoding="utf-8")
        print(f"{ui_file.relative_to(ROOT)} -> {target(ui_file).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
