"""The one way the benchmarks time a call: the median of many runs after warm-ups."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def timed(fn: Callable[[], object], runs: int, warmups: int = 1) -> float:
    """Median milliseconds of `runs` calls of `fn`, after `warmups` untimed ones."""
    for _ in range(warmups):
        fn()
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    return statistics.median(samples)
