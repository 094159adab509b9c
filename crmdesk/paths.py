"""Where crmdesk finds its files: the user's data folder and the bundled resources.

Resources are read through :func:`resource` only, which knows PyInstaller's
``sys._MEIPASS`` as well as a source checkout.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "crmdesk"
DB_FILENAME = "crmdesk.sqlite3"


def data_dir() -> Path:
    override = os.environ.get("CRMDESK_DATA_DIR")
    return Path(override) if override else user_data_path(APP_NAME, appauthor=False)


def default_database() -> Path:
    """The shop's database file, created on first run in the user data directory."""
    return data_dir() / DB_FILENAME


def resource_root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resource_root().joinpath(*parts)


def japanese_font() -> Path:
    """IPAexGothic, shipped by matplotlib-fontja (used by Qt, matplotlib and reportlab)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "fonts" / "ipaexg.ttf"
    import matplotlib_fontja

    return Path(matplotlib_fontja.__file__).parent / "fonts" / "ipaexg.ttf"
