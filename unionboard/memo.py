"""A least-recently-used cache that computes each key once however many callers ask at the same moment.

functools.lru_cache lets every caller that misses compute the value itself: when thirty sessions pick the
same town at once (a room following the presenter) the server computed the same views thirty times
(docs/performance.md). cachetools' `condition` makes the other callers wait for the first one's result;
an exception is not kept, so the next call tries again.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

import cachetools

F = TypeVar("F", bound=Callable[..., Any])


def shared_lru(maxsize: int) -> Callable[[F], F]:
    """Decorate a function of hashable arguments: an LRU cache of `maxsize` results, one computation per
    key at a time, with functools' cache_info() and cache_clear() (the benchmark reads cache_info)."""
    return cachetools.cached(cachetools.LRUCache(maxsize), condition=threading.Condition(), info=True)
