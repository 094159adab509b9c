"""Typing at the counter while the window pulls 10,000 changes from the hub.

    python -m pytest tests/bench/test_bench_sync_typing.py -s -p no:cacheprovider -n 0

Target (issue 15): the longest event-loop gap while the sync runs <= 50 ms (the UI bench's
freeze limit), the median over several rounds. Each round measures, in one run:

- the sync in its own process (the window's default), from the start of the sync until a
  second after the window showed what it brought (its list and count re-read: a typist
  feels that too);
- the baseline: the same typing with no sync, for as long as that took (the longest gap
  of a longer measurement is longer on a busy machine: same length, fair comparison);
- the same sync on a thread of the window (the fallback where no child can start).

The machine is shared: another program holding the CPU stops the window however little it
does. So each gap is also told without the time the UI thread stood ready but waited for a
CPU (Linux's /proc/thread-self/schedstat): what is left is the window's own share (its own
work, and the interpreter lock held by its threads). The assertion holds that share to the
limit in the process rounds; the raw figures are printed beside it.
CRMDESK_BENCH_SYNC_TYPING_CHANGES overrides the 10,000, ..._ROUNDS the 3 rounds.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _pytest.fixtures import FixtureFunctionDefinition

from tests.helpers.loop_gaps import LoopGaps
from tests.helpers.qt_typing import type_text
from tests.helpers.window_settled import wait_settled
from tests.sync import conftest as sync_fixtures

# every fixture of the sync tests under its own name (tests/sync/conftest.py is not in scope)
globals().update(
    {
        name: value
        for name, value in vars(sync_fixtures).items()
        if isinstance(value, FixtureFunctionDefinition)
    }
)

CHANGES = int(os.environ.get("CRMDESK_BENCH_SYNC_TYPING_CHANGES", "10000"))
ROUNDS = int(os.environ.get("CRMDESK_BENCH_SYNC_TYPING_ROUNDS", "3"))
FREEZE_LIMIT_MS = 50


@pytest.fixture
def settings_dir(qapp: Any, tmp_path: Path) -> Iterator[None]:
    from PySide6.QtCore import QSettings

    from crmdesk.ui.app import install_japanese_font

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    install_japanese_font(qapp)
    from crmdesk.ui import settings

    settings.set_value("hub/interval_minutes", "0")
    settings.set_value("hub/debounce_seconds", "3600")  # only the sync the bench starts
    yield


SCHEDSTAT = Path("/proc/thread-self/schedstat")


class Gaps(LoopGaps):
    """:class:`LoopGaps`, and each gap without the time the UI thread waited for a CPU."""

    def __init__(self) -> None:
        super().__init__()
        self.longest_own = 0.0
        self._waited: float | None = None

    def _waited_s(self) -> float:
        try:  # ns on a CPU, ns ready but waiting for one, time slices
            return int(SCHEDSTAT.read_text().split()[1]) / 1e9
        except OSError:  # not Linux: every gap counts whole
            return 0.0

    def _tick(self) -> None:
        now, waited = time.perf_counter(), self._waited_s()
        if self.last is not None and self._waited is not None:
            self.longest_own = max(self.longest_own, now - self.last - (waited - self._waited))
        super()._tick()
        self._waited = waited

    def __enter__(self) -> Gaps:
        self._waited = None
        super().__enter__()
        return self

    @property
    def own_ms(self) -> float:
        return self.longest_own * 1000


def typing_gaps(window: Any, qtbot: Any, keep_going: Any) -> tuple[Gaps, int]:
    search = window.ui.search_edit
    search.setFocus()
    rounds = 0
    with Gaps() as gaps:
        while keep_going() or rounds == 0:
            search.clear()
            type_text(search, "やまだ")
            qtbot.wait(5)
            rounds += 1
    return gaps, rounds


def pull_while_typing(branch: Any, qtbot: Any, *, in_process: bool) -> dict[str, Any]:
    """A window on ``branch`` pulls what waits on the hub while someone types."""
    from PySide6.QtCore import QThreadPool

    from crmdesk.services import customer_list
    from crmdesk.ui.main_window import MainWindow
    from crmdesk.ui.workers import WRITER

    window = MainWindow(branch.db)
    qtbot.addWidget(window)
    window.sync.use_process = in_process
    window.show()
    qtbot.waitUntil(lambda: window.sync.view.joined, timeout=60_000)
    qtbot.waitUntil(lambda: not window.sync.running, timeout=60_000)
    wait_settled(window, qtbot)
    ended: list[float] = []
    window.sync.synced.connect(lambda _outcome: ended.append(time.perf_counter()))

    def syncing() -> bool:  # and a second after: the list and count re-read what came
        return not ended or time.perf_counter() < ended[0] + 1.0

    started = time.perf_counter()
    job = window.sync.sync_now()
    assert job is not None
    during, rounds = typing_gaps(window, qtbot, syncing)
    seconds = time.perf_counter() - started
    end = time.perf_counter() + min(seconds, 60)
    baseline, _ = typing_gaps(window, qtbot, lambda: time.perf_counter() < end)
    with branch.tx() as s:
        arrived = customer_list.count_customers(s)
    qtbot.waitUntil(lambda: window.customer_count == arrived, timeout=60_000)
    window.close()
    pools = (QThreadPool.globalInstance(), WRITER)  # nothing of it runs past the test
    qtbot.waitUntil(lambda: all(p.activeThreadCount() == 0 for p in pools), timeout=60_000)
    return {"baseline": baseline, "during": during, "s": seconds, "typed": rounds, "n": arrived}


def test_typing_while_10000_changes_arrive(
    make_branch: Any, hub: str, qtbot: Any, settings_dir: None
) -> None:
    from crmdesk.services import customers as customer_service
    from crmdesk.sync import api

    a = make_branch("A")
    api.join(a.db, hub, branch_code="A", name="本店")
    pullers = []  # joined before the changes exist: each pulls all of them incrementally
    for i in range(ROUNDS):
        for mode in ("P", "T"):
            branch = make_branch(f"{mode}{i}")
            api.join(branch.db, hub, branch_code=f"{mode}{i}", name=f"支店{mode}{i}")
            pullers.append((mode, branch))
    with a.db.transaction() as session:
        for i in range(CHANGES):
            customer_service.create_customer(
                session, {"family_name": "佐藤", "given_name": f"{i:05d}"}
            )
    started = time.perf_counter()
    api.sync_now(a.db)
    push_s = time.perf_counter() - started
    head = api.hub_status(hub)["head_seq"]

    runs: dict[str, list[dict[str, Any]]] = {"P": [], "T": []}
    for mode, branch in pullers:
        run = pull_while_typing(branch, qtbot, in_process=mode == "P")
        runs[mode].append(run)
        during, base = run["during"], run["baseline"]
        print(
            f"\n  {'process' if mode == 'P' else 'thread '} round:"
            f" longest gap {during.longest_ms:6.1f} ms (own share {during.own_ms:5.1f})"
            f" during the pull ({run['s']:.1f} s, typed {run['typed']} times),"
            f" {base.longest_ms:6.1f} ms (own {base.own_ms:5.1f}) without;"
            f" 99th percentile {during.percentile(0.99):.1f} ms;"
            f" gaps over {FREEZE_LIMIT_MS} ms: {during.over(FREEZE_LIMIT_MS)}"
            f" (without: {base.over(FREEZE_LIMIT_MS)}); load {os.getloadavg()[0]:.1f}",
            flush=True,
        )

    def median(mode: str, key: str, figure: str = "longest_ms") -> float:
        return statistics.median(getattr(run[key], figure) for run in runs[mode])

    process, thread = median("P", "during"), median("T", "during")
    own_p, own_t = median("P", "during", "own_ms"), median("T", "during", "own_ms")
    base_p, base_t = median("P", "baseline"), median("T", "baseline")
    load = os.getloadavg()[0]
    print(
        f"\n[bench sync typing] {CHANGES:,} customers (hub head_seq {head:,}),"
        f" push {push_s:.1f} s, {ROUNDS} rounds each (load average {load:.1f} on"
        f" {os.cpu_count()} cores, shared); median longest event-loop gap while pulling:"
        f"\n  sync in its own process {process:.1f} ms, own share {own_p:.1f} ms"
        f" (pull {statistics.median(r['s'] for r in runs['P']):.1f} s),"
        f" no sync for as long {base_p:.1f} ms, ratio {process / max(base_p, 0.1):.2f}x"
        f"\n  sync on a thread of the window {thread:.1f} ms, own share {own_t:.1f} ms"
        f" (pull {statistics.median(r['s'] for r in runs['T']):.1f} s),"
        f" no sync for as long {base_t:.1f} ms, ratio {thread / max(base_t, 0.1):.2f}x"
        f"\n  target <= {FREEZE_LIMIT_MS} ms; thread / process {thread / max(process, 0.1):.1f}x",
        flush=True,
    )
    assert all(run["n"] == CHANGES for run in runs["P"] + runs["T"])
    assert own_p <= FREEZE_LIMIT_MS
