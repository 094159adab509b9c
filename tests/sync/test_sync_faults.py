"""A failure at every step of push, pull and join, then the next sync: nothing lost, nothing
doubled. In-process, through ``crmdesk.sync.faults`` (the engine calls ``faults.point`` at
each named moment; a test arms one to raise)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import psycopg
import pytest

from crmdesk.core.errors import DomainError
from tests.helpers.branches import BranchFile, assert_balances_match_ledger, assert_converged
from tests.helpers.sync_ops import api, full_round, join, join_all, sync

MakeBranch = Callable[..., BranchFile]

PUSH_POINTS = ["push_before_commit", "push_after_commit", "push_after_trim"]
PULL_POINTS = ["pull_page_read", "pull_mid_apply", "pull_before_commit"]


def faults():  # noqa: ANN201 - the engine's module
    from crmdesk.sync import faults as module

    return module


@contextmanager
def cut_at(point: str) -> Iterator[None]:
    """The line is cut once at ``point``: the sync fails as a cut line does."""
    with (
        faults().armed(point, exc=ConnectionError("line cut"), times=1),
        pytest.raises((ConnectionError, DomainError)) as caught,
    ):
        yield
    if isinstance(caught.value, DomainError):
        assert caught.value.code == "hub_unreachable", caught.value.code


def offline_day(branch: BranchFile, n: int = 3) -> tuple[dict[str, int], list[str]]:
    """A day at the counter: new customers, each buying twice.

    Returns each new customer's expected balance, and the sales made.
    """
    made: dict[str, int] = {}
    sales: list[str] = []
    for i in range(n):
        cid = branch.add_customer(family_name=f"障害{i}", phone1=f"090-0000-{i:04d}")
        sales += [branch.buy(cid, 1000 * (i + 1)), branch.buy(cid, 500)]
        made[cid] = (1000 * (i + 1)) // 100 + 5
    return made, sales


def purchase_counts(branch: BranchFile) -> dict[str, int]:
    with branch.db.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT id, count(*) FROM purchase GROUP BY id")
        return dict(rows.fetchall())


def check_exactly_once(
    branches: list[BranchFile], hub: str, made: dict[str, int], sales: list[str]
) -> None:
    """Every customer and sale at every branch, once; balances as earned; queues empty."""
    for branch in branches:
        assert set(made) <= branch.customer_ids()
        counts = purchase_counts(branch)
        assert all(counts.get(s) == 1 for s in sales)
        for cid, expected in made.items():
            assert branch.balance(cid) == expected
        assert_balances_match_ledger(branch)
        assert api().status(branch.db)["waiting"] == 0
    assert_converged(*branches, hub)


@pytest.fixture
def two(
    joined_branches: Callable[..., list[BranchFile]], hub: str
) -> tuple[BranchFile, BranchFile, str]:
    a, b = joined_branches("A", "B")
    return a, b, hub


@pytest.mark.parametrize("point", PUSH_POINTS)
def test_a_push_cut_at_any_step_is_resent_once(two, point: str) -> None:  # noqa: ANN001
    a, b, hub = two
    made, sales = offline_day(a)
    with cut_at(point):
        api().sync_now(a.db)
    if point == "push_before_commit":  # the hub rolled back: still waiting here
        assert api().status(a.db)["waiting"] > 0
    full_round(a, b)
    check_exactly_once([a, b], hub, made, sales)


@pytest.mark.parametrize("point", PULL_POINTS)
def test_a_pull_cut_at_any_step_keeps_nothing_then_catches_up(two, point: str) -> None:  # noqa: ANN001
    a, b, hub = two
    made, sales = offline_day(a)
    sync(a)
    cursor = api().status(b.db)["cursor"]
    with cut_at(point):
        api().sync_now(b.db)
    assert api().status(b.db)["cursor"] == cursor  # the cursor never runs ahead of rows
    assert not set(made) & b.customer_ids(), "half a page must not be kept"
    full_round(a, b)
    check_exactly_once([a, b], hub, made, sales)


def test_a_join_cut_after_a_page_resumes_where_it_stopped(
    make_branch: MakeBranch, hub: str
) -> None:
    a, b = make_branch("A"), make_branch("B")
    made, sales = offline_day(a, n=6)
    join(a, hub)
    with cut_at("join_page"):
        api().join(b.db, hub, branch_code="B", name="B店", page_size=2)
    again = api().join(b.db, hub, branch_code="B", name="B店", page_size=2)
    assert again["resumed"] is True
    full_round(a, b)
    check_exactly_once([a, b], hub, made, sales)


def test_a_join_upload_cut_after_the_hub_took_a_page_sends_it_once(
    make_branch: MakeBranch, hub: str
) -> None:
    """The first shop's file goes up in bulk pages; the line is cut after the hub
    committed one and before this file knew: joining again sends every row once."""
    a, b = make_branch("A"), make_branch("B")
    made, sales = offline_day(a, n=6)
    with cut_at("upload_after_commit"):
        join(a, hub)
    assert api().status(a.db)["joining"] is False  # joined: only the upload is left
    again = api().sync_now(a.db)
    assert again["pushed"] > 0  # the page the hub already had, now confirmed, changes nothing
    join(b, hub)
    full_round(a, b)
    check_exactly_once([a, b], hub, made, sales)
    with psycopg.connect(hub) as pg:
        (doubled,) = pg.execute(
            "SELECT count(*) FROM (SELECT tbl, row_id FROM hub_change WHERE op = 'i' "
            "GROUP BY tbl, row_id HAVING count(*) > 1) AS d"
        ).fetchone()
    assert doubled == 0, "a row the hub took twice"


def test_a_transient_failure_then_idle_still_drains_the_queue(two) -> None:  # noqa: ANN001
    a, b, hub = two
    made, sales = offline_day(a)
    for _ in range(2):  # two failures in a row, then the line comes back
        with cut_at("push_before_commit"):
            api().sync_now(a.db)
    assert api().status(a.db)["last_error"] is not None
    full_round(a, b)
    assert api().status(a.db)["last_error"] is None
    check_exactly_once([a, b], hub, made, sales)


def test_a_big_outbox_goes_up_in_bounded_batches(two) -> None:  # noqa: ANN001
    a, b, hub = two
    made, sales = offline_day(a, n=10)
    before = api().status(a.db)["waiting"]
    with cut_at("push_after_trim"):  # stop right after the first batch was acknowledged
        api().sync_now(a.db, max_batch=5)
    after = api().status(a.db)["waiting"]
    assert 0 < before - after <= 5, (before, after)
    sync(a, b)
    check_exactly_once([a, b], hub, made, sales)


def test_a_slow_push_holding_a_sequence_is_never_skipped(make_branch: MakeBranch, hub: str) -> None:
    """A takes sequence numbers and stalls before its commit; B pushes after and commits
    first; C pulls in between. When A commits, C must still get A's rows."""
    a, b, c = make_branch("A"), make_branch("B"), make_branch("C")
    join_all(hub, a, b, c)
    made_a, sales_a = offline_day(a, n=2)
    made_b, sales_b = offline_day(b, n=2)
    reached, release = threading.Event(), threading.Event()

    def stall() -> None:
        reached.set()
        assert release.wait(30)

    errors: list[BaseException] = []

    def run(branch: BranchFile) -> None:
        try:
            api().sync_now(branch.db)
        except BaseException as error:  # noqa: BLE001 - reported by the test below
            errors.append(error)

    with faults().armed("push_before_commit", hook=stall, times=1):
        slow = threading.Thread(target=run, args=(a,))
        slow.start()
        assert reached.wait(30)
        fast = threading.Thread(target=run, args=(b,))
        fast.start()
        fast.join(3)  # B may wait for A (serialised) or commit first: both are allowed
        api().sync_now(c.db)  # a puller in between
        release.set()
        slow.join(30)
        fast.join(30)
    assert not errors, errors
    full_round(a, b, c)
    check_exactly_once([a, b, c], hub, made_a | made_b, sales_a + sales_b)


