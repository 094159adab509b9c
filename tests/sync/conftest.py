"""Fixtures for the sync tests: a real PostgreSQL, fresh hubs, branch files, a test keyring.

- ``pg_server`` (session): our own pgserver, or the server of CRMDESK_TEST_PG_URL.
- ``hub_url``: a fresh empty database per test (dropped after), not initialised.
- ``hub``: a hub as right after ``api.init_hub`` (one database per run, put back to that
  state before each test: far cheaper than CREATE DATABASE).
- ``make_branch(name)``: a fresh branch file (own node id) in tmp_path; closed after.
- keyring: every test gets a file-backed keyring in tmp_path (also for the crmdesk
  processes a test starts: see ``sync_env``), never the OS keyring.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import keyring
import pytest

from tests.helpers.branches import BranchFile, open_branch_copy
from tests.helpers.keyring_file import BACKEND, ENV_FILE, FileKeyring
from tests.helpers.pg import Baseline, PgServer, dbname_of, start_server

REPO = Path(__file__).resolve().parents[2]

# When a Hypothesis test fails, its pytest plugin imports libcst to write a patch, and
# libcst's import warns (mypy_extensions.TypedDict is deprecated); with warnings as errors
# that aborted the whole run (INTERNALERROR) instead of reporting the failing example.
# Importing it once here, warning silenced, keeps a failure a failure.
with warnings.catch_warnings(), contextlib.suppress(ImportError):  # no libcst: no patch
    warnings.simplefilter("ignore", DeprecationWarning)
    import hypothesis.extra._patching  # noqa: F401


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    # Not under pytest's tmp dir: as root, pgserver runs postgres as another user, who
    # cannot enter /tmp/pytest-of-root (0700).
    data_dir = Path(tempfile.mkdtemp(prefix="crmdesk-pg-"))
    data_dir.chmod(0o755)
    server = start_server(data_dir / "data")
    yield server
    server.stop()
    shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture
def hub_url(pg_server: PgServer) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for this test alone."""
    url = pg_server.create_database("hub")
    yield url
    pg_server.drop_database(url)


@pytest.fixture(scope="session")
def hub_template(pg_server: PgServer) -> Iterator[str]:
    """One initialised hub per run (its database name), for copies and resets."""
    from crmdesk.sync import api

    url = pg_server.create_database("hubtemplate")
    api.init_hub(url)
    yield dbname_of(url)
    pg_server.drop_database(url)


@pytest.fixture(scope="session")
def _hub_baseline(pg_server: PgServer, hub_template: str) -> Iterator[Baseline]:
    url = pg_server.create_database("hub", template=hub_template)
    yield Baseline.take(url)
    pg_server.drop_database(url)


@pytest.fixture
def hub(_hub_baseline: Baseline) -> str:
    """An initialised hub as it is right after ``hub init``, for this test alone (one
    database reused by every test, put back to that state before each)."""
    _hub_baseline.restore()
    return _hub_baseline.url


@pytest.fixture
def make_branch(template_db: Path, tmp_path: Path) -> Iterator[Callable[..., BranchFile]]:
    opened: list[BranchFile] = []

    def make(name: str = "A") -> BranchFile:
        path = tmp_path / f"branch-{name}.sqlite3"
        branch = BranchFile(name=name, path=path, db=open_branch_copy(template_db, path))
        opened.append(branch)
        return branch

    yield make
    for branch in opened:
        branch.db.close()


@dataclass
class _Joined:
    hub: Baseline
    files: dict[str, Path]


@pytest.fixture(scope="session")
def _joined_cache(tmp_path_factory: pytest.TempPathFactory) -> dict[Any, _Joined]:
    return {"dir": tmp_path_factory.mktemp("joined")}  # type: ignore[dict-item]


@pytest.fixture
def joined_branches(
    make_branch: Callable[..., BranchFile],
    hub: str,
    _hub_baseline: Baseline,
    _joined_cache: dict[Any, Any],
    tmp_path: Path,
) -> Iterator[Callable[..., list[BranchFile]]]:
    """``joined_branches("A", "B", seed=fn)``: branch files that joined ``hub`` in that
    order (``seed(first_branch)`` ran before the first join), caught up.

    Joining costs a few seconds on a loaded machine, so the outcome (the hub's state and
    the files) is made once per run for each (names, seed) and put back for each test:
    the same as doing it again, the same computers (node ids) each time.
    """
    from crmdesk.store.backup import copy_database
    from crmdesk.store.db import open_database
    from tests.helpers.sync_ops import join, sync

    def make(*names: str, seed: Callable[[BranchFile], None] | None = None) -> list[BranchFile]:
        key = (names, seed.__module__ + "." + seed.__qualname__ if seed else None)
        cached = _joined_cache.get(key)
        if cached is None:
            _hub_baseline.restore()  # built from a just-initialised hub, whatever came before
            branches = [make_branch(name) for name in names]
            if seed:
                seed(branches[0])
            for branch in branches:
                join(branch, hub)
            sync(*branches[:-1])  # the earlier ones learn of the later (branch rows)
            folder = _joined_cache["dir"] / f"set{len(_joined_cache)}"
            folder.mkdir()
            files = {b.name: copy_database(b.path, folder / b.path.name) for b in branches}
            _joined_cache[key] = _Joined(Baseline.take(hub), files)
            return branches
        cached.hub.restore()
        out = []
        calls.append(1)
        for name in names:
            path = tmp_path / f"{len(calls)}-{cached.files[name].name}"
            copy_database(cached.files[name], path)
            out.append(BranchFile(name=name, path=path, db=open_database(path)))
        opened.extend(out)
        return out

    opened: list[BranchFile] = []
    calls: list[int] = []
    yield make
    for branch in opened:
        branch.db.close()


@pytest.fixture(autouse=True)
def _test_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FileKeyring]:
    path = tmp_path / "keyring.json"
    monkeypatch.setenv(ENV_FILE, str(path))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", BACKEND)
    previous = keyring.get_keyring()
    backend = FileKeyring(path)
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def sync_env(tmp_path: Path) -> dict[str, str]:
    """The environment for a ``python -m crmdesk`` process a test starts."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(REPO), *[p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]]
    )
    env["CRMDESK_DATA_DIR"] = str(tmp_path / "userdata")
    env.pop("CRMDESK_SYNC_PAUSE_AT", None)
    return env


def crmdesk_command(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "crmdesk", "--db", str(db), *args]
