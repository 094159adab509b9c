"""The app's settings, kept in QSettings (organisation "crmdesk", application "crmdesk").

Keys, grouped by who owns them:

- ``shop/branch_code``: shown on printouts. (The shop's name lives in the database;
  an older ``shop/name`` is carried over once by
  :func:`crmdesk.ui.shop.settings_dialog.shop_name_of`.)
- ``database/path``: the file opened when ``crmdesk`` starts without ``--db``.
- ``files/recent``: the recently opened files, newest first.
- ``ui/language``: ``""`` (follow the system locale), ``"ja"`` or ``"en"``.
- ``ui/demo_offered``: the first-run demo offer was made for this file.
- Later features keep their settings in their own groups: ``points/``, ``labels/``,
  ``hub/`` (see :mod:`crmdesk.ui.branch_sync.hub_config`); read and write them through
  :func:`qsettings` like the keys here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

ORGANISATION = "crmdesk"
APPLICATION = "crmdesk"
MAX_RECENT = 8


def qsettings() -> QSettings:
    """The settings store. Tests point it at a temporary folder (see tests/ui/conftest.py)."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
    )


def value(key: str, default: str = "") -> str:
    raw = qsettings().value(key, default)
    return default if raw is None else str(raw)


def set_value(key: str, new_value: str) -> None:
    store = qsettings()
    store.setValue(key, new_value)
    store.sync()


def recent_files() -> list[Path]:
    raw = qsettings().value("files/recent", [])
    if isinstance(raw, str):  # QSettings gives a lone string for a one-item list
        raw = [raw]
    return [Path(p) for p in (raw or []) if p]


def add_recent_file(path: Path) -> None:
    path = path.resolve()
    known = recent_files()
    if known[:1] == [path]:
        return  # already the newest: no write (at each launch of the same file)
    files = [path] + [p for p in known if p != path]
    store = qsettings()
    store.setValue("files/recent", [str(p) for p in files[:MAX_RECENT]])
    store.sync()


def database_path() -> Path | None:
    text = value("database/path")
    return Path(text) if text else None


def language_setting() -> str:
    """``""`` (system locale), ``"ja"`` or ``"en"``."""
    lang = value("ui/language")
    return lang if lang in ("ja", "en") else ""


def demo_offered(path: Path) -> bool:
    offered = qsettings().value("ui/demo_offered", [])
    if isinstance(offered, str):
        offered = [offered]
    return str(path.resolve()) in (offered or [])


def mark_demo_offered(path: Path) -> None:
    offered = qsettings().value("ui/demo_offered", [])
    if isinstance(offered, str):
        offered = [offered]
    store = qsettings()
    store.setValue("ui/demo_offered", [*list(offered or []), str(path.resolve())])
    store.sync()
