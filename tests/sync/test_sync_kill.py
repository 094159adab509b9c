"""kill -9 of a real ``crmdesk sync now`` (and ``sync join``) process at the worst moments,
and two processes pushing at once: afterwards a plain sync finishes the job, exactly once.

``CRMDESK_SYNC_PAUSE_AT=point`` makes the process stop at that point (it says so on
stderr), so the kill lands exactly there.
"""

from __future__ import annotations

import selectors
import subprocess
import time
from collections.abc import Callable

import pytest

from crmdesk.services.search import search_customers
from tests.helpers.branches import BranchFile
from tests.helpers.sync_ops import api, full_round, join, join_all, sync
from tests.sync.conftest import crmdesk_command
from tests.sync.test_sync_faults import check_exactly_once, offline_day

MakeBranch = Callable[..., BranchFile]
PAUSED = "crmdesk-sync-paused"


def start_paused(
    branch: BranchFile, env: dict[str, str], point: str, *args: str
) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        crmdesk_command(branch.path, *args),
        env=env | {"CRMDESK_SYNC_PAUSE_AT": point},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_for_pause(proc, point)
    return proc


def wait_for_pause(proc: subprocess.Popen[str], point: str, timeout: float = 60) -> None:
    assert proc.stderr is not None
    seen: list[str] = []
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stderr, selectors.EVENT_READ)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not sel.select(timeout=0.5):
                if proc.poll() is not None:
                    break
                continue
            line = proc.stderr.readline()
            if not line and proc.poll() is not None:
                break
            seen.append(line)
            if PAUSED in line and point in line:
                return
    proc.kill()
    pytest.fail(f"the process never paused at {point}: rc={proc.poll()} stderr={''.join(seen)!r}")


def kill(proc: subprocess.Popen[str]) -> None:
    proc.kill()  # SIGKILL: no cleanup, no atexit, no rollback by us
    proc.wait(10)
    for stream in (proc.stdout, proc.stderr):
        if stream:
            stream.close()


# In-process faults cover every point (test_sync_faults); a real kill -9 at the ones where
# a process dying differs most from an exception: mid-transaction and an ack lost.
@pytest.mark.parametrize("point", ["push_before_commit", "push_after_commit"])
def test_sync_now_killed_while_pushing_resumes_exactly_once(
    make_branch: MakeBranch, hub: str, sync_env: dict[str, str], point: str
) -> None:
    a, b = make_branch("A"), make_branch("B")
    join_all(hub, a, b)
    made, sales = offline_day(a)
    kill(start_paused(a, sync_env, point, "sync", "now"))
    full_round(a, b)
    check_exactly_once([a, b], hub, made, sales)


@pytest.mark.parametrize("point", ["pull_before_commit"])
def test_sync_now_killed_while_applying_a_pull_resumes_exactly_once(
    make_branch: MakeBranch, hub: str, sync_env: dict[str, str], point: str
) -> None:
    a, b = make_branch("A"), make_branch("B")
    join_all(hub, a, b)
    made, sales = offline_day(a)
    sync(a)
    cursor = api().status(b.db)["cursor"]
    kill(start_paused(b, sync_env, point, "sync", "now"))
    assert api().status(b.db)["cursor"] == cursor
    assert not set(made) & b.customer_ids()
    full_round(a, b)
    check_exactly_once([a, b], hub, made, sales)


def test_join_killed_after_a_page_resumes(
    make_branch: MakeBranch, hub: str, sync_env: dict[str, str]
) -> None:
    a, b = make_branch("A"), make_branch("B")
    made, sales = offline_day(a, n=4)
    join(a, hub)
    kill(
        start_paused(
            b, sync_env, "join_page", "sync", "join", hub, "--branch", "B", "--name", "B店"
        )
    )
    again = api().join(b.db, hub, branch_code="B", name="B店")
    assert again["resumed"] is True
    full_round(a, b)
    check_exactly_once([a, b], hub, made, sales)


@pytest.mark.parametrize("point", ["join_page", "join_restore"])
def test_join_into_an_empty_file_killed_mid_load_brings_its_indexes_back(
    make_branch: MakeBranch, hub: str, sync_env: dict[str, str], point: str
) -> None:
    """kill -9 of a bulk download (an empty file: its secondary indexes and search triggers
    set aside) after a page, and while remaking them: resuming brings every one back."""
    a, b = make_branch("A"), make_branch("B")
    made, sales = offline_day(a, n=4)
    join(a, hub)
    fresh = b.indexes_and_triggers()
    kill(
        start_paused(
            b, sync_env, point, "sync", "join", hub, "--branch", "B", "--name", "B店",
            "--page-size", "3",
        )
    )  # fmt: skip
    assert b.indexes_and_triggers() < fresh  # set aside, their SQL kept in the file
    again = api().join(b.db, hub, branch_code="B", name="B店")
    assert again["resumed"] is True
    assert b.indexes_and_triggers() == fresh
    with b.tx() as s:
        for i, cid in enumerate(made):
            assert cid in {hit.id for hit in search_customers(s, f"障害{i}")}
    full_round(a, b)
    check_exactly_once([a, b], hub, made, sales)


def test_join_killed_while_uploading_resumes(
    make_branch: MakeBranch, hub: str, sync_env: dict[str, str]
) -> None:
    """kill -9 of the first shop's `sync join` just after the hub took an upload page."""
    a, b = make_branch("A"), make_branch("B")
    made, sales = offline_day(a, n=4)
    kill(
        start_paused(
            a, sync_env, "upload_after_commit", "sync", "join", hub, "--branch", "A",
            "--name", "A店",
        )
    )  # fmt: skip
    sync(a)
    join(b, hub)
    full_round(a, b)
    check_exactly_once([a, b], hub, made, sales)


def test_two_processes_pushing_at_once(
    make_branch: MakeBranch, hub: str, sync_env: dict[str, str]
) -> None:
    """The window's background sync and a `sync now` at the same moment on one branch, and
    another branch pushing meanwhile."""
    a, b, c = make_branch("A"), make_branch("B"), make_branch("C")
    join_all(hub, a, b, c)
    made_a, sales_a = offline_day(a, n=4)
    made_b, sales_b = offline_day(b, n=4)
    procs = [
        subprocess.Popen(
            crmdesk_command(branch.path, "sync", "now", "--json"),
            env=sync_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for branch in (a, a, b)
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        results.append((proc.returncode, out, err))
    for rc, out, err in results:
        assert rc in (0, 2), err  # 2: "a sync is already running", said clearly
        if rc == 2:
            assert '"code"' in out, out
    assert any(r[0] == 0 for r in results[:2]) and results[2][0] == 0
    full_round(a, b, c)
    check_exactly_once([a, b, c], hub, made_a | made_b, sales_a + sales_b)
