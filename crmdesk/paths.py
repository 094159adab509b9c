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
    # find_spec locates the package without importing it: importing it would import
    # matplotlib, half a second the window's start-up does not need.
    from importlib.util import find_spec

    spec = find_spec("matplotlib_fontja")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("matplotlib-fontja is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "fonts" / "ipaexg.ttf"
