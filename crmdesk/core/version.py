"""crmdesk's own version: the installed package's metadata, else ``pyproject.toml``.

A source checkout run with ``PYTHONPATH`` and the frozen app (PyInstaller copies no
metadata for crmdesk; the spec bundles ``pyproject.toml`` beside the resources) have no
metadata of their own, so the version comes from the project file they carry.
"""

from __future__ import annotations

import sys
import tomllib
from functools import lru_cache
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path

UNKNOWN = "0+unknown"


def pyproject_path() -> Path:
    """The project file: in the bundle when frozen, else at the top of the checkout."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "pyproject.toml"
    return Path(__file__).resolve().parents[2] / "pyproject.toml"


def pyproject_version(path: Path | None = None) -> str | None:
    try:
        with (path or pyproject_path()).open("rb") as file:
            return str(tomllib.load(file)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return None


@lru_cache(maxsize=1)
def version() -> str:
    """``"0.1.0"``: what ``crmdesk --version``, Help > About and the Windows resource show."""
    if not getattr(sys, "frozen", False):
        try:
            return package_version("crmdesk")
        except PackageNotFoundError:
            pass
    return pyproject_version() or UNKNOWN
