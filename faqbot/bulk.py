"""Building many long-lived objects at once without the cyclic garbage collector's toll.

Loading a large KB makes millions of objects that live for the whole run (YAML nodes, entries,
tokens) and hold no reference cycles. Python's collector scans every tracked object each time
the older generations fill, so its cost grows with the heap: on a 100,000-entry KB it took
three quarters of YAML composition (3 s without it, 14 s with it). While a bulk build runs the
collector is paused; afterwards what was built is frozen (`gc.freeze`) so that later
collections, during a long batch of questions, skip it. Objects still die as their references
go (reference counting is untouched); only cycles among frozen objects would outlive the run.

A run answering questions is the other toll (see collect_rarely).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# The collector's thresholds for a run of faqbot, where Python's are (700, 10, 10): a new
# collection after this many more container objects made than freed, and an older one after
# this many of the younger.
RUN_THRESHOLDS = (50_000, 20, 20)


def collect_rarely() -> None:
    """Collect cycles less often than Python does by default. Answering a question makes
    and frees many small containers, and on a large KB keeps thousands of decoded entries
    for the questions after it (index_store.KEPT_ROWS): at Python's thresholds the collector
    ran about once a question and, in its older generations, scanned every entry kept. On
    the 100,000-entry scale KB that was 1.3 ms of a question's 6.7 (curekart's queries);
    with these, 0.35 ms. faqbot's objects seldom form cycles (reference counting frees
    them), and those that do wait at most 50,000 allocations: a few MB. mypy raises the
    first threshold likewise, for the same reason."""
    gc.set_threshold(*RUN_THRESHOLDS)


@contextmanager
def bulk_build() -> Iterator[None]:
    """Pause the cyclic collector while the block runs; freeze what survives it. Nested
    blocks leave the outermost one in charge."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()
