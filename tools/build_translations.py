"""Update and compile the window's translations.

Source strings (forms/*.ui and ``tr()`` in crmdesk/ui) are Japanese, so the window is
Japanese even without any translation file. English lives in
``resources/translations/crmdesk_en.ts``:

    python tools/build_translations.py          # lupdate (keeps translations) + lrelease
    pyside6-linguist resources/translations/crmdesk_en.ts   # translate new strings

then run it again to compile ``crmdesk_en.qm``. Both files are committed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "translations" / "crmdesk_en.ts"
QT_EXTRA = ROOT / "resources" / "translations" / "qt_extra_ja.ts"


def sources() -> list[Path]:
    ui = sorted((ROOT / "forms").glob("*.ui"))
    py = sorted(
        p
        for p in (ROOT / "crmdesk" / "ui").rglob("*.py")
        if "forms" not in p.parts  # compiled forms: their .ui is the source
    )
    return ui + py


def tool(name: str, *args: str) -> None:
    code = f"from PySide6.scripts.pyside_tool import {name}; {name}()"
    subprocess.run([sys.executable, "-c", code, *args], check=True, cwd=ROOT)


def main() -> int:
    files = [str(p.relative_to(ROOT)) for p in sources()]
    tool("lupdate", "-no-obsolete", "-locations", "none", "-source-language", "ja",
         "-target-language", "en", *files, "-ts", str(TS.relative_to(ROOT)))  # fmt: skip
    tool("lrelease", str(TS.relative_to(ROOT)), "-qm", str(TS.with_suffix(".qm").relative_to(ROOT)))
    extra = QT_EXTRA.relative_to(ROOT)  # Japanese for Qt texts qtbase_ja.qm lacks
    tool("lrelease", str(extra), "-qm", str(extra.with_suffix(".qm")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
