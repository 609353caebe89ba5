"""A progress bar on stderr for work long enough to wait on: building a large KB's index,
encoding its phrasings. Only on a terminal: piped runs and scripts see nothing."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def progress(label: str, total: int, worth_showing: bool) -> Iterator[Callable[[int], None]]:
    """A function to report how many of `total` are done; a bar while it runs, when
    `worth_showing` and stderr is a terminal, else nothing. The bar is gone once done."""
    if not worth_showing or not sys.stderr.isatty():
        yield lambda done: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(transient=True, console=Console(file=sys.stderr)) as bar:
        task = bar.add_task(label, total=total)
        yield lambda done: bar.update(task, completed=done)
