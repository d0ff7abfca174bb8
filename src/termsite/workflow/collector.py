"""Python's cyclic garbage collector, set for a build.

A build keeps a large heap alive for its whole run (the corpus, MkDocs' pages and navigation)
while it makes and drops millions of small objects (comparison sides, template output). With the
default threshold (a young-generation collection every 700 allocations) Python collected about
2,000 times at 40 versions, and each collection that reached the older generations walked the
whole heap: 1.7 s of an 8 s build, growing faster than the history. Collecting every 50,000
allocations cut that to 0.4 s with the same peak memory (BENCHMARKS.md). Reference cycles are
still collected, just in larger batches.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG_THRESHOLD = 50_000


@contextmanager
def batch_collection() -> Iterator[None]:
    """Collect in larger batches while the block runs; the previous setting afterwards."""
    before = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
