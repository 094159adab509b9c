"""Shared fixtures: a fresh, migrated SQLite file for every test."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).parent


#: Folders outside the default run, each run only when asked for by path: the benchmarks
#: (``pytest tests/bench``) and the app build (``pytest -n 0 tests/packaging``, ~4 minutes).
ON_DEMAND = ("bench", "packaging")


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Benchmarks and the packaging build run only when asked for by path."""
    for name in ON_DEMAND:
        folder = HERE / name
        if collection_path == folder or folder in collection_path.parents:
            asked = any(name in str(arg) for arg in config.args)
            return None if asked else True
    return None


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto`` (pyproject): every core for the default run or a folder of tests; one
    process for a file or a single test (starting workers costs more than it saves) and
    for benchmarks, which time themselves against a baseline and must run alone."""
    args = [str(arg) for arg in config.args]
    if any("bench" in arg for arg in args):
        return 0
    if not any(Path(arg.split("::")[0]).is_dir() for arg in args):
        return 0
    return os.cpu_count() or 1


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        path = Path(str(item.fspath))
        if HERE / "ui" in path.parents:
            item.add_marker(pytest.mark.gui)
        if HERE / "packaging" in path.parents:
            item.add_marker(pytest.mark.packaging)
            item.add_marker(pytest.mark.timeout(1800))  # a cold build takes minutes
        if HERE / "bench" in path.parents:
            item.add_marker(pytest.mark.bench)
            item.add_marker(pytest.mark.timeout(0))  # benchmarks build big files; no limit


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test ever touches the real user data directory."""
    monkeypatch.setenv("CRMDESK_DATA_DIR", str(tmp_path / "userdata"))


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated empty database per run; tests get copies (fast, like Anki's)."""
    from crmdesk.store.db import open_database

    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    db = open_database(path)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture
def db_path(template_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "shop.sqlite3"
    shutil.copy(template_db, path)
    return path


@pytest.fixture
def db(db_path: Path) -> Iterator[object]:
    from crmdesk.store.db import open_database

    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def session(db: object) -> Iterator[object]:
    """A session in an open transaction, committed at the end of the test."""
    with db.transaction() as s:  # type: ignore[attr-defined]
        yield s
