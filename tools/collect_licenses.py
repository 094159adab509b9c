"""Write resources/licenses/: the licences of what the app bundles (Help > About shows them).

    python tools/collect_licenses.py

Reads the installed packages' own metadata (``License-Expression`` / ``License`` /
classifiers) and licence files, for crmdesk's runtime dependencies and theirs, so the
texts are those of the versions installed. Run it again after a dependency changes and
commit the result. The IPA font's agreement comes from matplotlib-fontja (which ships
the font); the LGPL and GPL texts from the system (Debian's /usr/share/common-licenses)
when PySide6's wheel carries none.
"""

from __future__ import annotations

import re
import sys
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "licenses"
SKIP = {"crmdesk", "pip", "setuptools", "wheel"}
COMMON = Path("/usr/share/common-licenses")


def key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_closure() -> list[str]:
    seen: dict[str, frozenset[str]] = {}
    todo: list[tuple[str, frozenset[str]]] = [("crmdesk", frozenset())]
    while todo:
        name, extras = todo.pop()
        try:
            dist = distribution(name)
        except PackageNotFoundError:
            continue
        k = key(name)
        if k in seen and extras <= seen[k]:
            continue
        seen[k] = seen.get(k, frozenset()) | extras
        for line in dist.requires or []:
            req = Requirement(line)
            wanted = extras or {""}
            if req.marker is None or any(req.marker.evaluate({"extra": e}) for e in wanted):
                todo.append((req.name, frozenset(req.extras)))
    return sorted(k for k in seen if k not in SKIP)


def licence_of(name: str) -> str:
    meta = distribution(name).metadata
    expression = meta.get("License-Expression") or ""
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::")]  # fmt: skip
    text = (meta.get("License") or "").strip()
    short = text.splitlines()[0] if text and len(text) < 120 and "\n" not in text else ""
    return expression or ", ".join(classifiers) or short or "see the licence text"


def licence_files(name: str) -> list[tuple[str, str]]:
    dist = distribution(name)
    found = []
    for file in dist.files or []:
        path = str(file)
        base = path.rsplit("/", 1)[-1].upper()
        if ".dist-info/" in path and any(w in base for w in ("LICEN", "COPYING", "NOTICE")):
            try:
                found.append((path, Path(str(dist.locate_file(file))).read_text("utf-8")))
            except (OSError, UnicodeDecodeError):
                continue
    return found


def write(name: str, text: str) -> None:
    (OUT / name).write_text(text.lstrip("\ufeff").rstrip() + "\n", encoding="utf-8")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    packages = runtime_closure()
    fontja = distribution("matplotlib-fontja")
    ipa = next(f for f in fontja.files or [] if f.name == "IPA_Font_License_Agreement_v1.0.txt")
    write("IPA_Font_License_Agreement_v1.0.txt", Path(str(fontja.locate_file(ipa))).read_text())

    pyside = distribution("PySide6-Essentials")
    write("Qt_PySide6_LGPL-3.0.txt", "\n".join([
        f"Qt {pyside.version} and Qt for Python (PySide6 {pyside.version}, shiboken6)",
        "=" * 70,
        "",
        "crmdesk uses Qt and PySide6 under the GNU Lesser General Public License version 3",
        f"(their licence: {licence_of('PySide6-Essentials')}). They are linked dynamically:",
        "the Qt and PySide6 libraries in this program's folder can be replaced by the user",
        "with a compatible modified version.",
        "",
        "Source code: https://download.qt.io/official_releases/qt/ (Qt) and",
        "https://download.qt.io/official_releases/QtForPython/ (PySide6, shiboken6), or",
        "https://code.qt.io/cgit/pyside/pyside-setup.git/ . On request the shop's supplier",
        "provides the exact sources of the versions shipped.",
        "",
        "Copyright (C) The Qt Company Ltd. and other contributors.",
        "",
        "The text of the LGPL version 3 follows; it supplements the GPL version 3, whose",
        "text is in GPL-3.0.txt beside this file.",
        "",
        (COMMON / "LGPL-3").read_text(),
    ]))  # fmt: skip
    write("GPL-3.0.txt", (COMMON / "GPL-3").read_text())

    for name, title, note in (
        ("psycopg", "psycopg 3 (and psycopg-binary, with libpq)",
         "Used to reach the branch hub (PostgreSQL). LGPL-3.0: linked as a Python module,"
         " replaceable by the user. Source: https://github.com/psycopg/psycopg"),
        ("pykakasi", "pykakasi",
         "Used to suggest furigana (kanji to kana). Licensed under the GNU General Public"
         " License version 3 or later (GPL-3.0-or-later), not the LGPL. Source:"
         " https://codeberg.org/miurahr/pykakasi"),
    ):  # fmt: skip
        dist = distribution(name)
        texts = "\n\n".join(text for _path, text in licence_files(name))
        write(f"{name}.txt", f"{title} {dist.version}\n{'=' * 70}\n\nLicence: "
              f"{licence_of(name)}\n\n{note}\n\n{texts}")  # fmt: skip

    lines = ["Third-party software bundled with crmdesk", "=" * 70, "",
             "Each package, its version and licence (from its own metadata), then the licence",
             "texts it ships. The fonts: IPAexGothic (IPA Font License Agreement v1.0, see",
             "IPA_Font_License_Agreement_v1.0.txt), and the DejaVu / STIX fonts matplotlib",
             "ships (their licences are in matplotlib's mpl-data/fonts/ttf).", ""]  # fmt: skip
    for name in packages:
        dist = distribution(name)
        lines.append(f"- {dist.metadata['Name']} {dist.version}: {licence_of(name)}")
    for name in packages:
        dist = distribution(name)
        for path, text in licence_files(name):
            lines += ["", "-" * 70, f"{dist.metadata['Name']} {dist.version} ({path})", "-" * 70,
                      text.strip()]  # fmt: skip
    write("third-party.txt", "\n".join(lines))
    print(f"{len(packages)} packages, written to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