def test_a_line_that_dies_mid_sync_is_given_up_within_a_minute(hub: str) -> None:
    """A pulled cable sends no reset: the hub's connections probe an idle line and drop
    one whose data goes unacknowledged (libpq's keepalives, tcp_user_timeout), so a sync
    waiting on a hub that has gone says offline instead of 同期中… for a quarter hour. A
    URL that sets its own values keeps them."""
    from crmdesk.sync import hub as hub_module

    def parameters(url: str) -> dict[str, str]:
        engine = hub_module._engine(url, None, poolclass=hub_module.NullPool)
        try:
            with engine.connect() as conn:
                raw = conn.connection.driver_connection
                assert isinstance(raw, psycopg.Connection)
                return raw.info.get_parameters()
        finally:
            engine.dispose()

    found = parameters(hub)
    assert (found["keepalives"], found["keepalives_idle"]) == ("1", "10")
    assert (found["keepalives_interval"], found["keepalives_count"]) == ("5", "3")
    assert found["tcp_user_timeout"] == "30000"
    idle = int(found["keepalives_idle"]) + int(found["keepalives_interval"]) * 3
    assert idle <= 60 and int(found["tcp_user_timeout"]) <= 60_000
    joiner = "&" if "?" in hub else "?"
    assert parameters(f"{hub}{joiner}keepalives_idle=30")["keepalives_idle"] == "30"
