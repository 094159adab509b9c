"""The hybrid logical clock: order, ties and the clock-drift rule sync relies on."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmdesk.core.errors import DomainError
from crmdesk.core.hlc import MAX_DRIFT_MS, HybridClock, Timestamp, wall_time


class Wall:
    """A wall clock a test moves by hand (milliseconds)."""

    def __init__(self, millis: int) -> None:
        self.millis = millis

    def __call__(self) -> int:
        return self.millis


T0 = 1_732_280_000_000


def test_text_order_is_clock_order() -> None:
    stamps = [
        Timestamp(T0, 0, "b"),
        Timestamp(T0, 1, "a"),
        Timestamp(T0 + 1, 0, "a"),
        Timestamp(T0 + 10_000, 12, "a"),
    ]
    assert sorted(stamps, key=Timestamp.encode) == sorted(stamps)
    assert Timestamp.decode(stamps[1].encode()) == stamps[1]


def test_a_stopped_wall_clock_still_gives_growing_stamps() -> None:
    wall = Wall(T0)
    clock = HybridClock("a", wall=wall)
    first, second = clock.now(), clock.now()
    wall.millis -= 5_000  # the computer's clock was set back
    third = clock.now()
    assert first < second < third
    assert third.millis == T0  # never goes back with the wall clock


def test_the_node_breaks_a_tie_between_branches() -> None:
    a = HybridClock("a", wall=Wall(T0)).now()
    b = HybridClock("b", wall=Wall(T0)).now()
    assert (a.millis, a.counter) == (b.millis, b.counter)
    assert a < b
    assert a.encode() < b.encode()


def test_a_remote_stamp_within_a_minute_is_taken() -> None:
    clock = HybridClock("a", wall=Wall(T0))
    remote = Timestamp(T0 + MAX_DRIFT_MS, 3, "b")
    merged = clock.receive(remote)
    assert merged > remote
    assert clock.now() > merged


def test_a_remote_stamp_past_a_minute_ahead_is_refused_and_changes_nothing() -> None:
    clock = HybridClock("a", wall=Wall(T0))
    before = clock.now()
    with pytest.raises(DomainError) as caught:
        clock.receive(Timestamp(T0 + MAX_DRIFT_MS + 1, 0, "b"))
    assert caught.value.code == "clock_drift"
    after = clock.now()
    assert after.millis == before.millis  # our clock did not jump to the wrong time
    assert after.counter == before.counter + 1


def test_observing_a_far_future_stamp_caps_our_clock_at_a_minute_ahead() -> None:
    wall = Wall(T0)
    clock = HybridClock("a", wall=wall)
    clock.observe(Timestamp(T0 + 24 * 3600 * 1000, 7, "b"))  # a branch with a wrong date
    ours = clock.now()
    assert ours.millis == T0 + MAX_DRIFT_MS
    # When the wall clock catches up, stamps follow it again.
    wall.millis = T0 + 2 * MAX_DRIFT_MS
    assert clock.now() == Timestamp(T0 + 2 * MAX_DRIFT_MS, 0, "a")


def test_wall_time_reads_the_moment_of_a_stamp() -> None:
    moment = wall_time(Timestamp(T0, 4, "x").encode())
    assert moment is not None
    assert int(moment.timestamp() * 1000) == T0
    assert wall_time("") is None
    assert wall_time("not-a-stamp") is None


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["now", "receive", "observe"]),
            st.integers(-2_000, 2_000),  # wall clock steps, back and forth
            st.integers(-MAX_DRIFT_MS, MAX_DRIFT_MS),  # remote offset from our wall
            st.integers(0, 20),
        ),
        max_size=30,
    )
)
def test_every_local_stamp_is_greater_than_everything_seen(steps) -> None:
    wall = Wall(T0)
    clock = HybridClock("m", wall=wall)
    seen = Timestamp(0, 0, "")
    for op, step, offset, counter in steps:
        wall.millis += step
        if op == "now":
            stamp = clock.now()
            assert stamp > seen
            seen = stamp
        elif op == "receive":
            remote = Timestamp(wall.millis + offset, counter, "r")
            stamp = clock.receive(remote)
            assert stamp > remote
            assert stamp > seen
            seen = stamp
        else:
            remote = Timestamp(wall.millis + offset, counter, "r")
            clock.observe(remote)
            seen = max(seen, remote)
    assert clock.now() > seen
