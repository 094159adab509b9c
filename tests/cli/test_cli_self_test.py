"""``crmdesk self-test`` and ``crmdesk --version``, run as a user runs them: a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from crmdesk.cli import main
from crmdesk.cli.run_self_test import TITLES, run_step
from crmdesk.core.version import pyproject_version

ROOT = Path(__file__).parents[2]
STEPS = ["database", "search", "label_pdf", "chart", "postal", "translation", "window"]


def self_test(tmp_path: Path, *args: str, lang: str = "en_US.UTF-8") -> subprocess.CompletedProcess:
    env = os.environ | {
        "LANG": lang,
        "LC_ALL": "",
        "LC_MESSAGES": "",
        "CRMDESK_DATA_DIR": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.run(
        [sys.executable, "-m", "crmdesk", "self-test", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )


def test_every_step_passes_and_is_timed(tmp_path: Path) -> None:
    done = self_test(tmp_path, "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    data = json.loads(done.stdout)
    assert data["ok"] is True and data["failed"] == []
    assert [s["name"] for s in data["steps"]] == STEPS == list(TITLES)
    assert all(s["ok"] and s["error"] == "" and s["seconds"] >= 0 for s in data["steps"])
    details = {s["name"]: s["detail"] for s in data["steps"]}
    assert "東京都千代田区千代田" in details["postal"]
    assert "Go to the search box" in details["translation"]
    assert "1 customer listed" in details["window"]
    assert data["version"] == pyproject_version(ROOT / "pyproject.toml")
    # the user's own files are never touched: no data folder, no settings written
    assert not (tmp_path / "data").exists() and not (tmp_path / "config" / "crmdesk").exists()


def test_a_failing_step_is_named_and_the_exit_is_nonzero(tmp_path: Path) -> None:
    empty = tmp_path / "no-translations"
    empty.mkdir()
    done = self_test(tmp_path, "--translations", str(empty))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert len(lines) == len(STEPS) + 1
    failed = [line for line in lines if line.startswith("FAILED")]
    assert len(failed) == 1 and "translation: English translation loaded" in failed[0]
    assert "crmdesk_en.qm" in failed[0]
    assert lines[-1].startswith("self-test FAILED (translation): 6/7 steps passed")
    # in Japanese, the same step is named
    done = self_test(tmp_path, "--translations", str(empty), lang="ja_JP.UTF-8")
    assert done.returncode == 1
    assert "NG" in done.stdout and "英語の翻訳を読み込み" in done.stdout
    assert "自己診断: 失敗あり（translation）6/7項目成功" in done.stdout


def test_a_step_that_raises_fails_alone_with_its_error() -> None:
    def broken() -> str:
        raise OSError("disk full")

    result = run_step("chart", broken)
    assert not result.ok and result.error == "OSError: disk full" and result.seconds >= 0
    assert run_step("postal", lambda: "fine").to_json()["detail"] == "fine"


def test_version_is_the_projects(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert capsys.readouterr().out == f"crmdesk {project['project']['version']}\n"
