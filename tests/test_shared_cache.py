"""The view cache computes a view once however many sessions ask for it at the same moment
(unionboard.memo.shared_lru), keeps the most recently used, and keeps no failure."""
from __future__ import annotations

import threading
import time

import pytest

from unionboard.memo import shared_lru


def test_callers_at_the_same_moment_share_one_computation():
    calls = []
    started = threading.Event()

    @shared_lru(maxsize=8)
    def slow(x: int) -> int:
        calls.append(x)
        started.set()
        time.sleep(0.2)  # long enough for every other thread to arrive while it computes
        return x * 10

    results = []
    threads = [threading.Thread(target=lambda: results.append(slow(3))) for _ in range(30)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == [3] and results == [30] * 30
    info = slow.cache_info()
    assert (info.hits, info.misses, info.currsize) == (29, 1, 1)


def test_least_recently_used_goes_first():
    calls = []

    @shared_lru(maxsize=2)
    def f(x: int) -> int:
        calls.append(x)
        return x

    f(1), f(2), f(1), f(3)  # 2 is the least recently used when 3 arrives
    f(1), f(2)
    assert calls == [1, 2, 3, 2]


def test_a_failure_is_not_kept():
    calls = []

    @shared_lru(maxsize=4)
    def flaky(x: int) -> int:
        calls.append(x)
        if len(calls) == 1:
            raise OSError("disk")
        return x

    with pytest.raises(OSError):
        flaky(5)
    assert flaky(5) == 5 and calls == [5, 5]
    flaky.cache_clear()
    assert flaky.cache_info().currsize == 0
