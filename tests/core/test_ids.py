import os
import threading
import time
import uuid

from crmdesk.core.ids import derived_id, new_id


def test_new_ids_are_uuid7_in_the_order_they_were_made() -> None:
    before = time.time_ns() // 1_000_000
    ids = [new_id() for _ in range(5000)]  # far more than one per millisecond
    parsed = [uuid.UUID(i) for i in ids]
    assert all(str(u) == i for u, i in zip(parsed, ids, strict=True))  # canonical text
    assert {u.version for u in parsed} == {7}
    assert {u.variant for u in parsed} == {uuid.RFC_4122}
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert parsed[0].int >> 80 >= before  # the time part is the clock's milliseconds
    assert parsed[0].int >> 80 <= time.time_ns() // 1_000_000


def test_new_ids_differ_in_their_random_part() -> None:
    tails = {new_id()[-12:] for _ in range(1000)}
    assert len(tails) == 1000


def test_a_derived_id_is_the_same_wherever_it_is_made() -> None:
    seed = new_id()
    assert derived_id(seed, "expiry") == derived_id(seed, "expiry")
    assert derived_id(seed, "expiry") != derived_id(seed, "other")
    assert uuid.UUID(derived_id(seed, "expiry")).version == 7
    assert derived_id(seed, "expiry")[:13] == seed[:13]  # the seed's time part


def test_a_forked_process_makes_other_ids_than_its_parent() -> None:
    new_id()  # the parent's pool of random parts is filled
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through the pipe
        os.write(write, "".join(new_id()[-12:] for _ in range(50)).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        theirs = pipe.read()
    os.waitpid(child, 0)
    ours = "".join(new_id()[-12:] for _ in range(50))
    assert len(theirs) == len(ours) == 600
    assert not {theirs[i : i + 12] for i in range(0, 600, 12)} & {
        ours[i : i + 12] for i in range(0, 600, 12)
    }


def test_threads_make_ids_of_their_own() -> None:
    made: list[list[str]] = [[] for _ in range(4)]

    def make(out: list[str]) -> None:
        out.extend(new_id() for _ in range(3000))

    threads = [threading.Thread(target=make, args=(out,)) for out in made]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    every = [i for out in made for i in out]
    assert len(set(every)) == len(every) == 12000
    assert len({i[-12:] for i in every}) == 12000  # the random parts too
